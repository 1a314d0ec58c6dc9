using Microsoft.Playwright;
using Vigil.Tests.Support;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Vigil.Tests.Monitors;

/// <summary>The monitors pages in a real browser against a server on the real clock, whose scheduler checks on its own.</summary>
[Collection(Heavy.Collection)]
public sealed class MonitorsPageBrowserTests(ITestOutputHelper output)
{
    [Fact]
    public async Task CreateMonitor_BadUrlThenGood_ErrorThenTheMonitorCheckedUpOnItsPageAndInTheList()
    {
        await using var server = await VigilServer.StartAsync();
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync();
        await Browser.LogInAsync(page, server);

        await page.GetByTestId("nav-monitors").ClickAsync();
        await Browser.ExpectAddressAsync(page, $"/projects/{server.ProjectId}/monitors([?#]|$)");
        await Expect(page.GetByTestId("nav-monitors")).ToHaveClassAsync("active");
        await Expect(page.GetByTestId("monitors-empty")).ToBeVisibleAsync();

        await page.GetByTestId("monitor-name").FillAsync("api");
        await page.GetByTestId("monitor-url").FillAsync("ftp://files.example");
        await page.GetByTestId("monitor-create").ClickAsync();
        await Expect(page.GetByTestId("error-url")).ToContainTextAsync("absolute http or https URL");

        await page.GetByTestId("monitor-url").FillAsync(new Uri(server.BaseAddress, "healthz").ToString());
        await page.GetByTestId("monitor-keyword").FillAsync("ok");
        await page.GetByTestId("monitor-interval").FillAsync("10");
        await page.GetByTestId("monitor-create").ClickAsync();
        await Expect(page.GetByTestId("monitor-done")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("monitor-title")).ToHaveTextAsync("api");

        // The first check comes 1 to 10 s after the scheduler sees the monitor; the page shows it once reloaded.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await page.GetByTestId("monitor-status").TextContentAsync() != "Up" && DateTime.UtcNow < deadline)
        {
            await Task.Delay(1000);
            await page.ReloadAsync();
        }
        await Expect(page.GetByTestId("monitor-status")).ToHaveTextAsync("Up");
        await Expect(page.GetByTestId("range-uptime-24h")).ToHaveTextAsync("100%");
        await Expect(page.GetByTestId("monitor-sparkline")).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "monitor-detail", output);

        await page.GotoAsync(new Uri(server.BaseAddress, $"projects/{server.ProjectId}/monitors").ToString());
        var row = page.GetByTestId("monitor-row");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.GetByTestId("monitor-state")).ToHaveAttributeAsync("data-state", "up");
        await Expect(row.GetByTestId("monitor-uptime-24h")).ToHaveTextAsync("100%");
        await Browser.ScreenshotAsync(page, "monitors-list", output);
    }

    [Fact]
    public async Task MonitorsPage_Korean_LabelsInKoreanOnAPhone()
    {
        await using var server = await VigilServer.StartAsync();
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(phone: true);
        await page.Context.AddCookiesAsync([new Cookie { Name = "vigil_lang", Value = "ko", Url = server.BaseAddress.ToString() }]);
        await Browser.LogInAsync(page, server);

        await page.GotoAsync(new Uri(server.BaseAddress, $"projects/{server.ProjectId}/monitors").ToString());

        await Expect(page.Locator("h1")).ToHaveTextAsync("모니터");
        await Expect(page.GetByTestId("nav-monitors")).ToHaveTextAsync("모니터");
        await Expect(page.GetByTestId("monitor-create")).ToHaveTextAsync("모니터 만들기");
    }
}
