using Vigil.Core.Experiments;

namespace Vigil.Core.Tests.Experiments;

public sealed class SampleSizeTests
{
    [Fact]
    public void FixedHorizon_Baseline10PercentLift10Percent_Is14749PerArm()
    {
        // (1.95996 + 0.84162)² × (0.1 × 0.9 + 0.11 × 0.89) / 0.01² = 7.8489 × 0.1879 / 0.0001 = 14,748.1, rounded up.
        Assert.Equal(14749, SampleSize.FixedHorizon(SomeExperiments.Design(), alpha: 0.05));
    }

    [Fact]
    public void FixedHorizon_ThreeArmsAtBonferroniAlpha_Is17860PerArm() =>
        Assert.Equal(17860, SampleSize.FixedHorizon(SomeExperiments.Design(), alpha: 0.025));

    [Fact]
    public void SequentialCap_Baseline10PercentLift10Percent_IsFirstNWithDesignPowerAtOneLook()
    {
        // Found by bisection in Python on the same inequality: 28,581 (32,196 at α/2).
        Assert.Equal(28581, SampleSize.SequentialCap(SomeExperiments.Design(ExperimentMethod.Sequential), alpha: 0.05));
        Assert.Equal(32196, SampleSize.SequentialCap(SomeExperiments.Design(ExperimentMethod.Sequential), alpha: 0.025));
    }
}
