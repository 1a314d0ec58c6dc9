using Vigil.Core.Kpis;
using Vigil.Core.Metrics;

namespace Vigil.Core.Tests.Kpis;

public sealed class SegmentsTests
{
    [Fact]
    public void Split_BiggestFirst_MissingValueLabelled()
    {
        string?[] values = ["free", null, "pro", "free"];

        var groups = Segments.Split(values, value => value);

        Assert.Equal(["free", DashboardMetrics.NoValueLabel, "pro"], groups.Select(group => group.Value));
        Assert.Equal([2, 1, 1], groups.Select(group => group.Items.Count));
    }

    [Fact]
    public void Split_MoreValuesThanTheMaximum_SmallestMergedIntoOther()
    {
        var values = Enumerable.Range(0, 25).SelectMany(index => Enumerable.Repeat($"v{index:D2}", 30 - index)).ToList();

        var groups = Segments.Split(values, value => value);

        Assert.Equal(Segments.MaxSegments, groups.Count);
        Assert.Equal(("v00", 30), (groups[0].Value, groups[0].Items.Count));
        // v19 … v24 hold 11 + 10 + … + 6 values.
        Assert.Equal((Segments.OtherLabel, 51), (groups[^1].Value, groups[^1].Items.Count));
    }
}
