using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Core.Alerts;
using Vigil.Core.Monitors;
using Vigil.Core.Storage;
using Vigil.Testing;
using Vigil.Tests.Support;

namespace Vigil.Tests.Reports;

/// <summary>
/// Golden tests of whole reports: a fixed data set written on SQLite through the ingest and admin APIs (events,
/// requests, errors, feedback, goals) and the stores the monitor scheduler and the alert evaluator write, on a fixed
/// clock, assembled and rendered by the preview API. The text must equal the committed file under golden/ (see
/// <see cref="GoldenFiles"/>), so every number the assembler reads is checked, not only the renderer.
/// </summary>
public sealed class ReportGoldenTests() : ServerTests(Backend.Sqlite, ReportDay(12, 0), options =>
{
    options.PublicUrl = "https://vigil.example.com/";
    // The evaluator would drop the hand-written alert of a rule the project does not have.
    options.AlertEvaluationInterval = TimeSpan.FromHours(1);
})
{
    private const string Regression = "System.InvalidOperationException: Order 1 has no lines";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await WriteDataSetAsync();
    }

    [Theory]
    [InlineData("en", "daily.en.txt")]
    [InlineData("ko", "daily.ko.txt")]
    public async Task Daily_StoredDataSet_MatchesGolden(string language, string golden)
    {
        var text = await PreviewAsync("daily", "2026-11-20", language);

        GoldenFiles.AssertMatches("Reports/golden", golden, text);
    }

    [Theory]
    [InlineData("en", "weekly.en.txt")]
    [InlineData("ko", "weekly.ko.txt")]
    public async Task Weekly_StoredDataSet_MatchesGolden(string language, string golden)
    {
        var text = await PreviewAsync("weekly", "2026-11-22", language);

        GoldenFiles.AssertMatches("Reports/golden", golden, text);
    }

    [Fact]
    public async Task Daily_IssueRegressedThatDay_ListedAmongTheActionItems()
    {
        var text = await PreviewAsync("daily", "2026-11-20", "en");

        var actions = text[text.IndexOf("Action items\n", StringComparison.Ordinal)..];
        Assert.Contains($"- Regression: {Regression}\n", actions);
    }

    private async Task<string> PreviewAsync(string kind, string date, string language) =>
        (string)(await Admin.GetJsonAsync($"api/projects/{Server.ProjectId}/reports/preview?kind={kind}&date={date}&language={language}"))["text"]!;

    private static DateTimeOffset ReportDay(int hour, int minute, int day = 20) => new(2026, 11, day, hour, minute, 0, TimeSpan.FromHours(9));

    /// <summary>
    /// The week of Mon 2026-11-16 to Sun 11-22 in Seoul, mostly its Friday the 20th: visitors, signups by plan, apps
    /// and orders on the 19th and 20th; four requests (one 500) on the 20th; a bug first seen on the 18th, resolved and
    /// back on the 20th; a monitor down for 15 minutes and a firing alert; six pieces of feedback; three weekly goals.
    /// Reports are then written on Monday the 23rd.
    /// </summary>
    private async Task WriteDataSetAsync()
    {
        // The bug before noon, resolved at noon, back at 15:00: a regression on the 20th.
        await PostErrorAsync("Order 1 has no lines", "u1", ReportDay(10, 0, day: 18));
        await PostErrorAsync("Order 2 has no lines", "u2", ReportDay(9, 0));
        await Server.WaitUntilStoredAsync();
        var fingerprint = (string)(await Admin.GetJsonAsync($"api/projects/{Server.ProjectId}/issues")).AsArray().Single()!["fingerprint"]!;
        using (var resolved = await Admin.PutAsync($"api/projects/{Server.ProjectId}/issues/{fingerprint}/status", Json.Body(new { status = "resolved" })))
        {
            Assert.Equal(HttpStatusCode.NoContent, resolved.StatusCode);
        }
        Time.Set(ReportDay(16, 0));
        await PostErrorAsync("Order 3 has no lines", "u3", ReportDay(15, 0));

        await Ingest.PostEventsAsync(
            Event("$pageview", "u1", ReportDay(10, 0, day: 19)),
            Event("$pageview", "u2", ReportDay(11, 0, day: 19)),
            Event("signup", "u2", ReportDay(11, 5, day: 19), new { plan = "free" }),
            Event("order", "u1", ReportDay(11, 30, day: 19), new { amount = 9000, plan = "pro" }),
            Event("$pageview", "u1", ReportDay(9, 0)),
            Event("$pageview", "u3", ReportDay(10, 0)),
            Event("$pageview", "u4", ReportDay(10, 30)),
            Event("$pageview", "u5", ReportDay(13, 0)),
            Event("signup", "u3", ReportDay(10, 10), new { plan = "pro" }),
            Event("signup", "u4", ReportDay(10, 40), new { plan = "free" }),
            Event("signup", "u5", ReportDay(13, 10), new { plan = "free" }),
            Event("app_created", "u3", ReportDay(10, 20)),
            Event("app_created", "u5", ReportDay(13, 20)),
            Event("order", "u3", ReportDay(11, 0), new { amount = 12000, plan = "pro" }));
        await Ingest.PostRequestsAsync(
            new[] { (100, 200), (200, 200), (300, 404), (400, 500) }
                .Select((request, index) => (object)new { timestamp = ReportDay(11, index).ToString("O"), method = "GET", route = "/api/cart", status = request.Item2, duration_ms = request.Item1 })
                .ToArray());

        // Oldest first, a minute apart: the newest negative one mentions both top themes of the week.
        foreach (var (rating, text) in new[]
        {
            (1, "App crashes on login"),
            (2, "app crashes"),
            (5, "Love the new dashboard"),
            (3, "Fine, nothing special"),
            (2, "checkout slow"),
            (1, "Checkout is slow and the app crashes"),
        })
        {
            Time.Advance(TimeSpan.FromMinutes(1));
            using var posted = await Ingest.PostAsync("v1/feedback", Json.Body(new { rating, text, category = "bug" }));
            Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        }

        foreach (var (metric, target) in new[] { ("visitors", 10), ("signups", 5), ("orders", 4) })
        {
            using var goal = await Admin.PostAsync($"api/projects/{Server.ProjectId}/goals", Json.Body(new { metric, period = "week", target }));
            Assert.Equal(HttpStatusCode.Created, goal.StatusCode);
        }

        var services = Server.Services;
        var monitor = (await services.GetRequiredService<IMonitorStore>().CreateMonitorAsync(new MonitorDefinition
        {
            ProjectId = Server.ProjectId,
            Name = "API health",
            Kind = MonitorKind.Heartbeat,
            Period = TimeSpan.FromDays(30),
            Grace = TimeSpan.FromDays(1),
            Token = "golden-heartbeat",
        }, CancellationToken.None))!;
        var telemetry = services.GetRequiredService<ITelemetryStore>();
        foreach (var (at, state) in new[] { (ReportDay(10, 0), MonitorState.Up), (ReportDay(10, 5), MonitorState.Down), (ReportDay(10, 20), MonitorState.Up), (ReportDay(16, 0), MonitorState.Up) })
        {
            await telemetry.WriteMonitorResultAsync(new MonitorResult(Server.ProjectId, monitor.Id, at, state, state == MonitorState.Up ? 200 : 503, 50, null, null), CancellationToken.None);
        }
        await services.GetRequiredService<IAlertStore>().SaveCycleAsync(new AlertCycleChanges(
            [new AlertSnapshot(Server.ProjectId, "Slow Response", Severity.Warning, "p95_response_time > 3s", new AlertState(AlertStatus.Firing), "", false, ReportDay(14, 0))],
            [],
            [
                new AlertHistoryEntry(Server.ProjectId, "Service Down", AlertTransition.Firing, ReportDay(10, 6), ""),
                new AlertHistoryEntry(Server.ProjectId, "Service Down", AlertTransition.Resolved, ReportDay(10, 21), ""),
            ],
            []), ReportDay(14, 0), CancellationToken.None);

        await Server.WaitUntilStoredAsync();
        Time.Set(ReportDay(8, 0, day: 23));
    }

    private async Task PostErrorAsync(string message, string user, DateTimeOffset at)
    {
        using var response = await Ingest.PostAsync("v1/errors", Json.Body(new
        {
            errors = new[]
            {
                new
                {
                    type = "System.InvalidOperationException",
                    message,
                    stack = "System.InvalidOperationException: " + message + "\n   at Shop.Orders.OrderService.PlaceAsync() in /src/Shop/Orders/OrderService.cs:line 42",
                    distinct_id = user,
                    timestamp = at.ToString("O"),
                },
            },
        }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static object Event(string name, string user, DateTimeOffset at, object? properties = null) =>
        new { @event = name, distinct_id = user, timestamp = at.ToString("O"), properties = properties ?? new { } };
}
