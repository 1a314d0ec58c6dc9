using Microsoft.Playwright;
using Vigil.Testing;
using Vigil.Tests.Support;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Vigil.Tests.Reports;

/// <summary>The Reports page's settings form in a real browser.</summary>
[Collection(Heavy.Collection)]
public sealed class ReportsPageBrowserTests(ITestOutputHelper output)
{
    [Fact]
    public async Task SettingsForm_BadCronThenFixed_ErrorBesideTheFieldThenSavedAsTheApiReadsItAndPreviewedInItsLanguage()
    {
        // A Saturday morning in Seoul, the first project's zone.
        await using var server = await VigilServer.StartAsync(new ManualTimeProvider(new DateTimeOffset(2026, 11, 21, 8, 0, 0, TimeSpan.FromHours(9))));
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync();
        await Browser.LogInAsync(page, server);
        await page.GetByTestId("nav-reports").ClickAsync();
        await Expect(page.GetByTestId("report-daily-next")).ToHaveTextAsync("Next send: 2026-11-21 09:00 (Asia/Seoul)");

        await page.GetByTestId("report-daily-schedule").FillAsync("0 9 * *");
        await page.GetByTestId("report-weekly-on").UncheckAsync();
        await page.GetByTestId("report-language").SelectOptionAsync("ko");
        await page.GetByTestId("report-recipients-email").FillAsync("team@example.com");
        await page.GetByTestId("report-settings-save").ClickAsync();

        await Expect(page.GetByTestId("error-dailySchedule")).ToContainTextAsync("A cron expression has five fields");
        await Browser.ScreenshotAsync(page, "reports-settings-error", output);
        await page.GetByTestId("report-daily-schedule").FillAsync("0 7 * * 1-5");
        await page.GetByTestId("report-settings-save").ClickAsync();

        await Expect(page.GetByTestId("report-settings-saved")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("report-daily-next")).ToHaveTextAsync("Next send: 2026-11-23 07:00 (Asia/Seoul)");
        await Expect(page.GetByTestId("report-weekly-next")).ToHaveTextAsync("Off: not written or sent.");
        using var admin = server.CreateAdminClient();
        var settings = await admin.GetJsonAsync($"api/projects/{server.ProjectId}/report-settings");
        Assert.Equal(("0 7 * * 1-5", null, "ko"), ((string?)settings["dailySchedule"], (string?)settings["weeklySchedule"], (string?)settings["language"]));
        Assert.Equal("team@example.com", (string?)Assert.Single(settings["recipients"]!.AsArray())!["name"]);
        await Browser.ScreenshotAsync(page, "reports-settings", output);

        await page.GetByTestId("report-preview-daily").ClickAsync();
        await Expect(page.GetByTestId("report-preview-text")).ToContainTextAsync("일일 리포트 — My App — 2026-11-20 (금)");
        await Browser.ScreenshotAsync(page, "reports-preview", output);
    }
}
