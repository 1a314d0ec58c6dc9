using System.CommandLine;
using System.Net;
using System.Text.Json.Nodes;
using Vigil.Cli;
using Vigil.Core.Reports;
using Vigil.Reports;
using Vigil.Tests.Alerts.Delivery;
using Vigil.Tests.Support;

namespace Vigil.Tests.Reports;

/// <summary>
/// Reports end to end on a real server of each backend: events in through the ingest API, a report written, archived,
/// and delivered through the outbox to a Slack stand-in and a webhook receiver on 127.0.0.1, its page readable.
/// </summary>
public abstract class ReportDeliveryTests(Backend backend) : ServerTests(backend, new DateTimeOffset(2026, 11, 21, 8, 0, 0, Kst))
{
    private static readonly TimeSpan Kst = TimeSpan.FromHours(9);
    private HttpReceiver _slack = null!;
    private HttpReceiver _webhook = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _slack = await HttpReceiver.StartAsync();
        _webhook = await HttpReceiver.StartAsync();
        // Two visitors on the 19th, three on the 20th; signups by plan on the 20th.
        await Ingest.PostEventsAsync(
            Event("$pageview", "u1", "2026-11-19T10:00:00+09:00"),
            Event("$pageview", "u2", "2026-11-19T11:00:00+09:00"),
            Event("$pageview", "u1", "2026-11-20T10:00:00+09:00"),
            Event("$pageview", "u2", "2026-11-20T10:30:00+09:00"),
            Event("signup", "u3", "2026-11-20T12:00:00+09:00", "pro"),
            Event("signup", "u4", "2026-11-20T13:00:00+09:00", "free"),
            Event("signup", "u5", "2026-11-20T14:00:00+09:00", "free"));
        await Server.WaitUntilStoredAsync();
    }

    public override async Task DisposeAsync()
    {
        await _slack.DisposeAsync();
        await _webhook.DisposeAsync();
        await base.DisposeAsync();
    }

    private static object Event(string name, string user, string at, string? plan = null) => plan is null
        ? new { @event = name, distinct_id = user, timestamp = at }
        : new { @event = name, distinct_id = user, timestamp = at, properties = new { plan } };

    private static async Task<ReceivedRequest> ReceivedAsync(HttpReceiver receiver)
    {
        await Eventually.TrueAsync(() => receiver.Requests.Count > 0, TimeSpan.FromSeconds(30), () => "nothing was delivered");
        return receiver.Single;
    }

    [Fact]
    public async Task SendNow_SlackAndWebhook_DeliveredThroughTheOutboxAndArchived()
    {
        using var put = await Admin.PutAsync($"api/projects/{Server.ProjectId}/report-settings", Json.Body(new
        {
            dailySchedule = "0 9 * * *",
            weeklySchedule = "0 10 * * 1",
            language = "en",
            recipients = new[] { new { kind = "slack", name = _slack.Url.ToString() }, new { kind = "webhook", name = _webhook.Url.ToString() } },
        }));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("2026-11-21T00:00:00+00:00", (string?)(await put.ReadAsync())["nextDaily"]);

        using var sent = await Admin.PostAsync($"api/projects/{Server.ProjectId}/reports", Json.Body(new { kind = "daily", date = "2026-11-20" }));
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        var report = await sent.ReadAsync();
        var reportId = (long)report["id"]!;
        Assert.Equal("Daily report — My App — Fri 2026-11-20", (string?)report["subject"]);
        var text = (string)report["text"]!;
        Assert.Contains("- Visitors: 5 (+150.0%)\n- Signups: 3 (new)\n", text);
        Assert.Contains("Signups by plan\n- free: 2 (66.7%)\n- pro: 1 (33.3%)\n", text);

        var slack = JsonNode.Parse((await ReceivedAsync(_slack)).BodyText)!;
        Assert.Equal("Daily report — My App — Fri 2026-11-20", (string?)slack["text"]);
        var blocks = slack["blocks"]!.AsArray();
        Assert.Equal("header", (string?)blocks[0]!["type"]);
        Assert.Contains("• Signups: 3 (new)", (string?)blocks[1]!["text"]!["text"]);
        Assert.EndsWith($"/projects/{Server.ProjectId}/reports/{reportId}", (string?)blocks[^1]!["elements"]![0]!["url"]);

        var hook = await ReceivedAsync(_webhook);
        var payload = JsonNode.Parse(hook.BodyText)!;
        Assert.Equal(("report", "daily", "2026-11-20"), ((string?)payload["type"], (string?)payload["report"]!["kind"], (string?)payload["report"]!["from"]));
        Assert.Equal(text, (string?)payload["report"]!["text"]);
        Assert.Equal((string?)payload["deliveryId"], hook.Header("X-Vigil-Delivery"));

        using var page = await PageSession.LogInAsync(Server);
        var list = await page.GetStringAsync($"/projects/{Server.ProjectId}/reports");
        Assert.Contains($"href=\"/projects/{Server.ProjectId}/reports/{reportId}\"", list);
        // Blazor writes characters beyond ASCII as entities.
        var html = WebUtility.HtmlDecode(await page.GetStringAsync($"/projects/{Server.ProjectId}/reports/{reportId}"));
        Assert.Contains("<h1 data-testid=\"report-subject\">Daily report — My App — Fri 2026-11-20</h1>", html);
        Assert.Contains("- Signups: 3 (new)", html);
        Assert.Equal(reportId, (long)(await Admin.GetJsonAsync($"api/projects/{Server.ProjectId}/reports"))[0]!["id"]!);
    }

    [Fact]
    public async Task SendNow_GoalsAndFeedback_DailyAndWeeklyCarryThem()
    {
        using (var weekly = await Admin.PostAsync($"api/projects/{Server.ProjectId}/goals", Json.Body(new { metric = "signups", period = "week", target = 6 })))
        using (var daily = await Admin.PostAsync($"api/projects/{Server.ProjectId}/goals", Json.Body(new { metric = "visitors", period = "day", target = 2 })))
        {
            Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (weekly.StatusCode, daily.StatusCode));
        }
        foreach (var (rating, text, at) in new (int, string?, string)[]
        {
            (1, "Checkout is slow on mobile", "2026-11-20T15:00:00+09:00"),
            (2, "checkout slow again", "2026-11-20T16:00:00+09:00"),
            (5, "Love the new dashboard", "2026-11-20T17:00:00+09:00"),
            (3, null, "2026-11-20T18:00:00+09:00"),
            (1, "Login broken", "2026-11-19T18:00:00+09:00"),
        })
        {
            using var posted = await Ingest.PostAsync("v1/feedback", Json.Body(new { rating, category = "bug", text, timestamp = at }));
            Assert.True(posted.IsSuccessStatusCode, await posted.Content.ReadAsStringAsync());
        }

        using var day = await Admin.PostAsync($"api/projects/{Server.ProjectId}/reports", Json.Body(new { kind = "daily", date = "2026-11-20" }));
        var dayText = (string)(await day.ReadAsync())["text"]!;
        using var week = await Admin.PostAsync($"api/projects/{Server.ProjectId}/reports", Json.Body(new { kind = "weekly", date = "2026-11-22", language = "ko" }));
        var weekText = (string)(await week.ReadAsync())["text"]!;

        // The 19th's complaint is another day's; the newest negative item naming the top theme is the complaint.
        Assert.Contains("- 👍 positive 1 · 😐 neutral 1 · 👎 negative 2\n- Top complaint: checkout slow again\n", dayText);
        // The week's signups goal over ISO week 47 (3 of 6); a day goal has no line in a weekly review.
        Assert.Contains("- 가입 (2026-W47): 목표 6 · 실적 3 · 달성률 50.0%", weekText);
        Assert.DoesNotContain("방문자", weekText.Split("주요 오류")[0].Split("목표 대비 실적")[1]);
        // Top feedback: negative themes with their newest example and how many items mention them.
        Assert.Contains("- checkout slow again (2회 언급)", weekText);
    }

    [Fact]
    public async Task ReportsPage_Korean_ShowsNavAndEmptyState()
    {
        using var page = await PageSession.LogInAsync(Server);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/projects/{Server.ProjectId}/reports");
        request.Headers.Add("Accept-Language", "ko-KR");

        using var response = await page.SendAsync(request);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-testid=\"nav-reports\">리포트</a>", html);
        Assert.Contains("아직 리포트가 없습니다", html);
        Assert.Contains("0 9 * * *", html);
    }

    [Theory]
    [InlineData("{\"dailySchedule\":\"0 25 * * *\",\"language\":\"en\"}", "dailySchedule")]
    [InlineData("{\"weeklySchedule\":\"0 10 * *\",\"language\":\"en\"}", "weeklySchedule")]
    [InlineData("{\"language\":\"fr\"}", "language")]
    [InlineData("{\"language\":\"en\",\"recipients\":[{\"kind\":\"sms\",\"name\":\"on-call\"}]}", "recipients")]
    [InlineData("{\"language\":\"en\",\"recipients\":[{\"kind\":\"slack\",\"name\":\"\"}]}", "recipients")]
    public async Task PutSettings_BadField_Is400NamingIt(string body, string field)
    {
        using var response = await Admin.PutAsync($"api/projects/{Server.ProjectId}/report-settings", Json.Raw(body));

        await Json.AssertProblemAsync(response, 400, field);
    }

    [Theory]
    [InlineData("{\"kind\":\"monthly\"}", "kind")]
    [InlineData("{\"kind\":\"daily\",\"date\":\"20.11.2026\"}", "date")]
    [InlineData("{\"kind\":\"weekly\",\"language\":\"de\"}", "language")]
    public async Task SendNow_BadField_Is400NamingIt(string body, string field)
    {
        using var response = await Admin.PostAsync($"api/projects/{Server.ProjectId}/reports", Json.Raw(body));

        await Json.AssertProblemAsync(response, 400, field);
    }

    [Fact]
    public async Task Preview_Daily_TheTextSendNowWritesWithoutArchivingIt()
    {
        var preview = await Admin.GetJsonAsync($"api/projects/{Server.ProjectId}/reports/preview?kind=daily&date=2026-11-20&language=en");

        Assert.Equal(("daily", "2026-11-20", "2026-11-20", "en"), ((string?)preview["kind"], (string?)preview["from"], (string?)preview["to"], (string?)preview["language"]));
        Assert.Equal("Daily report — My App — Fri 2026-11-20", (string?)preview["subject"]);
        var text = (string)preview["text"]!;
        Assert.Contains("- Visitors: 5 (+150.0%)\n- Signups: 3 (new)\n", text);
        Assert.Empty((await Admin.GetJsonAsync($"api/projects/{Server.ProjectId}/reports")).AsArray());
        using var sent = await Admin.PostAsync($"api/projects/{Server.ProjectId}/reports", Json.Body(new { kind = "daily", date = "2026-11-20", language = "en" }));
        Assert.Equal(text, (string?)(await sent.ReadAsync())["text"]);
    }

    [Theory]
    [InlineData("date=2026-11-20", "kind")]
    [InlineData("kind=monthly&date=2026-11-20", "kind")]
    [InlineData("kind=daily&date=20.11.2026", "date")]
    [InlineData("kind=weekly&date=2026-11-22&language=de", "language")]
    public async Task Preview_BadField_Is400NamingIt(string query, string field)
    {
        using var response = await Admin.GetAsync($"api/projects/{Server.ProjectId}/reports/preview?{query}");

        await Json.AssertProblemAsync(response, 400, field);
    }

    [Fact]
    public async Task ReportCommand_Url_PrintsTheRunningVigilsReport()
    {
        var (exit, output, error) = await RunCliAsync("report", "daily", "--date", "2026-11-20", "--project", $"{Server.ProjectId}", "--lang", "ko", "--url", Server.BaseAddress.ToString(), "--token", Server.AdminToken);

        Assert.Equal((ReportCommand.Printed, ""), (exit, error));
        Assert.StartsWith("일일 리포트 — My App — 2026-11-20 (금)\n\n주요 지표 (전일 대비)\n- 방문자: 5 (+150.0%)\n- 가입: 3 (신규)\n", output);
        Assert.Empty((await Admin.GetJsonAsync($"api/projects/{Server.ProjectId}/reports")).AsArray());
    }

    [Fact]
    public async Task ReportCommand_UrlWithBadTokenOrNoToken_FailsSaying()
    {
        var url = Server.BaseAddress.ToString();

        var badToken = await RunCliAsync("report", "weekly", "--date", "2026-11-20", "--project", $"{Server.ProjectId}", "--url", url, "--token", "vga_wrong");
        var noToken = await RunCliAsync("report", "weekly", "--date", "2026-11-20", "--project", $"{Server.ProjectId}", "--url", url);
        var noProject = await RunCliAsync("report", "weekly", "--date", "2026-11-20", "--project", "999", "--url", url, "--token", Server.AdminToken);

        Assert.Equal((ReportCommand.Failed, ReportCommand.Failed, ReportCommand.Failed), (badToken.Exit, noToken.Exit, noProject.Exit));
        Assert.Contains("answered 401", badToken.Error);
        Assert.Contains("--url needs --token", noToken.Error);
        Assert.Contains("answered 404", noProject.Error);
    }

    private static async Task<(int Exit, string Output, string Error)> RunCliAsync(params string[] arguments)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await VigilCli.Create().Parse(arguments).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }
}

