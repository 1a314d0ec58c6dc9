using Vigil.Core.Alerts;
using Vigil.Core.Metrics;
using Vigil.Core.Projects;

namespace Vigil.Core.Tests.Alerts;

public sealed class TargetProximityTests
{
    private static readonly RealtimeTrends NoTrends = new(null, null, null, null, null, null, null, null, null);

    private static RealtimeMetrics Metrics(double? errorRate = null, double? average = null, double? p95 = null, double? uptime = null) =>
        new(0, 0, 0, 0, 0, errorRate, average, p95, uptime, DateTimeOffset.UnixEpoch, NoTrends);

    [Theory]
    [InlineData(1799.0, false)]
    [InlineData(1800.0, true)]
    [InlineData(1999.0, true)]
    [InlineData(2000.0, false)]
    public void Near_ResponseTimeAgainstTwoSecondTarget_WarnsFromNinetyPercentUntilTheBreach(double p95, bool expected)
    {
        var near = TargetProximity.Near(Metrics(p95: p95), Targets.Default);

        Assert.Equal(expected, near.Any(item => item.Metric == "p95ResponseTime"));
    }

    [Fact]
    public void Near_ErrorRate_ReportsValueTargetAndShareUsed()
    {
        var near = Assert.Single(TargetProximity.Near(Metrics(errorRate: 0.95), Targets.Default));

        Assert.Equal(new NearTarget("errorRate", 0.95, 1.0, 0.95), near);
    }

    [Theory]
    [InlineData(99.92, false)]
    [InlineData(99.91, true)]
    [InlineData(99.9, true)]
    [InlineData(99.89, false)]
    public void Near_Uptime_WarnsWhenNinetyPercentOfTheAllowedDowntimeIsUsed(double uptime, bool expected)
    {
        var near = TargetProximity.Near(Metrics(uptime: uptime), Targets.Default);

        Assert.Equal(expected, near.Any(item => item.Metric == "uptime"));
    }

    [Fact]
    public void Near_NoData_WarnsOfNothing()
    {
        Assert.Empty(TargetProximity.Near(Metrics(), Targets.Default));
    }
}
