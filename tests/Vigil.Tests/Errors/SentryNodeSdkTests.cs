using Microsoft.Extensions.DependencyInjection;
using Vigil.Core.Errors.Sentry;
using Vigil.Core.Metrics;
using Vigil.Core.Storage;
using Vigil.Tests.Support;

namespace Vigil.Tests.Errors;

/// <summary>
/// The real @sentry/node (pinned in tests/node/package.json) configured with nothing but Vigil's DSN: the errors and
/// the message it captures must come out as issues, grouped as the script's bugs are, and the requests its tracing
/// records as request telemetry, on each backend.
/// </summary>
public abstract class SentryNodeSdkTests(Backend backend)
    // The system clock: the SDK stamps events with the real time, and the server must agree with it.
    : ServerTests(backend)
{
    [Fact]
    public async Task SentryNode_TwoBugsAndAMessage_ThreeIssuesWithCountsUsersAndCulprits()
    {
        var dsn = SentryAuth.Dsn(Server.BaseAddress.ToString(), Server.IngestKey, Server.ProjectId);

        var (exitCode, output) = await NodeScripts.RunAsync("@sentry/node", "sentry-capture.mjs", dsn);

        Assert.True(exitCode == 0, $"node exited {exitCode}:\n{output}");
        await Server.WaitUntilStoredAsync();
        var issues = (await Admin.GetJsonAsync($"api/projects/{Server.ProjectId}/issues")).AsArray()
            .ToDictionary(issue => (string)issue!["title"]!, issue => ((long)issue!["count"]!, (long)issue["users"]!, (string?)issue["culprit"]));
        Assert.Equal(new Dictionary<string, (long, long, string?)>
        {
            // checkout() twice, from two lines, for two users: one bug.
            ["TypeError: Cannot read properties of undefined (reading 'reduce')"] = (2, 2, "orderTotal (sentry-capture)"),
            ["RangeError: Discount 150% is over 100%"] = (1, 1, "applyDiscount (sentry-capture)"),
            ["Payment provider timed out after 3000 ms"] = (1, 1, "sentry-capture"),
        }, issues);
    }

    [Theory]
    [InlineData("stream")]
    [InlineData("static")]
    public async Task SentryNode_HttpServerSpansOrTransactions_AreRequestsOnTheDashboard(string traceLifecycle)
    {
        var dsn = SentryAuth.Dsn(Server.BaseAddress.ToString(), Server.IngestKey, Server.ProjectId);

        var (exitCode, output) = await NodeScripts.RunAsync("@sentry/node", "sentry-transactions.mjs", dsn, traceLifecycle);

        Assert.True(exitCode == 0, $"node exited {exitCode}:\n{output}");
        await Server.WaitUntilStoredAsync();
        // GET /orders/42 (200), GET /fail (500) and POST /checkout (201); the queue.process span and the fetch
        // calls' http.client spans are not requests.
        var now = DateTimeOffset.UtcNow;
        var stored = (await Server.Services.GetRequiredService<ITelemetryStore>()
            .ReadRequestTotalsAsync([Server.ProjectId], now.AddHours(-1), now.AddMinutes(1), Granularity.Minute, CancellationToken.None))[Server.ProjectId];
        Assert.Equal((3, 0, 1), ((int)stored.Count, (int)stored.ClientErrors, (int)stored.ServerErrors));
        // The handmade one lasted its 30 ms timer.
        Assert.InRange(stored.SumMs, 30, 10_000);
        var realtime = await Admin.GetJsonAsync($"api/projects/{Server.ProjectId}/realtime");
        Assert.Equal(100.0 / 3, (double)realtime["errorRate"]!, 9);
        Assert.InRange((double)realtime["p95ResponseTime"]!, 30 * 0.99, 10_000);
    }
}

public sealed class SqliteSentryNodeSdkTests() : SentryNodeSdkTests(Backend.Sqlite);

public sealed class PostgresClickHouseSentryNodeSdkTests() : SentryNodeSdkTests(Backend.PostgresClickHouse);