public sealed class PostgresClickHouseReportDeliveryTests() : ReportDeliveryTests(Backend.PostgresClickHouse);

/// <summary>The embedded install, and <c>vigil report</c> printing the same day from its data directory.</summary>
public sealed class SqliteReportDeliveryTests() : ReportDeliveryTests(Backend.Sqlite)
{
    [Fact]
    public async Task ReportCommand_DataDirectory_PrintsTheDayInKorean()
    {
        await Server.StopAsync();
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await ReportCommand.RunAsync(ReportKind.Daily, "2026-11-20", Server.ProjectId, "ko", Server.DataDirectory, output, error, CancellationToken.None);

        Assert.Equal(ReportCommand.Printed, exit);
        Assert.StartsWith("일일 리포트 — My App — 2026-11-20 (금)\n\n주요 지표 (전일 대비)\n- 방문자: 5 (+150.0%)\n- 가입: 3 (신규)\n", output.ToString());
        Assert.Equal("", error.ToString());
    }

    [Fact]
    public async Task ReportCommand_UnknownProjectOrBadDate_FailsSaying()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        Assert.Equal(ReportCommand.Failed, await ReportCommand.RunAsync(ReportKind.Weekly, "2026-13-01", 1, null, Server.DataDirectory, output, error, CancellationToken.None));
        Assert.Equal(ReportCommand.Failed, await ReportCommand.RunAsync(ReportKind.Weekly, "2026-11-20", 999, null, Server.DataDirectory, output, error, CancellationToken.None));

        Assert.Contains("--date must be a day as yyyy-MM-dd", error.ToString());
        Assert.Contains("There is no project 999.", error.ToString());
    }
}
