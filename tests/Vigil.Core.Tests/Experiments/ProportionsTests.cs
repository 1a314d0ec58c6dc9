using Vigil.Core.Experiments;

namespace Vigil.Core.Tests.Experiments;

// Expected values computed independently with Python's statistics.NormalDist and math (see each test).
public sealed class ProportionsTests
{
    private const double Z95 = 1.959963984540054;

    [Fact]
    public void CriticalZ_Alpha5Percent_Is1Point96() => Assert.Equal(Z95, Proportions.CriticalZ(0.05), 12);

    [Fact]
    public void WilsonInterval_NoConversionsOfTen_UpperBoundIsZSquaredOverNPlusZSquared()
    {
        // x = 0: the upper bound is z²/(n + z²) = 3.8415/13.8415.
        var interval = Proportions.WilsonInterval(0, 10, Z95);

        Assert.Equal(0, interval.Low, 12);
        Assert.Equal(0.27753279986288915, interval.High, 12);
    }

    [Fact]
    public void WilsonInterval_81Of263_MatchesScoreFormula()
    {
        var interval = Proportions.WilsonInterval(81, 263, Z95);

        Assert.Equal(0.2552885198782743, interval.Low, 12);
        Assert.Equal(0.3662095769828001, interval.High, 12);
    }

    [Fact]
    public void WilsonInterval_AllConverted_StaysWithinOne()
    {
        var interval = Proportions.WilsonInterval(5, 5, Z95);

        Assert.Equal(1, interval.High, 12);
        Assert.InRange(interval.Low, 0.5, 1);
    }

    [Fact]
    public void WilsonInterval_NoExposures_IsWholeRange() => Assert.Equal(new Interval(0, 1), Proportions.WilsonInterval(0, 0, Z95));

    [Fact]
    public void TwoSidedPValue_200Of2000Against250Of2000_Is0Point0123()
    {
        var variance = Proportions.DifferenceVariance(0.10, 2000, 0.125, 2000);

        Assert.Equal(0.012282738972377416, Proportions.TwoSidedPValue(0.025, variance), 10);
    }

    [Fact]
    public void TwoSidedPValue_ZeroVariance_OneWithoutDifferenceZeroWithOne()
    {
        Assert.Equal(1, Proportions.TwoSidedPValue(0, 0));
        Assert.Equal(0, Proportions.TwoSidedPValue(1, 0));
    }

    [Fact]
    public void NormalInterval_200Of2000Against250Of2000_UnpooledDifferenceAndDeltaMethodLift()
    {
        var difference = Proportions.NormalInterval(0.025, Proportions.DifferenceVariance(0.10, 2000, 0.125, 2000), Z95);
        var lift = Proportions.NormalInterval(0.25, Proportions.RelativeLiftVariance(0.10, 2000, 0.125, 2000), Z95);

        Assert.Equal(0.005431008554656027, difference.Low, 12);
        Assert.Equal(0.04456899144534396, difference.High, 12);
        Assert.Equal(0.030869364855854703, lift.Low, 12);
        Assert.Equal(0.4691306351441453, lift.High, 12);
    }
}
