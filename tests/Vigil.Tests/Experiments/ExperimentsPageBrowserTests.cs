using Microsoft.Playwright;
using Vigil.Testing;
using Vigil.Tests.Support;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Vigil.Tests.Experiments;

/// <summary>The experiment pages in a real browser: created with the form, started, read while not final and once decided, stopped with a decision.</summary>
[Collection(Heavy.Collection)]
public sealed class ExperimentsPageBrowserTests(ITestOutputHelper output)
{
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ExperimentPages_CreateStartSeeResultsStop_ShowTheVerdictAndDecision()
    {
        var time = new ManualTimeProvider(Start);
        await using var server = await VigilServer.StartAsync(time);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync();
        await Browser.LogInAsync(page, server);

        await page.GetByTestId("nav-experiments").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Experiments");
        await Expect(page.GetByTestId("experiments-empty")).ToBeVisibleAsync();
        await page.GetByTestId("experiment-key").FillAsync("checkout");
        await page.GetByTestId("experiment-name").FillAsync("Green checkout button");
        await page.GetByTestId("experiment-variants").FillAsync("control, green");
        await page.GetByTestId("experiment-goal").FillAsync("order");
        await page.GetByTestId("experiment-baseline").FillAsync("0.1");
        await page.GetByTestId("experiment-lift").FillAsync("1");
        await page.GetByTestId("experiment-save").ClickAsync();

        await Expect(page.GetByTestId("experiment-done")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("experiment-status")).ToHaveTextAsync("Draft");
        await page.GetByTestId("experiment-start").ClickAsync();
        await Expect(page.GetByTestId("experiment-status")).ToHaveTextAsync("Running");
        await Expect(page.GetByTestId("experiment-verdict")).ToContainTextAsync("Not final: 0 of ");
        await Expect(page.GetByTestId("experiment-decided-on")).ToHaveCountAsync(0);

        time.Advance(TimeSpan.FromMinutes(1));
        await ExperimentSeed.SendGreenWinsAsync(server, "checkout", Start.AddSeconds(10), TimeSpan.FromSeconds(30));
        time.Advance(TimeSpan.FromHours(1));

        await page.ReloadAsync();
        var green = page.Locator("[data-testid=experiment-arm][data-variant=green]");
        await Expect(green.GetByTestId("arm-exposed")).ToHaveTextAsync("250");
        await Expect(green.GetByTestId("arm-converted")).ToHaveTextAsync("75");
        await Expect(green.GetByTestId("arm-rate")).ToContainTextAsync("30.0 %");
        await Expect(green.GetByTestId("arm-lift")).ToContainTextAsync("+200.0 %");
        await Expect(green.GetByTestId("arm-p")).ToHaveTextAsync("< 0.0001");
        await Expect(page.GetByTestId("experiment-verdict")).ToContainTextAsync("green wins: +200.0 % conversion (95 % CI +");
        // 10:00 in Seoul, the project's zone.
        await Expect(page.GetByTestId("experiment-decided-on")).ToHaveTextAsync("decided on 2026-11-20");
        await Expect(page.GetByTestId("experiment-progress")).ToHaveTextAsync("100%");
        await Browser.ScreenshotAsync(page, "experiment-page", output);

        await page.GetByTestId("experiment-stop").Locator("summary").ClickAsync();
        await page.GetByTestId("experiment-ship").SelectOptionAsync("green");
        await page.GetByTestId("experiment-note").FillAsync("Ship it to everyone");
        await page.GetByTestId("experiment-stop-confirm").ClickAsync();
        await Expect(page.GetByTestId("experiment-status")).ToHaveTextAsync("Stopped");
        await Expect(page.GetByTestId("experiment-decision")).ToContainTextAsync("the team shipped green — Ship it to everyone");

        await page.GetByTestId("nav-experiments").ClickAsync();
        var row = page.GetByTestId("experiment-row");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.GetByTestId("experiment-verdict")).ToContainTextAsync("green wins");
    }

    [Fact]
    public async Task ExperimentsPage_Korean_BadWeightSaysWhichField()
    {
        await using var server = await VigilServer.StartAsync(new ManualTimeProvider(Start));
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(locale: "ko-KR");
        await Browser.LogInAsync(page, server);
        await page.GotoAsync(new Uri(server.BaseAddress, $"/projects/{server.ProjectId}/experiments").ToString());
        await Expect(page.Locator("h1")).ToHaveTextAsync("실험");

        await page.GetByTestId("experiment-key").FillAsync("checkout");
        await page.GetByTestId("experiment-name").FillAsync("결제 버튼");
        await page.GetByTestId("experiment-weights").FillAsync("1, 0");
        await page.GetByTestId("experiment-goal").FillAsync("order");
        await page.GetByTestId("experiment-baseline").FillAsync("0.1");
        await page.GetByTestId("experiment-lift").FillAsync("0.2");
        await page.GetByTestId("experiment-save").ClickAsync();

        await Expect(page.GetByTestId("experiments-problem")).ToContainTextAsync("variants[1].weight");
        await Expect(page.GetByTestId("experiment-name")).ToHaveValueAsync("결제 버튼");
        await Expect(page.GetByTestId("experiments-empty")).ToBeVisibleAsync();
    }
}
