using System.Net;
using Microsoft.Extensions.DependencyInjection;
using System.Text.Json.Nodes;
using Vigil.Monitors;
using Vigil.Tests.Support;

namespace Vigil.Tests.Metrics;

/// <summary>
/// The realtime, series and breakdown answers against numbers this test computes itself from what it sent,
/// with the definitions written in README: minute buckets, local days in Asia/Seoul, nearest-rank p95.
/// </summary>
public abstract class DashboardApiTests(Backend backend) : ServerTests(backend, Now)
{
    // 14:30:20 in Seoul: local midnight was 2026-11-20T15:00Z.
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 5, 30, 20, TimeSpan.Zero);
    private static readonly TimeZoneInfo Seoul = TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul");
    private readonly List<SentEvent> _events = [];
    private readonly List<SentRequest> _requests = [];

    private sealed record SentEvent(string Name, string User, DateTimeOffset Time, string? Plan);

    private sealed record SentRequest(DateTimeOffset Time, int Status, double DurationMs);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var random = new Random(20261121);
        string[] names = ["$pageview", "$pageview", "$pageview", "signup", "app_created", "order"];
        string?[] plans = ["Basic", "Basic", "Basic", "Pro", "Enterprise", null];
        for (var index = 0; index < 3000; index++)
        {
            // Mostly the last three days, and a dense last ten minutes so the realtime window has plenty.
            var ago = index % 3 == 0 ? TimeSpan.FromSeconds(random.Next(0, 600)) : TimeSpan.FromSeconds(random.Next(0, 3 * 24 * 3600));
            var name = names[random.Next(names.Length)];
            _events.Add(new SentEvent(name, $"u{random.Next(400)}", Now - ago, name == "signup" ? plans[random.Next(plans.Length)] : null));
        }
        // Edges of the realtime window: 05:25:59 is out, 05:26:00 is in, a minute ahead is not yet counted.
        _events.Add(new SentEvent("$pageview", "edge-out", new DateTimeOffset(2026, 11, 21, 5, 25, 59, TimeSpan.Zero), null));
        _events.Add(new SentEvent("$pageview", "edge-in", new DateTimeOffset(2026, 11, 21, 5, 26, 0, TimeSpan.Zero), null));
        _events.Add(new SentEvent("$pageview", "ahead", Now.AddMinutes(20), null));
        // Edges of the local day: 14:59:59Z is yesterday in Seoul, 15:00:00Z is today.
        _events.Add(new SentEvent("signup", "day-edge-out", new DateTimeOffset(2026, 11, 20, 14, 59, 59, TimeSpan.Zero), "Pro"));
        _events.Add(new SentEvent("signup", "day-edge-in", new DateTimeOffset(2026, 11, 20, 15, 0, 0, TimeSpan.Zero), "Pro"));
        for (var index = 0; index < 2000; index++)
        {
            var ago = index % 2 == 0 ? TimeSpan.FromSeconds(random.Next(0, 600)) : TimeSpan.FromSeconds(random.Next(0, 3 * 24 * 3600));
            var status = random.NextDouble() < 0.04 ? 503 : random.NextDouble() < 0.05 ? 404 : 200;
            var duration = Math.Round(Math.Exp(4.8 + 0.7 * Gaussian(random)), 1);
            _requests.Add(new SentRequest(Now - ago, status, duration));
        }

        foreach (var chunk in _events.Chunk(1000))
        {
            await Ingest.PostEventsAsync(chunk.Select(sent => (object)new
            {
                @event = sent.Name,
                distinct_id = sent.User,
                timestamp = sent.Time.ToString("O"),
                properties = sent.Plan is null ? new Dictionary<string, object>() : new Dictionary<string, object> { ["plan"] = sent.Plan },
            }).ToArray());
        }
        foreach (var chunk in _requests.Chunk(1000))
        {
            await Ingest.PostRequestsAsync(chunk.Select(sent => (object)new
            {
                timestamp = sent.Time.ToString("O"),
                method = "GET",
                route = "/api/orders",
                status = sent.Status,
                duration_ms = sent.DurationMs,
            }).ToArray());
        }
        await Server.WaitUntilStoredAsync();
    }

    [Fact]
    public async Task Realtime_AfterIngest_EqualsIndependentComputation()
    {
        var realtime = await Admin.GetJsonAsync($"api/projects/{Server.ProjectId}/realtime");

        var windowStart = new DateTimeOffset(2026, 11, 21, 5, 26, 0, TimeSpan.Zero);
        var windowEnd = new DateTimeOffset(2026, 11, 21, 5, 31, 0, TimeSpan.Zero);
        var todayStart = new DateTimeOffset(2026, 11, 20, 15, 0, 0, TimeSpan.Zero);
        var inWindow = _requests.Where(request => request.Time >= windowStart && request.Time < windowEnd).ToList();
        var durations = inWindow.Select(request => request.DurationMs).Order().ToList();
        var p95 = durations[(int)Math.Ceiling(0.95m * durations.Count) - 1];

        Assert.Equal(_events.Where(sent => sent.Time >= windowStart && sent.Time < windowEnd).Select(sent => sent.User).Distinct().Count(), (long)realtime["activeUsers"]!);
        Assert.Equal(CountToday("$pageview"), (long)realtime["pageViews"]!);
        Assert.Equal(CountToday("signup"), (long)realtime["signups"]!);
        Assert.Equal(CountToday("app_created"), (long)realtime["appsCreated"]!);
        Assert.Equal(CountToday("order"), (long)realtime["orders"]!);
        Assert.Equal(100.0 * inWindow.Count(request => request.Status >= 500) / inWindow.Count, (double)realtime["errorRate"]!, 9);
        Assert.Equal(inWindow.Average(request => request.DurationMs), (double)realtime["avgResponseTime"]!, 6);
        Assert.InRange((double)realtime["p95ResponseTime"]!, p95 * 0.99, p95 * 1.01);
        Assert.Null(realtime["uptime"]);
        Assert.Equal(Now, DateTimeOffset.Parse((string)realtime["asOf"]!));

        long CountToday(string name) => _events.Count(sent => sent.Name == name && sent.Time >= todayStart && sent.Time < windowEnd);
    }

    [Fact]
    public async Task Realtime_Trends_CompareWithTheSameSpanYesterday()
    {
        var trends = (await Admin.GetJsonAsync($"api/projects/{Server.ProjectId}/realtime"))["trends"]!;

        var todayStart = new DateTimeOffset(2026, 11, 20, 15, 0, 0, TimeSpan.Zero);
        var todayEnd = new DateTimeOffset(2026, 11, 21, 5, 31, 0, TimeSpan.Zero);
        var yesterdayStart = todayStart.AddDays(-1);
        var yesterdayEnd = todayEnd.AddDays(-1);
        foreach (var (name, field) in new[] { ("$pageview", "pageViews"), ("signup", "signups"), ("order", "orders"), ("app_created", "appsCreated") })
        {
            double today = _events.Count(sent => sent.Name == name && sent.Time >= todayStart && sent.Time < todayEnd);
            double yesterday = _events.Count(sent => sent.Name == name && sent.Time >= yesterdayStart && sent.Time < yesterdayEnd);
            Assert.Equal(Math.Round(100 * (today - yesterday) / yesterday, 1), (double)trends[field]!);
        }
    }

    [Fact]
    public async Task Series_PageViewsHourly_EqualsCountsPerHour()
    {
        var from = new DateTimeOffset(2026, 11, 20, 6, 0, 0, TimeSpan.Zero);

        var series = await Admin.GetJsonAsync($"api/projects/{Server.ProjectId}/series?metric=pageViews&step=1h&from={from:O}&to={Now:O}".Replace("+", "%2B"));

        var points = series["points"]!.AsArray();
        Assert.Equal(24, points.Count);
        foreach (var point in points)
        {
            var start = DateTimeOffset.Parse((string)point!["time"]!);
            Assert.Equal(_events.Count(sent => sent.Name == "$pageview" && sent.Time >= start && sent.Time < start.AddHours(1)), (double)point["value"]!);
        }
    }

    [Fact]
    public async Task Series_SignupsAndActiveUsersDaily_FollowSeoulDays()
    {
        var from = Now.AddDays(-3);

        var signups = await Admin.GetJsonAsync(SeriesPath("signups", "1d", from));
        var activeUsers = await Admin.GetJsonAsync(SeriesPath("activeUsers", "1d", from));

        var days = signups["points"]!.AsArray();
        Assert.Equal(4, days.Count);
        for (var index = 0; index < days.Count; index++)
        {
            var start = DateTimeOffset.Parse((string)days[index]!["time"]!);
            Assert.Equal(TimeSpan.Zero, TimeZoneInfo.ConvertTime(start, Seoul).TimeOfDay);
            var onThatDay = _events.Where(sent => sent.Time >= start && sent.Time < start.AddDays(1)).ToList();
            Assert.Equal(onThatDay.Count(sent => sent.Name == "signup"), (double)days[index]!["value"]!);
            Assert.Equal(onThatDay.Select(sent => sent.User).Distinct().Count(), (double)activeUsers["points"]![index]!["value"]!);
        }
    }

    [Fact]
    public async Task Series_ErrorRateAndP95Hourly_MatchRequestsPerHour()
    {
        var from = Now.AddHours(-6);

        var errorRate = (await Admin.GetJsonAsync(SeriesPath("errorRate", "1h", from)))["points"]!.AsArray();
        var p95 = (await Admin.GetJsonAsync(SeriesPath("p95ResponseTime", "1h", from)))["points"]!.AsArray();

        for (var index = 0; index < errorRate.Count; index++)
        {
            var start = DateTimeOffset.Parse((string)errorRate[index]!["time"]!);
            var inHour = _requests.Where(request => request.Time >= start && request.Time < start.AddHours(1)).ToList();
            if (inHour.Count == 0)
            {
                Assert.Null(errorRate[index]!["value"]);
                continue;
            }
            Assert.Equal(100.0 * inHour.Count(request => request.Status >= 500) / inHour.Count, (double)errorRate[index]!["value"]!, 9);
            var sorted = inHour.Select(request => request.DurationMs).Order().ToList();
            var exact = sorted[(int)Math.Ceiling(0.95m * sorted.Count) - 1];
            Assert.InRange((double)p95[index]!["value"]!, exact * 0.99, exact * 1.01);
        }
    }

    [Fact]
    public async Task Series_MinuteSteps_CountMinutes()
    {
        var from = Now.AddMinutes(-30);

        var points = (await Admin.GetJsonAsync(SeriesPath("pageViews", "1m", from)))["points"]!.AsArray();

        Assert.Equal(31, points.Count);
        foreach (var point in points)
        {
            var start = DateTimeOffset.Parse((string)point!["time"]!);
            Assert.Equal(_events.Count(sent => sent.Name == "$pageview" && sent.Time >= start && sent.Time < start.AddMinutes(1)), (double)point["value"]!);
        }
    }

    [Theory]
    [InlineData("metric=bogus&step=1h", "metric")]
    [InlineData("metric=pageViews&step=5m", "step")]
    [InlineData("metric=pageViews&step=1m&from=2026-10-30T00:00:00Z", "step")]
    [InlineData("metric=pageViews&step=1h&from=yesterday", "from")]
    [InlineData("metric=pageViews&step=1h&from=2026-11-21T06:00:00Z&to=2026-11-21T05:00:00Z", "from")]
    public async Task Series_BadQuery_Is400ProblemNamingTheField(string query, string field)
    {
        using var response = await Admin.GetAsync($"api/projects/{Server.ProjectId}/series?{query}");

        await Json.AssertProblemAsync(response, 400, field);
    }

    [Fact]
    public async Task Breakdown_SignupsByPlan_CountsEachPlanAndThoseWithout()
    {
        var from = Now.AddDays(-3);

        var breakdown = await Admin.GetJsonAsync($"api/projects/{Server.ProjectId}/breakdown?event=signup&by=plan&from={from:O}&to={Now:O}".Replace("+", "%2B"));

        // Hour buckets: the range starts at the local hour holding "from".
        var readFrom = new DateTimeOffset(from.Year, from.Month, from.Day, from.Hour, 0, 0, TimeSpan.Zero);
        var signups = _events.Where(sent => sent.Name == "signup" && sent.Time >= readFrom && sent.Time < Now).ToList();
        var items = breakdown["items"]!.AsArray().ToDictionary(item => (string)item!["value"]!, item => (long)item!["count"]!);
        Assert.Equal(signups.Count, (long)breakdown["total"]!);
        Assert.Equal(signups.Count(sent => sent.Plan == "Basic"), items["Basic"]);
        Assert.Equal(signups.Count(sent => sent.Plan == "Pro"), items["Pro"]);
        Assert.Equal(signups.Count(sent => sent.Plan == "Enterprise"), items["Enterprise"]);
        Assert.Equal(signups.Count(sent => sent.Plan is null), items["(none)"]);
        Assert.Equal(100.0, breakdown["items"]!.AsArray().Sum(item => (double)item!["share"]!), 1);
    }

    [Fact]
    public async Task Breakdown_WithoutBy_Is400ProblemNamingBy()
    {
        using var response = await Admin.GetAsync($"api/projects/{Server.ProjectId}/breakdown?event=signup");

        await Json.AssertProblemAsync(response, 400, "by");
    }

    [Fact]
    public async Task Realtime_UnknownProject_Is404Problem()
    {
        using var response = await Admin.GetAsync("api/projects/999/realtime");

        await Json.AssertProblemAsync(response, 404, "id");
    }

    [Fact]
    public async Task Realtime_WithoutToken_Is401Problem()
    {
        using var response = await Anonymous.GetAsync($"api/projects/{Server.ProjectId}/realtime");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Realtime_IngestKeyAsAdminToken_Is401()
    {
        using var response = await Ingest.GetAsync($"api/projects/{Server.ProjectId}/realtime");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Uptime_ProbesUpAndDown_IsTheShareOfProbesUp()
    {
        // The test's clock stands still, so the job's own first check of the health monitor (1 to 10 s on) never comes.
        var monitors = Server.Services.GetRequiredService<MonitorSchedulerJob>();

        await Admin.SetHealthUrlAsync(Server.ProjectId, new Uri(Server.BaseAddress, "healthz").ToString());
        for (var round = 0; round < 3; round++)
        {
            await monitors.CheckAllAsync(CancellationToken.None);
        }
        await Admin.SetHealthUrlAsync(Server.ProjectId, new Uri(Server.BaseAddress, "no-such-page").ToString());
        await monitors.CheckAllAsync(CancellationToken.None);
        await Server.WaitUntilStoredAsync();

        var realtime = await Admin.GetJsonAsync($"api/projects/{Server.ProjectId}/realtime");
        Assert.Equal(75.0, (double)realtime["uptime"]!);
    }

    private string SeriesPath(string metric, string step, DateTimeOffset from) =>
        $"api/projects/{Server.ProjectId}/series?metric={metric}&step={step}&from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(Now.ToString("O"))}";

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}

public sealed class SqliteDashboardApiTests() : DashboardApiTests(Backend.Sqlite);

public sealed class PostgresClickHouseDashboardApiTests() : DashboardApiTests(Backend.PostgresClickHouse);
