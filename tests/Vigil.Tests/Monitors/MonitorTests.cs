using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Alerts;
using Vigil.Monitors;
using Vigil.Tests.Alerts.Delivery;
using Vigil.Tests.Support;

namespace Vigil.Tests.Monitors;

/// <summary>
/// Monitors end to end on each backend: created through the API, checked against real servers this test starts on
/// 127.0.0.1 (HTTP, TCP, TLS with a self-signed certificate), heartbeats pinged over HTTP, results and alerts read back.
/// The clock stands still unless the test moves it, so checks happen when the test says (the scheduler's own first
/// check is 1 to 10 s after it first sees a monitor, on that clock).
/// </summary>
public abstract class MonitorTests(Backend backend) : ServerTests(
    backend,
    // Real time, so the test certificates' dates mean what they say; frozen from here on.
    DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()),
    options => options.AlertEvaluationInterval = TimeSpan.FromHours(1))
{
    private volatile bool _targetDown;
    private HttpReceiver _target = null!;

    private string MonitorsPath => $"api/projects/{Server.ProjectId}/monitors";

    public override async Task InitializeAsync()
    {
        _target = await HttpReceiver.StartAsync(request => request.Path switch
        {
            _ when _targetDown => (500, "down for maintenance"),
            "/slow" => Slow(),
            "/missing" => (404, "not here"),
            _ => (200, "all systems healthy"),
        });
        await base.InitializeAsync();
    }

    private static (int, string) Slow()
    {
        Thread.Sleep(600);
        return (200, "all systems healthy");
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _target.DisposeAsync();
    }

    [Fact]
    public async Task Check_EveryKindAgainstLocalServers_EachStateWithItsReason()
    {
        await using var tcp = LocalListener.Tcp();
        // Bound but never listening: connections are refused, and no other test's listener can take the port meanwhile
        // (a port freed for the test was once taken by a parallel one, and the monitor found it up).
        using var closedPort = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        closedPort.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        var closed = ((System.Net.IPEndPoint)closedPort.LocalEndPoint!).Port;
        await using var tls = LocalListener.Tls(TimeSpan.FromDays(5.5));
        var ids = new Dictionary<string, long>
        {
            ["api"] = await CreateAsync(new { name = "api", kind = "http", url = Url("/health"), keyword = "healthy" }),
            ["missing"] = await CreateAsync(new { name = "missing", kind = "http", url = Url("/missing") }),
            ["keyword"] = await CreateAsync(new { name = "keyword", kind = "http", url = Url("/health"), keyword = "degraded" }),
            ["slow"] = await CreateAsync(new { name = "slow", kind = "http", url = Url("/slow"), maxLatencyMs = 300 }),
            ["tcp"] = await CreateAsync(new { name = "tcp", kind = "tcp", host = "127.0.0.1", port = tcp.Port }),
            ["closed"] = await CreateAsync(new { name = "closed", kind = "tcp", host = "127.0.0.1", port = closed, timeoutSeconds = 2 }),
            ["cert"] = await CreateAsync(new { name = "cert", kind = "tls", host = "127.0.0.1", port = tls.Port, warnDays = 14, ignoreCertificateErrors = true }),
            ["untrusted"] = await CreateAsync(new { name = "untrusted", kind = "tls", host = "127.0.0.1", port = tls.Port }),
        };

        await CheckAllAsync();

        var listed = (await Admin.GetJsonAsync(MonitorsPath)).AsArray().ToDictionary(item => (string)item!["monitor"]!["settings"]!["name"]!, item => item!);
        string State(string name) => (string)listed[name]["status"]!["state"]!;
        string? Reason(string name) => (string?)listed[name]["status"]!["reason"];
        Assert.True(State("cert") == "warning", Reason("cert"));
        Assert.Equal(("up", "up", "warning", "down", "down", "down", "down", "down"),
            (State("api"), State("tcp"), State("cert"), State("missing"), State("keyword"), State("slow"), State("closed"), State("untrusted")));
        Assert.Equal("status 404, expected 200-399", Reason("missing"));
        Assert.Equal("the body does not contain \"degraded\"", Reason("keyword"));
        Assert.StartsWith("answered in", Reason("slow"));
        Assert.StartsWith("the certificate expires in 5 days", Reason("cert"));
        Assert.Equal(5, (int)listed["cert"]["status"]!["certificateDaysLeft"]!);
        Assert.StartsWith("the certificate is not valid: RemoteCertificateChainErrors", Reason("untrusted"));
        Assert.Equal(200, (int)listed["api"]["status"]!["httpStatus"]!);
        Assert.Equal(100.0, (double)listed["cert"]["ranges"]!["24h"]!["uptime"]!);
        Assert.Equal(0.0, (double)listed["missing"]["ranges"]!["90d"]!["uptime"]!);
        Assert.Equal(ids.Count, listed.Count);
    }

    [Fact]
    public async Task Results_DownThenUpAgain_OneIncidentWithItsReasonAndUptimePerRange()
    {
        var id = await CreateAsync(new { name = "api", kind = "http", url = Url("/health") });
        await CheckAllAsync();
        Time.Advance(TimeSpan.FromMinutes(1));
        _targetDown = true;
        await CheckAllAsync();
        Time.Advance(TimeSpan.FromMinutes(1));
        await CheckAllAsync();
        Time.Advance(TimeSpan.FromMinutes(1));
        _targetDown = false;
        await CheckAllAsync();

        var results = await Admin.GetJsonAsync($"{MonitorsPath}/{id}/results?range=7d");

        var incident = Assert.Single(results["incidents"]!.AsArray())!;
        Assert.Equal("status 500, expected 200-399", (string?)incident["reason"]);
        Assert.Equal(120.0, (double)incident["durationSeconds"]!);
        Assert.Equal((2, false), ((int)incident["checks"]!, (bool)incident["ongoing"]!));
        Assert.Equal(50.0, (double)results["ranges"]!["24h"]!["uptime"]!);
        Assert.Equal(4, (int)results["ranges"]!["90d"]!["checks"]!);
        Assert.Equal(["up", "down", "down", "up"], results["recent"]!.AsArray().Select(check => (string?)check!["state"]));
        Assert.Equal(4, results["responseTimes"]!.AsArray().Count);
        Assert.Equal("up", (string?)results["status"]!["state"]);
    }

    [Fact]
    public async Task ResultsCsv_TwoChecks_ARowPerCheckAtTheProjectsOffsetAsInTheJson()
    {
        var id = await CreateAsync(new { name = "api", kind = "http", url = Url("/health") });
        await CheckAllAsync();
        Time.Advance(TimeSpan.FromMinutes(1));
        await CheckAllAsync();
        var path = $"{MonitorsPath}/{id}/results?range=7d";
        var points = (await Admin.GetJsonAsync(path))["responseTimes"]!.AsArray();

        var rows = await Admin.GetCsvAsync($"{path}&format=csv");

        Assert.Equal(["Time", "Response time (ms)"], rows[0]);
        // The project's zone is Asia/Seoul.
        Assert.Equal(
            points.Select(point => new[] { DateTimeOffset.Parse((string)point!["at"]!).ToOffset(TimeSpan.FromHours(9)).ToString("yyyy-MM-dd'T'HH:mm:ss'+09:00'"), point["responseTimeMs"]!.ToJsonString() }),
            rows.Skip(1));
        Assert.Equal(2, points.Count);
        Assert.All(points, point => Assert.True((double)point!["responseTimeMs"]! > 0));
    }

    [Fact]
    public async Task ResultsCsv_AcceptTextCsvOrBadFormat_FileNamedForTheMonitorAndRangeOrProblem()
    {
        var id = await CreateAsync(new { name = "api", kind = "http", url = Url("/health") });
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{MonitorsPath}/{id}/results?range=30d");
        request.Headers.Accept.ParseAdd("text/csv");

        using var response = await Admin.SendAsync(request);
        using var bad = await Admin.GetAsync($"{MonitorsPath}/{id}/results?format=pdf");

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"monitor-{id}-30d.csv", response.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal("Time,Response time (ms)\r\n", Encoding.UTF8.GetString((await response.Content.ReadAsByteArrayAsync())[3..]));
        await Json.AssertProblemAsync(bad, 400, "format");
    }

    [Fact]
    public async Task Heartbeat_PingedLateAndFailed_UpThenDownThenUpThenDown()
    {
        var created = await CreateViewAsync(new { name = "backup", kind = "heartbeat", periodSeconds = 60, graceSeconds = 30 });
        var url = (string)created["heartbeatUrl"]!;
        Assert.StartsWith(Server.BaseAddress.ToString(), url);
        using var anonymous = new HttpClient();

        using (var ping = await anonymous.PostAsync(url, null))
        {
            Assert.Equal(HttpStatusCode.OK, ping.StatusCode);
        }
        await CheckAllAsync();
        var afterPing = await StateAsync("backup");
        Time.Advance(TimeSpan.FromSeconds(91));
        await CheckAllAsync();
        var late = await StateAsync("backup");
        // Checks a second apart: the newest check is the status, and on this clock two could share an instant.
        Time.Advance(TimeSpan.FromSeconds(1));
        (await anonymous.GetAsync(url)).Dispose();
        await CheckAllAsync();
        var pingedAgain = await StateAsync("backup");
        Time.Advance(TimeSpan.FromSeconds(1));
        (await anonymous.GetAsync(url + "/fail")).Dispose();
        await CheckAllAsync();
        var failed = await StateAsync("backup");
        using var unknown = await anonymous.GetAsync(new Uri(Server.BaseAddress, "heartbeat/no-such-token"));

        Assert.Equal("up", afterPing.State);
        Assert.Equal(("down", "no ping for 1.5 min (period 1 min + grace 30 s)"), late);
        Assert.Equal("up", pingedAgain.State);
        Assert.Equal(("down", "the last ping, 0 s ago, reported a failure"), failed);
        await Json.AssertProblemAsync(unknown, 404, "token");
    }

    [Fact]
    public async Task AlertRule_MonitorUpBelowOne_FiresWhenTheLocalServerGoesDown()
    {
        await CreateAsync(new { name = "api", kind = "http", url = Url("/health"), intervalSeconds = 30 });
        using var rules = await Admin.PutAsync($"api/projects/{Server.ProjectId}/alert-rules", new StringContent($$"""
            alerts:
              - name: API down
                severity: critical
                condition: monitor_up{name="api"} < 1
                notify:
                  - webhook: ops
            channels:
              ops: { webhook: "{{_target.Url}}hook" }
            """, Encoding.UTF8, "application/yaml"));
        Assert.True(rules.IsSuccessStatusCode, await rules.Content.ReadAsStringAsync());

        await CheckAllAsync();
        await RunCycleAsync();
        var whileUp = await Admin.GetJsonAsync($"api/projects/{Server.ProjectId}/alerts");
        Time.Advance(TimeSpan.FromSeconds(30));
        _targetDown = true;
        await CheckAllAsync();
        await RunCycleAsync();
        var whileDown = await Admin.GetJsonAsync($"api/projects/{Server.ProjectId}/alerts");

        Assert.Empty(whileUp["firing"]!.AsArray());
        var firing = Assert.Single(whileDown["firing"]!.AsArray())!;
        Assert.Equal("API down", (string?)firing["ruleName"]);
        Assert.Equal("monitor_up{name=\"api\"} = 0 (down)", (string?)firing["values"]);
    }

    [Fact]
    public async Task HealthUrl_SetThenMonitorDeleted_HealthMonitorFollowsAndTheSettingClears()
    {
        await Admin.SetHealthUrlAsync(Server.ProjectId, Url("/health"));
        var health = Assert.Single((await Admin.GetJsonAsync(MonitorsPath)).AsArray())!["monitor"]!;
        Assert.Equal(("health", Url("/health"), "200-299", 30), ((string)health["settings"]!["name"]!, (string)health["settings"]!["url"]!,
            (string)health["settings"]!["expectedStatus"]!, (int)health["settings"]!["intervalSeconds"]!));

        using var deleted = await Admin.DeleteAsync($"{MonitorsPath}/{(long)health["id"]!}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Null((await Admin.GetJsonAsync($"api/projects/{Server.ProjectId}"))["healthUrl"]);
    }

    [Fact]
    public async Task Api_BadInput_ProblemsNamingTheField()
    {
        var id = await CreateAsync(new { name = "api", kind = "http", url = Url("/health") });

        using var badUrl = await Admin.PostAsync(MonitorsPath, Json.Body(new { name = "web", kind = "http", url = "not a url" }));
        using var taken = await Admin.PostAsync(MonitorsPath, Json.Body(new { name = "api", kind = "tcp", host = "127.0.0.1", port = 80 }));
        using var badUpdate = await Admin.PutAsync($"{MonitorsPath}/{id}", Json.Body(new { name = "api", kind = "tcp", host = "127.0.0.1" }));
        using var missing = await Admin.GetAsync($"{MonitorsPath}/{id + 100}");
        using var badRange = await Admin.GetAsync($"{MonitorsPath}/{id}/results?range=1y");
        using var otherProject = await Admin.GetAsync($"api/projects/{Server.ProjectId + 100}/monitors");

        Assert.Equal(HttpStatusCode.BadRequest, badUrl.StatusCode);
        Assert.NotNull((await badUrl.ReadAsync())["errors"]!["url"]);
        await Json.AssertProblemAsync(taken, 409, "name");
        Assert.NotNull((await badUpdate.ReadAsync())["errors"]!["port"]);
        await Json.AssertProblemAsync(missing, 404, "monitorId");
        await Json.AssertProblemAsync(badRange, 400, "range");
        await Json.AssertProblemAsync(otherProject, 404, "id");
    }

    [Fact]
    public async Task Api_UpdateThenGet_SettingsRoundTripAndTheHeartbeatKeepsItsUrl()
    {
        var created = await CreateViewAsync(new { name = "nightly", kind = "heartbeat", periodSeconds = 86400 });
        var id = (long)created["id"]!;
        var settings = created["settings"]!.AsObject();
        settings["graceSeconds"] = 600;
        settings["name"] = "nightly backup";

        using var updated = await Admin.PutAsync($"{MonitorsPath}/{id}", Json.Raw(settings.ToJsonString()));
        var read = await Admin.GetJsonAsync($"{MonitorsPath}/{id}");

        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal(("nightly backup", 600, "pending"), ((string)read["monitor"]!["settings"]!["name"]!, (int)read["monitor"]!["settings"]!["graceSeconds"]!, (string)read["status"]!["state"]!));
        Assert.Equal((string?)created["heartbeatUrl"], (string?)read["monitor"]!["heartbeatUrl"]);
    }

    private string Url(string path) => new Uri(_target.Url, path).ToString();

    private async Task<JsonNode> CreateViewAsync(object monitor)
    {
        using var response = await Admin.PostAsync(MonitorsPath, Json.Body(monitor));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.ReadAsync();
    }

    private async Task<long> CreateAsync(object monitor) => (long)(await CreateViewAsync(monitor))["id"]!;

    private async Task<(string State, string? Reason)> StateAsync(string name)
    {
        var item = (await Admin.GetJsonAsync(MonitorsPath)).AsArray().Single(item => (string?)item!["monitor"]!["settings"]!["name"] == name)!;
        return ((string)item["status"]!["state"]!, (string?)item["status"]!["reason"]);
    }

    private async Task CheckAllAsync()
    {
        await Server.Services.GetRequiredService<MonitorSchedulerJob>().CheckAllAsync(CancellationToken.None);
        await Server.WaitUntilStoredAsync();
    }

    private Task RunCycleAsync() => Server.Services.GetRequiredService<AlertEvaluator>().RunCycleAsync(CancellationToken.None);
}

public sealed class SqliteMonitorTests() : MonitorTests(Backend.Sqlite);

public sealed class PostgresClickHouseMonitorTests() : MonitorTests(Backend.PostgresClickHouse);
