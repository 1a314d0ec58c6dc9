using System.Net;
using Vigil.Testing;
using Vigil.Tests.Support;

namespace Vigil.Tests.Reports;

/// <summary>
/// The Reports page's settings form and its send-now and preview buttons over plain HTTP, on a real server of each
/// backend: what the form saves is what the API reads back, and what it refuses is refused beside its field.
/// </summary>
public abstract class ReportsPageHttpTests(Backend backend) : IAsyncLifetime
{
    private static readonly TimeSpan Kst = TimeSpan.FromHours(9);
    // A Saturday morning in Seoul, the first project's zone.
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 11, 21, 8, 0, 0, Kst));
    private VigilServer _server = null!;
    private HttpClient _admin = null!;
    private HttpClient _page = null!;

    private string PagePath => $"/projects/{_server.ProjectId}/reports";
    private string SettingsPath => $"api/projects/{_server.ProjectId}/report-settings";

    public async Task InitializeAsync()
    {
        _server = await VigilServer.StartAsync(_time, backend: backend);
        _admin = _server.CreateAdminClient();
        _page = await PageSession.LogInAsync(_server);
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        _page.Dispose();
        await _server.DisposeAsync();
    }

    private static Dictionary<string, string> Form(string dailySchedule, bool weeklyOn = true) => new()
    {
        ["Input.DailyOn"] = "true",
        ["Input.DailySchedule"] = dailySchedule,
        ["Input.WeeklyOn"] = weeklyOn ? "true" : "false",
        ["Input.WeeklySchedule"] = "0 10 * * 1",
        ["Input.Language"] = "ko",
        ["Input.Slack"] = "https://hooks.slack.com/services/T0/B0/x",
        ["Input.Email"] = "team@example.com\r\n\r\n  ops@example.com  ",
        ["Input.Webhook"] = "",
    };

    [Fact]
    public async Task SettingsForm_Saved_TheApiReadsThemBackAndThePageShowsTheNextSend()
    {
        using var response = await PageSession.PostFormAsync(_page, PagePath, "report-settings", Form("30  8 * * 1-5", weeklyOn: false));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"{PagePath}?saved=1", new Uri(_server.BaseAddress, response.Headers.Location!).PathAndQuery);
        var settings = await _admin.GetJsonAsync(SettingsPath);
        Assert.Equal(("30 8 * * 1-5", null, "ko"), ((string?)settings["dailySchedule"], (string?)settings["weeklySchedule"], (string?)settings["language"]));
        Assert.Equal(
            ["slack https://hooks.slack.com/services/T0/B0/x", "email team@example.com", "email ops@example.com"],
            settings["recipients"]!.AsArray().Select(recipient => $"{recipient!["kind"]} {recipient["name"]}"));
        // Monday 08:30 in Seoul.
        Assert.Equal("2026-11-22T23:30:00+00:00", (string?)settings["nextDaily"]);
        var page = WebUtility.HtmlDecode(await _page.GetStringAsync($"{PagePath}?saved=1"));
        Assert.Contains("data-testid=\"report-settings-saved\"", page);
        Assert.Contains("data-testid=\"report-daily-next\">Next send: 2026-11-23 08:30 (Asia/Seoul)</small>", page);
        Assert.Contains("data-testid=\"report-weekly-next\">Off: not written or sent.</small>", page);
    }

    [Theory]
    [InlineData("en-US", "The hour field '25' is not valid: use *, 0-23, ranges a-b, lists a,b or steps */n")]
    [InlineData("ko-KR", "cron 식은 분 시 일 월 요일의 다섯 칸입니다")]
    public async Task SettingsForm_BadCron_400WithTheErrorBesideItsFieldAndNothingSaved(string language, string error)
    {
        _page.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);

        using var response = await PageSession.PostFormAsync(_page, PagePath, "report-settings", Form("0 25 * * *"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains($"<small class=\"error\" data-testid=\"error-dailySchedule\">{error}", page);
        Assert.DoesNotContain("data-testid=\"error-weeklySchedule\"", page);
        // The form keeps what was typed, so it can be corrected.
        Assert.Contains("value=\"0 25 * * *\"", page);
        var settings = await _admin.GetJsonAsync(SettingsPath);
        Assert.Equal(("0 9 * * *", "en"), ((string?)settings["dailySchedule"], (string?)settings["language"]));
        Assert.Empty(settings["recipients"]!.AsArray());
    }

    [Fact]
    public async Task Preview_Daily_ShowsYesterdaysReportWithoutArchivingIt()
    {
        var page = WebUtility.HtmlDecode(await _page.GetStringAsync($"{PagePath}?preview=daily"));

        Assert.Contains("Daily report — My App — Fri 2026-11-20", page);
        Assert.Contains("data-testid=\"report-preview-text\"", page);
        Assert.Empty((await _admin.GetJsonAsync($"api/projects/{_server.ProjectId}/reports")).AsArray());
    }

    [Fact]
    public async Task SendNow_Weekly_ArchivesTheReviewAndOpensItsPage()
    {
        using var response = await PageSession.PostFormAsync(_page, PagePath, "report-send", new Dictionary<string, string> { ["Kind"] = "weekly" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var reports = (await _admin.GetJsonAsync($"api/projects/{_server.ProjectId}/reports")).AsArray();
        var report = Assert.Single(reports)!;
        Assert.Equal(("weekly", "2026-11-14", "2026-11-20", false), ((string?)report["kind"], (string?)report["from"], (string?)report["to"], (bool)report["scheduled"]!));
        Assert.Equal($"{PagePath}/{(long)report["id"]!}", new Uri(_server.BaseAddress, response.Headers.Location!).PathAndQuery);
    }
}

public sealed class SqliteReportsPageHttpTests() : ReportsPageHttpTests(Backend.Sqlite);

public sealed class PostgresClickHouseReportsPageHttpTests() : ReportsPageHttpTests(Backend.PostgresClickHouse);
