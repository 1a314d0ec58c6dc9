using Vigil.Core.Monitors;

namespace Vigil.Core.Tests.Monitors;

public sealed class MonitorSummaryTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Of_TwentyChecks_SampleWeightedUptimeAverageAndNearestRankP95()
    {
        // 1..20 ms: p95 by nearest rank is the 19th value; two checks down, one without a time (a heartbeat-like check).
        var checks = Enumerable.Range(1, 20)
            .Select(ms => new MonitorResult(1, 1, At.AddMinutes(ms), ms is 3 or 4 ? MonitorState.Down : MonitorState.Up, 200, ms, null, null))
            .Append(new MonitorResult(1, 1, At, MonitorState.Warning, null, null, null, null));

        var summary = MonitorSummary.Of(checks);

        Assert.Equal((21L, 19L, 20L), (summary.Checks, summary.Up, summary.Timed));
        Assert.Equal(100.0 * 19 / 21, summary.UptimePercent!.Value, 9);
        Assert.Equal(10.5, summary.AverageMs!.Value, 9);
        Assert.Equal(19.0, summary.P95Ms!.Value, 19.0 * 0.01);
    }

    [Fact]
    public void Of_NoChecks_EverythingNull()
    {
        var summary = MonitorSummary.Of([]);

        Assert.Equal((null, null, null), (summary.UptimePercent, summary.AverageMs, summary.P95Ms));
    }
}
