using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Alerts;
using Vigil.Tests.Alerts.Delivery;
using Vigil.Tests.Support;

namespace Vigil.Tests.Alerts;

/// <summary>
/// Alerting end to end on each backend: rules saved through the API, telemetry ingested, evaluation cycles run at
/// times this test sets, and notifications delivered by the real delivery job to a real HTTP receiver.
/// </summary>
public abstract class AlertingTests(Backend backend)
    // Cycles run when this test says; the job's own timer would need an hour of the test's clock.
    : ServerTests(backend, Now, options => options.AlertEvaluationInterval = TimeSpan.FromHours(1))
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 5, 30, 0, TimeSpan.Zero);
    private int _failuresToAnswer;
    private HttpReceiver _receiver = null!;

    private string Rules => $$"""
        alerts:
          - name: Slow Response
            severity: critical
            condition: p95_response_time > 3s
            duration: 1min
            notify:
              - webhook: ops
          - name: Errors
            condition: error_rate > 5%
            notify:
              - webhook: ops
        channels:
          ops: { webhook: "{{_receiver.Url}}hook", secret: "s3cret" }
        """;

    public override async Task InitializeAsync()
    {
        _receiver = await HttpReceiver.StartAsync(_ => Interlocked.Decrement(ref _failuresToAnswer) >= 0 ? (500, "busy") : (200, "ok"));
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task SlowResponses_PendingThenFiringThenResolved_DeliveredOnceDespiteA500()
    {
        await PutRulesAsync(Rules);
        await SendRequestsAsync(durationMs: 4000, status: 200);

        await RunCycleAsync();
        var alerts = await Admin.GetJsonAsync($"api/projects/{Server.ProjectId}/alerts");
        Assert.Equal("Slow Response", (string?)alerts["pending"]![0]!["ruleName"]);
        Assert.Empty(alerts["firing"]!.AsArray());
        Assert.Empty(_receiver.Requests);

        // A minute later the condition still holds: firing, and the receiver fails the first delivery.
        _failuresToAnswer = 1;
        Time.Advance(TimeSpan.FromMinutes(1));
        await RunCycleAsync();
        await Eventually.TrueAsync(() => _receiver.Requests.Count == 1, TimeSpan.FromSeconds(20), () => $"{_receiver.Requests.Count} requests received");
        var outbox = await WaitForNotificationAsync(notification => (int)notification["attempts"]! == 1);
        Assert.Equal("pending", (string?)outbox["status"]);
        Assert.Contains("500", (string?)outbox["lastError"]);

        // The retry comes after a backoff of 5 to 10 seconds of Vigil's clock.
        Time.Advance(TimeSpan.FromSeconds(15));
        await WaitForNotificationAsync(notification => (string?)notification["status"] == "sent");
        await Task.Delay(1500);
        Assert.Equal(2, _receiver.Requests.Count);
        var delivered = _receiver.Requests[1];
        Assert.Equal(_receiver.Requests[0].Header("X-Vigil-Delivery"), delivered.Header("X-Vigil-Delivery"));
        AssertSigned(delivered, "s3cret");
        var body = JsonNode.Parse(delivered.BodyText)!;
        Assert.Equal("firing", (string?)body["status"]);
        var alert = body["alerts"]!.AsArray().Single()!;
        Assert.Equal("Slow Response", (string?)alert["name"]);
        Assert.Equal("p95_response_time > 3s", (string?)alert["condition"]);
        Assert.Contains("ms", (string?)alert["value"]);
        Assert.Equal(new Uri(Server.BaseAddress, $"projects/{Server.ProjectId}").AbsoluteUri, (string?)body["dashboardUrl"]);
        var sent = (await Admin.GetJsonAsync($"api/projects/{Server.ProjectId}/notifications?status=sent")).AsArray().Single()!;
        Assert.Equal(2, (int)sent["attempts"]!);
        Assert.Equal("ops", (string?)sent["destination"]!["name"]);
        Assert.Null(sent["destination"]!["secret"]);

        // The slow requests leave the five-minute window and fast ones arrive: resolved, and one resolved message.
        Time.Advance(TimeSpan.FromMinutes(6));
        await SendRequestsAsync(durationMs: 100, status: 200);
        await RunCycleAsync();
        await Eventually.TrueAsync(() => _receiver.Requests.Count == 3, TimeSpan.FromSeconds(20), () => $"{_receiver.Requests.Count} requests received");
        var resolved = JsonNode.Parse(_receiver.Requests[2].BodyText)!;
        Assert.Equal("resolved", (string?)resolved["status"]);
        Assert.Equal("resolved", (string?)resolved["alerts"]![0]!["state"]);

        var history = (await Admin.GetJsonAsync($"api/projects/{Server.ProjectId}/alerts/history?rule=Slow%20Response")).AsArray();
        Assert.Equal(["resolved", "firing", "pending"], history.Select(entry => (string?)entry!["transition"]));
        Assert.Empty((await Admin.GetJsonAsync($"api/projects/{Server.ProjectId}/alerts"))["firing"]!.AsArray());
    }

    [Fact]
    public async Task TwoRulesFiringTogether_OneGroupedMessage()
    {
        await PutRulesAsync(Rules.Replace("duration: 1min", "duration: 0s"));
        await SendRequestsAsync(durationMs: 4000, status: 500);

        await RunCycleAsync();

        await Eventually.TrueAsync(() => _receiver.Requests.Count == 1, TimeSpan.FromSeconds(20), () => $"{_receiver.Requests.Count} requests received");
        await Task.Delay(1500);
        var alerts = JsonNode.Parse(_receiver.Single.BodyText)!["alerts"]!.AsArray();
        Assert.Equal(["Slow Response", "Errors"], alerts.Select(alert => (string?)alert!["name"]));
    }

    [Fact]
    public async Task Silenced_FiresWithoutNotifying()
    {
        await PutRulesAsync(Rules);
        using var silence = await Admin.PostAsync($"api/projects/{Server.ProjectId}/silences", Json.Body(new
        {
            matchers = new[] { "alertname=\"Errors\"" },
            endsAt = Now.AddHours(1),
            reason = "known incident",
        }));
        Assert.Equal(HttpStatusCode.Created, silence.StatusCode);
        await SendRequestsAsync(durationMs: 100, status: 500);

        await RunCycleAsync();

        var firing = (await Admin.GetJsonAsync($"api/projects/{Server.ProjectId}/alerts"))["firing"]!.AsArray().Single()!;
        Assert.Equal("Errors", (string?)firing["ruleName"]);
        Assert.True((bool)firing["silenced"]!);
        Assert.Empty((await Admin.GetJsonAsync($"api/projects/{Server.ProjectId}/notifications")).AsArray());
    }

    [Fact]
    public async Task PutRules_Invalid_Is400WithEveryProblemAndSavesNothing()
    {
        using var response = await Admin.PutAsync($"api/projects/{Server.ProjectId}/alert-rules", Yaml("""
            alerts:
              - name: Down
                condition: uptime > 3s
                duration: soon
            """));

        await Json.AssertProblemAsync(response, 400, "body");
        var errors = (await response.ReadAsync())["errors"]!.AsArray();
        Assert.Equal([3, 4], errors.Select(error => (int)error!["line"]!));
        Assert.All(errors, error => Assert.True((int)error!["column"]! > 1));
        var current = await Admin.GetJsonAsync($"api/projects/{Server.ProjectId}/alert-rules");
        Assert.Equal(0, (int)current["version"]!);
        Assert.Contains("alerts: []", (string?)current["yaml"]);
    }

    [Fact]
    public async Task BadRequests_AreProblemsNamingTheField()
    {
        var project = $"api/projects/{Server.ProjectId}";
        await Json.AssertProblemAsync(await Admin.PostAsync($"{project}/silences", Json.Body(new { matchers = new[] { "=x" }, endsAt = Now.AddHours(1), reason = "r" })), 400, "matchers[0]");
        await Json.AssertProblemAsync(await Admin.PostAsync($"{project}/silences", Json.Body(new { matchers = new[] { "a=b" }, endsAt = Now.AddHours(-1), reason = "r" })), 400, "endsAt");
        await Json.AssertProblemAsync(await Admin.PostAsync($"{project}/silences", Json.Body(new { matchers = new[] { "a=b" }, endsAt = Now.AddHours(1) })), 400, "reason");
        await Json.AssertProblemAsync(await Admin.PostAsync($"{project}/maintenance-windows", Json.Body(new { startsAt = Now, endsAt = Now.AddHours(-1), reason = "r" })), 400, "endsAt");
        await Json.AssertProblemAsync(await Admin.GetAsync($"{project}/notifications?status=lost"), 400, "status");
        await Json.AssertProblemAsync(await Admin.DeleteAsync($"{project}/silences/999"), 404, "silenceId");
        await Json.AssertProblemAsync(await Admin.PostAsync($"{project}/notifications/999/retry", null), 404, "notificationId");
        await Json.AssertProblemAsync(await Admin.GetAsync("api/projects/999/alerts"), 404, "id");
    }

    [Fact]
    public async Task MaintenanceWindow_CreatedListedDeleted_AndSilencesTheProject()
    {
        await PutRulesAsync(Rules);
        using var created = await Admin.PostAsync($"api/projects/{Server.ProjectId}/maintenance-windows", Json.Body(new { startsAt = Now.AddMinutes(-1), endsAt = Now.AddHours(1), reason = "database upgrade" }));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (long)(await created.ReadAsync())["id"]!;
        await SendRequestsAsync(durationMs: 100, status: 500);

        await RunCycleAsync();

        Assert.True((bool)(await Admin.GetJsonAsync($"api/projects/{Server.ProjectId}/alerts"))["firing"]![0]!["silenced"]!);
        Assert.Empty((await Admin.GetJsonAsync($"api/projects/{Server.ProjectId}/notifications")).AsArray());
        Assert.Equal("database upgrade", (string?)(await Admin.GetJsonAsync($"api/projects/{Server.ProjectId}/maintenance-windows"))[0]!["reason"]);
        Assert.Equal(HttpStatusCode.NoContent, (await Admin.DeleteAsync($"api/projects/{Server.ProjectId}/maintenance-windows/{id}")).StatusCode);
        Assert.Empty((await Admin.GetJsonAsync($"api/projects/{Server.ProjectId}/maintenance-windows")).AsArray());
    }

    private static StringContent Yaml(string yaml) => new(yaml, Encoding.UTF8, "application/yaml");

    private async Task PutRulesAsync(string yaml)
    {
        using var response = await Admin.PutAsync($"api/projects/{Server.ProjectId}/alert-rules", Yaml(yaml));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task SendRequestsAsync(double durationMs, int status)
    {
        var at = Time.GetUtcNow().AddSeconds(-20).ToString("O");
        await Ingest.PostRequestsAsync(Enumerable.Range(0, 20).Select(_ => (object)new { timestamp = at, method = "GET", route = "/api/orders", status, duration_ms = durationMs }).ToArray());
        await Server.WaitUntilStoredAsync();
    }

    private Task RunCycleAsync() => Server.Services.GetRequiredService<AlertEvaluator>().RunCycleAsync(CancellationToken.None);

    private async Task<JsonNode> WaitForNotificationAsync(Func<JsonNode, bool> condition)
    {
        var path = $"api/projects/{Server.ProjectId}/notifications";
        var notifications = await Eventually.JsonAsync(Admin, path, answer => answer.AsArray().Any(notification => condition(notification!)), TimeSpan.FromSeconds(20));
        return notifications.AsArray().First(notification => condition(notification!))!;
    }

    private static void AssertSigned(ReceivedRequest request, string secret)
    {
        var timestamp = request.Header("X-Vigil-Timestamp");
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{request.BodyText}")));
        Assert.Equal(expected, request.Header("X-Vigil-Signature"));
    }
}

public sealed class SqliteAlertingTests() : AlertingTests(Backend.Sqlite);

public sealed class PostgresClickHouseAlertingTests() : AlertingTests(Backend.PostgresClickHouse);
