using Vigil.Core.Experiments;

namespace Vigil.Core.Tests.Experiments;

// χ² upper tails from Python: erfc(√(x/2)) for 1 degree of freedom, exp(−x/2) for 2.
public sealed class SampleRatioTests
{
    [Fact]
    public void PValue_5000Against5250AtEvenSplit_Is0Point0135NotFlagged()
    {
        // χ² = 2 × 125²/5125 = 6.098.
        var pValue = SampleRatio.PValue([SomeExperiments.Control(5000, 0), SomeExperiments.Treatment(5250, 0)]);

        Assert.Equal(0.013536859346243511, pValue, 10);
        Assert.False(pValue < SampleRatio.MismatchPValue);
    }

    [Fact]
    public void PValue_5000Against5400AtEvenSplit_IsFlagged()
    {
        // χ² = 2 × 200²/5200 = 15.38.
        var pValue = SampleRatio.PValue([SomeExperiments.Control(5000, 0), SomeExperiments.Treatment(5400, 0)]);

        Assert.Equal(8.769942375590239e-05, pValue, 12);
        Assert.True(pValue < SampleRatio.MismatchPValue);
    }

    [Fact]
    public void PValue_ThreeArmsWeighted1To1To2_UsesTwoDegreesOfFreedom()
    {
        // Expected 1000, 1000, 2000 of 4000; χ² = 0 + 10 + 5 = 15.
        var pValue = SampleRatio.PValue(
        [
            SomeExperiments.Control(1000, 0),
            SomeExperiments.Treatment(1100, 0, "b"),
            SomeExperiments.Treatment(1900, 0, "c", weight: 2),
        ]);

        Assert.Equal(0.0005530843701478336, pValue, 12);
    }

    [Fact]
    public void PValue_WeightsMatchedExactly_IsOne() =>
        Assert.Equal(1, SampleRatio.PValue([SomeExperiments.Control(300, 0, weight: 0.3), SomeExperiments.Treatment(700, 0, weight: 0.7)]), 12);

    [Fact]
    public void PValue_NoExposures_IsOne() =>
        Assert.Equal(1, SampleRatio.PValue([SomeExperiments.Control(0, 0), SomeExperiments.Treatment(0, 0)]));
}
