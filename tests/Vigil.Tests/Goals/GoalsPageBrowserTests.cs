using Microsoft.Playwright;
using Vigil.Testing;
using Vigil.Tests.Support;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Vigil.Tests.Goals;

/// <summary>The goals page in a real browser, on the seeded week of <see cref="GoalsSeed"/>.</summary>
[Collection(Heavy.Collection)]
public sealed class GoalsPageBrowserTests(ITestOutputHelper output)
{
    [Fact]
    public async Task GoalsPage_GoalAddedEditedDeleted_AchievementFollowsAndRevenueShows()
    {
        await using var server = await VigilServer.StartAsync(new ManualTimeProvider(GoalsSeed.Now));
        await GoalsSeed.SendAsync(server);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync();
        await Browser.LogInAsync(page, server);

        await page.GetByTestId("nav-goals").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Goals");
        await Expect(page.GetByTestId("goals-empty")).ToBeVisibleAsync();

        await page.GetByTestId("goal-metric").SelectOptionAsync("signups");
        await page.GetByTestId("goal-period").SelectOptionAsync("week");
        await page.GetByTestId("goal-target-input").FillAsync("4");
        await page.GetByTestId("goal-label-input").FillAsync("Weekly signups");
        await page.GetByTestId("goal-save").ClickAsync();

        await Expect(page.GetByTestId("goals-done")).ToBeVisibleAsync();
        var row = page.GetByTestId("goal-row");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("Weekly signups");
        await Expect(row.GetByTestId("goal-actual")).ToHaveTextAsync("2");
        await Expect(row.GetByTestId("goal-achievement")).ToHaveTextAsync("50%");

        await row.GetByTestId("goal-edit").ClickAsync();
        await Expect(page.GetByTestId("goal-target-input")).ToHaveValueAsync("4");
        await page.GetByTestId("goal-target-input").FillAsync("2");
        await page.GetByTestId("goal-save").ClickAsync();
        await Expect(page.GetByTestId("goal-row").GetByTestId("goal-achievement")).ToHaveTextAsync("100%");

        await Expect(page.GetByTestId("revenue-total-value")).ToHaveTextAsync("₩20,000");
        await Expect(page.GetByTestId("revenue-arpu-value")).ToHaveTextAsync("₩5,000");
        await Expect(page.GetByTestId("revenue-group")).ToHaveCountAsync(2);
        // pro: ₩17,000 over u1, whose latest plan is pro; basic: ₩3,000 over u2 and u3.
        await Expect(page.GetByTestId("revenue-group-arpu")).ToContainTextAsync(["₩17,000", "₩1,500"]);
        await Expect(page.Locator("[data-revenue-chart] canvas")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("csv-revenue")).ToHaveAttributeAsync("href", $"/api/projects/{server.ProjectId}/revenue?days=30&by=plan&format=csv");
        await Browser.ScreenshotAsync(page, "goals-page", output);

        await page.GetByTestId("goal-delete").ClickAsync();
        await Expect(page.GetByTestId("goals-empty")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task GoalsPage_TargetNotANumber_SaysWhyAndInKorean()
    {
        await using var server = await VigilServer.StartAsync(new ManualTimeProvider(GoalsSeed.Now));
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(locale: "ko-KR");
        await Browser.LogInAsync(page, server);
        await page.GotoAsync(new Uri(server.BaseAddress, $"/projects/{server.ProjectId}/goals").ToString());
        await Expect(page.Locator("h1")).ToHaveTextAsync("목표");

        await page.GetByTestId("goal-target-input").FillAsync("many");
        await page.GetByTestId("goal-save").ClickAsync();

        await Expect(page.GetByTestId("goals-problem")).ToContainTextAsync("target");
        await Expect(page.GetByTestId("goal-row")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("nav-goals")).ToHaveClassAsync("active");
        await Browser.ScreenshotAsync(page, "goals-page-korean", output);
    }
}
