using Vigil.Core.Experiments;

namespace Vigil.Core.Tests.Experiments;

public sealed class MixtureSequentialTestTests
{
    private const int BatchPerArm = 500;

    [Fact]
    public void MixingVariance_Baseline10PercentLift10Percent_IsSquaredAbsoluteEffect() =>
        Assert.Equal(0.0001, MixtureSequentialTest.MixingVariance(SomeExperiments.Design()), 12);

    [Theory]
    // From Python: p̄ pooled, s² = p̄(1 − p̄)(1/nA + 1/nB), Λ = √(s²/(s² + τ²)) exp(τ²Δ²/(2s²(s² + τ²))), τ² = 0.0001.
    [InlineData(1200, 0.000482154659535545)]
    [InlineData(1100, 0.26780809084477847)]
    public void PValue_ControlTenPercentOf10000_MatchesClosedForm(long treatmentConverted, double expected)
    {
        var control = SomeExperiments.Control(10000, 1000);
        var treatment = SomeExperiments.Treatment(10000, treatmentConverted);
        var difference = (treatmentConverted - 1000) / 10000.0;

        var pValue = MixtureSequentialTest.PValue(difference, Proportions.PooledDifferenceVariance(control, treatment), 0.0001);

        Assert.Equal(expected, pValue, 10);
    }

    [Fact]
    public void PValue_NobodyConverted_IsOne() =>
        Assert.Equal(1, MixtureSequentialTest.PValue(0, Proportions.PooledDifferenceVariance(SomeExperiments.Control(3, 0), SomeExperiments.Treatment(3, 0)), 0.0001));

    [Fact]
    public void PValue_OneUserPerArmOneConverted_StaysNearOne()
    {
        // Unpooled variances would be 0 here and call the first two users a certain difference.
        var pValue = MixtureSequentialTest.PValue(1, Proportions.PooledDifferenceVariance(SomeExperiments.Control(1, 0), SomeExperiments.Treatment(1, 1)), 0.0001);

        Assert.InRange(pValue, 0.99, 1);
    }

    [Fact]
    public void Analyze_StreamWithPreviousReadout_PValueNeverRisesAndCrossesAlpha()
    {
        var design = SomeExperiments.Design(ExperimentMethod.Sequential);
        var random = new Random(7);
        long exposed = 0, controlConverted = 0, treatmentConverted = 0;
        ExperimentReadout? previous = null;
        var pValues = new List<double>();

        for (var batch = 0; batch < 40; batch++)
        {
            var (control, treatment) = SomeExperiments.Draw(random, BatchPerArm, 0.10, 0.13);
            exposed += BatchPerArm;
            controlConverted += control;
            treatmentConverted += treatment;
            previous = ExperimentAnalysis.Analyze(design,
                [SomeExperiments.Control(exposed, controlConverted), SomeExperiments.Treatment(exposed, treatmentConverted)], previous);
            pValues.Add(previous.Arms[1].PValue!.Value);
        }

        Assert.All(pValues.Zip(pValues.Skip(1)), pair => Assert.True(pair.Second <= pair.First, $"{pair.Second} after {pair.First}"));
        Assert.True(pValues[^1] < design.Alpha, $"final p {pValues[^1]}");
    }

    [Fact]
    public void Analyze_AATestsPeekingAfterEveryBatch_RejectAtMostAlpha()
    {
        var design = SomeExperiments.Design(ExperimentMethod.Sequential);
        const int runs = 200;
        var (sequentialRejections, naiveRejections) = Simulate(design, runs, seed: 20261202, treatmentRate: 0.10);

        Assert.True(sequentialRejections <= runs * design.Alpha, $"{sequentialRejections} of {runs} A/A runs rejected");
        // The same looks with the fixed-horizon z test: peeking is what the sequential test protects against.
        Assert.True(naiveRejections > 2 * runs * design.Alpha, $"{naiveRejections} of {runs} naive peeks rejected");
    }

    [Fact]
    public void Analyze_TrueLiftOfTheDesign_StopsByTheCapAtLeastAtTheDesignPower()
    {
        var design = SomeExperiments.Design(ExperimentMethod.Sequential);
        const int runs = 100;
        var (stopped, _) = Simulate(design, runs, seed: 11, treatmentRate: 0.11);

        Assert.True(stopped >= runs * design.Power, $"{stopped} of {runs} true-lift runs stopped by the cap");
    }

    /// <summary>Runs of a 10 % control against the treatment rate: how many the sequential test decided by the cap, and in
    /// how many a fixed-horizon z test crossed α at one of the same looks.</summary>
    private static (int Sequential, int Naive) Simulate(ExperimentDesign design, int runs, int seed, double treatmentRate)
    {
        var random = new Random(seed);
        int sequential = 0, naive = 0;
        for (var run = 0; run < runs; run++)
        {
            var (decided, naiveCrossed) = PeekUntilCap(design, random, 0.10, treatmentRate);
            sequential += decided ? 1 : 0;
            naive += naiveCrossed ? 1 : 0;
        }

        return (sequential, naive);
    }

    /// <summary>Looks after every batch until the sequential test decides or the cap is reached; also reports whether a
    /// fixed-horizon z test would have crossed α at any of those looks.</summary>
    private static (bool Sequential, bool Naive) PeekUntilCap(ExperimentDesign design, Random random, double controlRate, double treatmentRate)
    {
        long exposed = 0, controlConverted = 0, treatmentConverted = 0;
        ExperimentReadout? readout = null;
        var naive = false;
        do
        {
            var (control, treatment) = SomeExperiments.Draw(random, BatchPerArm, controlRate, treatmentRate);
            exposed += BatchPerArm;
            controlConverted += control;
            treatmentConverted += treatment;
            readout = ExperimentAnalysis.Analyze(design,
                [SomeExperiments.Control(exposed, controlConverted), SomeExperiments.Treatment(exposed, treatmentConverted)], readout);
            var difference = readout.Arms[1].Difference!.Value;
            var variance = Proportions.DifferenceVariance(readout.Arms[0].Rate, exposed, readout.Arms[1].Rate, exposed);
            naive |= Proportions.TwoSidedPValue(difference, variance) < design.Alpha;
        }
        while (readout.Verdict == ExperimentVerdict.CollectingData);

        return (readout.Verdict is ExperimentVerdict.Winner or ExperimentVerdict.Loser, naive);
    }
}
