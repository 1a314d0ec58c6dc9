using Vigil.Core.Monitors;
using Vigil.Core.Storage;

namespace Vigil.Testing.Contracts;

/// <summary>How every telemetry store keeps and reads monitor checks; each engine's test project runs it on a store of its own.</summary>
public abstract class TelemetryMonitorsContract<TEngine> : TelemetryContract<TEngine>
    where TEngine : ITelemetryEngine, new()
{
    private static readonly DateTimeOffset Hour = new(2026, 11, 21, 5, 0, 0, TimeSpan.Zero);
    private static readonly CancellationToken None = CancellationToken.None;

    private static MonitorResult Check(long monitorId, DateTimeOffset at, MonitorState state = MonitorState.Up, double? durationMs = 100, long projectId = 1) =>
        new(projectId, monitorId, at, state, state == MonitorState.Down ? 503 : 200, durationMs, state == MonitorState.Down ? "status 503, expected 200-399" : null, null);

    private async Task WriteAsync(params MonitorResult[] results)
    {
        foreach (var result in results)
        {
            await Store.WriteMonitorResultAsync(result, None);
        }
    }

    [Fact]
    public async Task ReadMonitorSummariesAsync_ChecksInTheRange_CountsUptimeAverageAndP95PerMonitor()
    {
        await WriteAsync(
            Check(1, Hour, durationMs: 999_999),
            Check(1, Hour.AddMinutes(1), durationMs: 100),
            Check(1, Hour.AddMinutes(2), durationMs: 200),
            Check(1, Hour.AddMinutes(3), MonitorState.Warning, durationMs: 300),
            Check(1, Hour.AddMinutes(4).AddMilliseconds(1), MonitorState.Down, durationMs: 400),
            Check(1, Hour.AddMinutes(5), MonitorState.Down, durationMs: null),
            Check(1, Hour.AddMinutes(6), durationMs: 999_999),
            Check(2, Hour.AddMinutes(2), MonitorState.Down, durationMs: 50),
            Check(3, Hour.AddMinutes(2)));

        var summaries = await Store.ReadMonitorSummariesAsync([1, 2], Hour, Hour.AddMinutes(5), None);

        Assert.Equal([1L, 2L], summaries.Keys.Order());
        var first = summaries[1];
        Assert.Equal((5L, 3L, 4L), (first.Checks, first.Up, first.Timed));
        Assert.Equal(60.0, first.UptimePercent);
        Assert.Equal(250.0, first.AverageMs!.Value, 6);
        Assert.Equal(400.0, first.P95Ms!.Value, 400.0 * 0.01);
        Assert.Equal((1L, 0L, 0.0), (summaries[2].Checks, summaries[2].Up, summaries[2].UptimePercent!.Value));
    }

    [Fact]
    public async Task ReadLatestMonitorResultsAsync_SeveralChecks_TheNewestInTheRangeWithEveryField()
    {
        var certificate = new MonitorResult(1, 7, Hour.AddMinutes(3).AddMilliseconds(500), MonitorState.Warning, null, 12.5, "the certificate expires in 5 days", 5);
        var expired = new MonitorResult(1, 8, Hour.AddMinutes(2), MonitorState.Down, null, null, "the certificate expired", -3);
        await WriteAsync(Check(7, Hour.AddMinutes(1)), certificate, Check(7, Hour.AddMinutes(9)), expired, Check(9, Hour.AddMinutes(2), MonitorState.Up, null));

        var latest = await Store.ReadLatestMonitorResultsAsync([7, 8, 9, 10], Hour, Hour.AddMinutes(5), None);

        Assert.Equal(certificate, latest[7]);
        Assert.Equal(expired, latest[8]);
        Assert.Equal(Check(9, Hour.AddMinutes(2), MonitorState.Up, null), latest[9]);
        Assert.False(latest.ContainsKey(10));
    }

    [Fact]
    public async Task ReadMonitorResultsAsync_OneMonitor_ItsChecksInTheRangeOldestFirst()
    {
        var checks = new[]
        {
            Check(4, Hour.AddSeconds(30), MonitorState.Down),
            Check(4, Hour.AddSeconds(10)),
            new MonitorResult(1, 4, Hour.AddSeconds(20).AddMilliseconds(7), MonitorState.Up, null, null, null, null),
        };
        await WriteAsync([.. checks, Check(4, Hour), Check(5, Hour.AddSeconds(15))]);

        var read = await Store.ReadMonitorResultsAsync(4, Hour, Hour.AddMinutes(1), None);

        Assert.Equal(checks.OrderBy(check => check.Timestamp), read);
    }

    [Fact]
    public async Task ReadProbeSummariesAsync_MonitorChecksOfEveryMonitor_AreTheProjectsUptime()
    {
        await WriteAsync(
            Check(1, Hour.AddMinutes(1), projectId: 1),
            Check(2, Hour.AddMinutes(2), MonitorState.Warning, projectId: 1),
            Check(2, Hour.AddMinutes(3), MonitorState.Down, projectId: 1),
            Check(3, Hour.AddMinutes(3), MonitorState.Down, projectId: 2));

        var summaries = await Store.ReadProbeSummariesAsync([1, 2, 3], Hour, Hour.AddMinutes(5), None);

        Assert.Equal(new ProbeSummary(3, 2), summaries[1]);
        Assert.Equal(new ProbeSummary(1, 0), summaries[2]);
        Assert.False(summaries.ContainsKey(3));
    }
}
