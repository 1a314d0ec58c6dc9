using System.Text;
using Microsoft.Playwright;
using Vigil.Tests.Alerts.Delivery;
using Vigil.Tests.Support;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Vigil.Tests.Alerts;

/// <summary>The alerts page in a real browser: each test starts its own server, so none sees another's rules or outbox.</summary>
[Collection(Heavy.Collection)]
public sealed class AlertsPageBrowserTests(ITestOutputHelper output)
{
    private const string ErrorsRule = """
        alerts:
          - name: Errors
            severity: critical
            condition: error_rate > 5%
        """;

    [Fact]
    public async Task NavLink_FromTheDashboard_OpensThePageWithEmptySections()
    {
        await using var server = await VigilServer.StartAsync();
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync();
        await Browser.LogInAsync(page, server);

        await page.GetByTestId("nav-alerts").ClickAsync();

        await Browser.ExpectAddressAsync(page, $"/projects/{server.ProjectId}/alerts([?#]|$)");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Alerts");
        await Expect(page.GetByTestId("nav-alerts")).ToHaveClassAsync("active");
        await Expect(page.GetByTestId("section-now")).ToContainTextAsync("No alerts");
        await Expect(page.GetByTestId("rules-empty")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("rules-yaml")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("alerts: \\[\\]"));
        await Expect(page.GetByTestId("history-empty")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("silences-empty")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("maintenance-empty")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("dead-empty")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("pending-empty")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("sent-empty")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task RuleFile_BrokenThenGood_ShowsEveryPositionThenListsTheNewRules()
    {
        await using var server = await VigilServer.StartAsync(configure: options => options.AlertEvaluationInterval = TimeSpan.FromHours(1));
        using var admin = server.CreateAdminClient();
        await PutRulesAsync(admin, server, ErrorsRule);
        await using var browser = await Browser.LaunchAsync();
        var page = await OpenAlertsPageAsync(browser, server);
        await Expect(page.GetByTestId("rules-version")).ToContainTextAsync("Version 1");

        await page.GetByTestId("rules-yaml").FillAsync("alerts:\n  - name: Down\n    condition: uptime > 3s\n    duration: soon\n");
        await page.GetByTestId("rules-save").ClickAsync();

        await Expect(page.GetByTestId("rules-errors")).ToBeVisibleAsync();
        var errors = page.GetByTestId("rule-error");
        await Expect(errors).ToHaveCountAsync(2);
        await Expect(errors.Nth(0)).ToContainTextAsync("Line 3, column");
        await Expect(errors.Nth(1)).ToContainTextAsync("Line 4, column");
        await Expect(page.Locator("[data-testid='rule-row'][data-rule='Errors']")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("rules-version")).ToContainTextAsync("Version 1");
        await Browser.ScreenshotAsync(page, "alerts-page-rule-errors", output);

        await page.GetByTestId("rules-yaml").FillAsync("""
            alerts:
              - name: Slow Response
                severity: warning
                condition: p95_response_time > 3s
                duration: 10min
              - name: Down
                severity: critical
                condition: uptime < 99%
                duration: 1min
            """);
        await page.GetByTestId("rules-save").ClickAsync();

        await Expect(page.GetByTestId("rules-saved")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("rules-version")).ToContainTextAsync("Version 2");
        await Expect(page.GetByTestId("rule-row")).ToHaveCountAsync(2);
        var slow = page.Locator("[data-testid='rule-row'][data-rule='Slow Response']");
        await Expect(slow).ToContainTextAsync("Warning");
        await Expect(slow).ToContainTextAsync("p95_response_time > 3s");
        await Expect(slow).ToContainTextAsync("10min");
        await Expect(page.Locator("[data-testid='rule-row'][data-rule='Down']")).ToContainTextAsync("Critical");
        await Expect(page.Locator("[data-testid='rule-row'][data-rule='Errors']")).ToHaveCountAsync(0);
        var saved = await admin.GetJsonAsync($"api/projects/{server.ProjectId}/alert-rules");
        Assert.Equal(2, (long)saved["version"]!);
    }

    [Fact]
    public async Task Silence_BadMatchersThenGood_FieldErrorThenListedThenExpired()
    {
        await using var server = await VigilServer.StartAsync(configure: options => options.AlertEvaluationInterval = TimeSpan.FromHours(1));
        await using var browser = await Browser.LaunchAsync();
        var page = await OpenAlertsPageAsync(browser, server);

        await page.GetByTestId("silence-matchers").FillAsync("alertname");
        await page.GetByTestId("silence-reason").FillAsync("deploying");
        await page.GetByTestId("silence-create").ClickAsync();

        await Expect(page.GetByTestId("error-matchers")).ToContainTextAsync("is not a matcher");
        await Expect(page.GetByTestId("silences-empty")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("silence-reason")).ToHaveValueAsync("deploying");

        await page.GetByTestId("silence-matchers").FillAsync("alertname=\"Slow Response\", severity=~\"warn.*\"");
        await page.GetByTestId("silence-duration").FillAsync("2h");
        await page.GetByTestId("silence-create").ClickAsync();

        await Expect(page.GetByTestId("silences-done")).ToHaveTextAsync("Silence created.");
        var row = page.GetByTestId("silence-row");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("alertname=\"Slow Response\", severity=~\"warn.*\"");
        await Expect(row).ToContainTextAsync("deploying");
        await Expect(row).ToContainTextAsync(server.Email);
        await Expect(row).ToContainTextAsync("Active");
        await Browser.ScreenshotAsync(page, "alerts-page-silence", output);

        await page.GetByTestId("silence-expire").ClickAsync();

        await Expect(page.GetByTestId("silences-done")).ToHaveTextAsync("Silence expired.");
        await Expect(page.GetByTestId("silences-empty")).ToBeVisibleAsync();
        using var admin = server.CreateAdminClient();
        var silence = (await admin.GetJsonAsync($"api/projects/{server.ProjectId}/silences")).AsArray().Single()!;
        Assert.True(DateTimeOffset.Parse((string)silence["endsAt"]!, System.Globalization.CultureInfo.InvariantCulture) <= DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task MaintenanceWindow_Created_ListedThenDeleted()
    {
        await using var server = await VigilServer.StartAsync(configure: options => options.AlertEvaluationInterval = TimeSpan.FromHours(1));
        await using var browser = await Browser.LaunchAsync();
        var page = await OpenAlertsPageAsync(browser, server, phone: true);

        await page.GetByTestId("maintenance-from").FillAsync("2099-03-01T02:00");
        await page.GetByTestId("maintenance-until").FillAsync("2099-03-01T04:30");
        await page.GetByTestId("maintenance-reason").FillAsync("database upgrade");
        await page.GetByTestId("maintenance-create").ClickAsync();

        await Expect(page.GetByTestId("maintenance-done")).ToHaveTextAsync("Maintenance window added.");
        var row = page.GetByTestId("maintenance-row");
        await Expect(row).ToContainTextAsync("database upgrade");
        await Expect(row).ToContainTextAsync("2099-03-01 02:00");
        await Expect(row).ToContainTextAsync("2099-03-01 04:30");
        await Expect(row).ToContainTextAsync("Upcoming");
        using var admin = server.CreateAdminClient();
        var stored = (await admin.GetJsonAsync($"api/projects/{server.ProjectId}/maintenance-windows")).AsArray().Single()!;
        // Typed in the project's zone, Asia/Seoul (UTC+9).
        Assert.Equal(new DateTimeOffset(2099, 2, 28, 17, 0, 0, TimeSpan.Zero), DateTimeOffset.Parse((string)stored["startsAt"]!, System.Globalization.CultureInfo.InvariantCulture));
        await Browser.ScreenshotAsync(page, "alerts-page-phone", output);

        await page.GetByTestId("maintenance-delete").ClickAsync();

        await Expect(page.GetByTestId("maintenance-done")).ToHaveTextAsync("Maintenance window deleted.");
        await Expect(page.GetByTestId("maintenance-empty")).ToBeVisibleAsync();
        Assert.Empty((await admin.GetJsonAsync($"api/projects/{server.ProjectId}/maintenance-windows")).AsArray());
    }

    [Fact]
    public async Task DeadNotification_Retried_IsPendingAgain_AndTheFiringShowsNowAndInHistory()
    {
        // The receiver refuses for good (400) until told otherwise, then fails for a while (500): retried later.
        var refuse = true;
        await using var receiver = await HttpReceiver.StartAsync(_ => Volatile.Read(ref refuse) ? (400, "bad hook") : (500, "busy"));
        await using var server = await VigilServer.StartAsync(configure: options => options.AlertEvaluationInterval = TimeSpan.FromSeconds(1));
        using var admin = server.CreateAdminClient();
        await PutRulesAsync(admin, server, ErrorsRule + $$"""

                notify:
                  - webhook: ops
            channels:
              ops: { webhook: "{{receiver.Url}}hook", secret: "s3cret" }
            """);
        using var ingest = server.CreateIngestClient();
        await ingest.PostRequestsAsync(Enumerable.Range(0, 10).Select(_ => (object)new { method = "GET", route = "/api/orders", status = 503, duration_ms = 120 }).ToArray());
        var deadId = await WaitForDeadNotificationAsync(admin, server);
        await using var browser = await Browser.LaunchAsync();
        var page = await OpenAlertsPageAsync(browser, server);

        await Expect(page.Locator("[data-testid='section-now'] [data-testid='alert-firing'][data-rule='Errors']")).ToContainTextAsync("Critical");
        var history = page.Locator("[data-testid='history-row'][data-rule='Errors'][data-transition='firing']");
        await Expect(history).ToContainTextAsync("OK → Firing");
        await Expect(history).ToContainTextAsync("error_rate = 100%");
        var dead = page.Locator($"[data-testid='dead-row'][data-notification='{deadId}']");
        await Expect(dead).ToContainTextAsync("400");
        await Expect(dead).ToContainTextAsync("Errors");
        await Browser.ScreenshotAsync(page, "alerts-page-dead-letter", output);

        Volatile.Write(ref refuse, false);
        await dead.GetByTestId("dead-retry").ClickAsync();

        await Expect(page.GetByTestId("retry-done")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("dead-empty")).ToBeVisibleAsync();
        await Expect(page.Locator($"[data-testid='pending-row'][data-notification='{deadId}']")).ToBeVisibleAsync();
        var pending = (await admin.GetJsonAsync($"api/projects/{server.ProjectId}/notifications?status=pending")).AsArray();
        Assert.Contains(pending, notification => (long)notification!["id"]! == deadId);
    }

    [Fact]
    public async Task History_FilteredByRule_ShowsOnlyThatRule()
    {
        await using var server = await VigilServer.StartAsync(configure: options => options.AlertEvaluationInterval = TimeSpan.FromSeconds(1));
        using var admin = server.CreateAdminClient();
        await PutRulesAsync(admin, server, ErrorsRule + """

              - name: Busy
                condition: error_rate > 1%
                duration: 1h
            """);
        using var ingest = server.CreateIngestClient();
        await ingest.PostRequestsAsync(Enumerable.Range(0, 10).Select(_ => (object)new { method = "GET", route = "/", status = 500, duration_ms = 50 }).ToArray());
        await using var browser = await Browser.LaunchAsync();
        var page = await OpenAlertsPageAsync(browser, server);
        // The evaluation runs every second; the page shows what had happened when it was loaded.
        await Eventually.JsonAsync(admin, $"api/projects/{server.ProjectId}/alerts/history", history => history.AsArray().Count >= 2, TimeSpan.FromSeconds(30));
        await page.ReloadAsync();
        await Expect(page.Locator("[data-testid='history-row'][data-rule='Busy'][data-transition='pending']")).ToContainTextAsync("OK → Pending");

        await page.GetByTestId("history-rule").SelectOptionAsync("Errors");
        await page.GetByTestId("history-apply").ClickAsync();

        await Browser.ExpectAddressAsync(page, "\\?rule=Errors(#|$)");
        await Expect(page.GetByTestId("history-row")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("history-row")).ToHaveAttributeAsync("data-rule", "Errors");
        await Expect(page.GetByTestId("history-rule")).ToHaveValueAsync("Errors");
    }

    private static async Task<IPage> OpenAlertsPageAsync(Browser browser, VigilServer server, bool phone = false)
    {
        var page = await browser.NewPageAsync(phone: phone);
        await Browser.LogInAsync(page, server);
        await page.GotoAsync(new Uri(server.BaseAddress, $"/projects/{server.ProjectId}/alerts").ToString());
        return page;
    }

    private static async Task PutRulesAsync(HttpClient admin, VigilServer server, string yaml)
    {
        using var response = await admin.PutAsync($"api/projects/{server.ProjectId}/alert-rules", new StringContent(yaml, Encoding.UTF8, "application/yaml"));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<long> WaitForDeadNotificationAsync(HttpClient admin, VigilServer server)
    {
        var dead = await Eventually.JsonAsync(admin, $"api/projects/{server.ProjectId}/notifications?status=dead", answer => answer.AsArray().Count > 0, TimeSpan.FromSeconds(30));
        return (long)dead[0]!["id"]!;
    }
}
