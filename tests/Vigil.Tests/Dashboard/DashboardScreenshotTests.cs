using Microsoft.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Monitors;
using Vigil.Tests.Support;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Vigil.Tests.Dashboard;

/// <summary>
/// The dashboard with a month of data, on a laptop and on a phone. Screenshots land in artifacts/screenshots
/// for a person to look at; the assertions check what a screenshot cannot: every chart drawn, every range served.
/// </summary>
[Collection(Heavy.Collection)]
public sealed class DashboardScreenshotTests(ITestOutputHelper output) : IAsyncLifetime
{
    private VigilServer _server = null!;
    private Browser _browser = null!;

    public async Task InitializeAsync()
    {
        _server = await VigilServer.StartAsync();
        await DashboardSeed.SendAsync(_server, TimeProvider.System.GetUtcNow());
        // The server probes itself, so the uptime tile has something to show.
        using var admin = _server.CreateAdminClient();
        var project = await admin.GetJsonAsync($"api/projects/{_server.ProjectId}");
        using var response = await admin.PutAsync($"api/projects/{_server.ProjectId}", Json.Body(new
        {
            name = "Shop",
            timeZone = (string)project["timeZone"]!,
            keyEvents = project["keyEvents"],
            targets = project["targets"],
            healthUrl = new Uri(_server.BaseAddress, "healthz").ToString(),
        }));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        await _server.Services.GetRequiredService<MonitorSchedulerJob>().CheckAllAsync(CancellationToken.None);
        _browser = await Browser.LaunchAsync();
    }

    [Fact]
    public async Task Dashboard_MonthOfData_DrawsEveryChartOnLaptop()
    {
        var page = await _browser.NewPageAsync(Browser.Laptop);
        await Browser.LogInAsync(page, _server);

        await ExpectChartsDrawnAsync(page);
        await Expect(page.GetByTestId("getting-started")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("tile-p95ResponseTime-status")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("tile-uptime-value")).Not.ToHaveTextAsync("—", new() { Timeout = 10_000 });
        await Browser.ScreenshotAsync(page, "dashboard-laptop-24h", output);

        foreach (var range in new[] { "7d", "30d" })
        {
            await page.Locator($"a[data-range='{range}']").ClickAsync();
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"range={range}$"));
            await Expect(page.Locator("[data-dashboard]")).ToHaveAttributeAsync("data-charts-range", range);
            await page.WaitForTimeoutAsync(1200);
            await Browser.ScreenshotAsync(page, $"dashboard-laptop-{range}", output);
        }

        await page.GetByRole(AriaRole.Link, new() { Name = "Settings" }).ClickAsync();
        await Expect(page.GetByTestId("settings-health-url")).ToHaveValueAsync(new Uri(_server.BaseAddress, "healthz").ToString());
        await Browser.ScreenshotAsync(page, "settings-laptop", output);
    }

    [Fact]
    public async Task Dashboard_MonthOfData_FitsAPhone()
    {
        var page = await _browser.NewPageAsync(phone: true);
        await page.GotoAsync(new Uri(_server.BaseAddress, "/login").ToString());
        await Browser.ScreenshotAsync(page, "login-phone", output);
        await Browser.LogInAsync(page, _server);

        await ExpectChartsDrawnAsync(page);
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflow, "the page scrolls sideways on a phone");
        await Browser.ScreenshotAsync(page, "dashboard-phone", output);

        await page.GetByTestId("language-switch").ClickAsync();
        await ExpectChartsDrawnAsync(page);
        await Browser.ScreenshotAsync(page, "dashboard-phone-korean", output);
    }

    private static async Task ExpectChartsDrawnAsync(IPage page)
    {
        foreach (var chart in new[] { "traffic", "signups", "plans" })
        {
            await Expect(page.Locator($"[data-chart='{chart}'] canvas")).ToHaveCountAsync(1);
            await Expect(page.Locator($"[data-chart='{chart}']")).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("skeleton"));
        }
        // ECharts animates its first drawing for a second.
        await page.WaitForTimeoutAsync(1200);
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        await _server.DisposeAsync();
    }
}
