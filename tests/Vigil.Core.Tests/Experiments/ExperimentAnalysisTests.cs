using Vigil.Core.Experiments;

namespace Vigil.Core.Tests.Experiments;

public sealed class ExperimentAnalysisTests
{
    // 14,749 per arm for the default design with two arms, 17,860 with three (α/2).
    private const long Reached = 20000;

    [Fact]
    public void Analyze_TwoArms_ReportsRatesDifferenceLiftAndZTest()
    {
        var readout = ExperimentAnalysis.Analyze(SomeExperiments.Design(), [SomeExperiments.Control(2000, 200), SomeExperiments.Treatment(2000, 250)]);

        var control = readout.Arms[0];
        Assert.Equal(0.10, control.Rate, 12);
        Assert.Null(control.Difference);
        Assert.Null(control.DifferenceInterval);
        Assert.Null(control.RelativeLift);
        Assert.Null(control.PValue);
        var treatment = readout.Arms[1];
        Assert.Equal(0.025, treatment.Difference!.Value, 12);
        Assert.Equal(0.005431008554656027, treatment.DifferenceInterval!.Value.Low, 12);
        Assert.Equal(0.25, treatment.RelativeLift!.Value, 12);
        Assert.Equal(0.030869364855854703, treatment.RelativeLiftInterval!.Value.Low, 12);
        Assert.Equal(0.012282738972377416, treatment.PValue!.Value, 10);
        Assert.Equal(14749, readout.RequiredPerArm);
    }

    [Fact]
    public void Analyze_FixedHorizonBelowRequired_CollectingDataWhateverThePValue()
    {
        var readout = ExperimentAnalysis.Analyze(SomeExperiments.Design(), [SomeExperiments.Control(10000, 1000), SomeExperiments.Treatment(10000, 1500)]);

        Assert.True(readout.Arms[1].PValue < 1e-20);
        Assert.Equal(ExperimentVerdict.CollectingData, readout.Verdict);
        Assert.Null(readout.DecidingVariant);
        Assert.False(readout.Decided);
    }

    [Theory]
    // Control 2,000 of 20,000 (10 %): 11 % is p = 0.0011, 9 % p = 0.00065, 10.25 % p = 0.41.
    [InlineData(2200, ExperimentVerdict.Winner, "treatment")]
    [InlineData(1800, ExperimentVerdict.Loser, "treatment")]
    [InlineData(2050, ExperimentVerdict.NoDifference, null)]
    public void Analyze_FixedHorizonReached_DecidedByTheZTest(long treatmentConverted, ExperimentVerdict verdict, string? decidingVariant)
    {
        var readout = ExperimentAnalysis.Analyze(SomeExperiments.Design(), [SomeExperiments.Control(Reached, 2000), SomeExperiments.Treatment(Reached, treatmentConverted)]);

        Assert.Equal(verdict, readout.Verdict);
        Assert.Equal(decidingVariant, readout.DecidingVariant);
        Assert.True(readout.Decided);
    }

    [Fact]
    public void Analyze_MismatchedSplitWithAWinner_SampleRatioMismatch()
    {
        var readout = ExperimentAnalysis.Analyze(SomeExperiments.Design(), [SomeExperiments.Control(Reached, 2000), SomeExperiments.Treatment(Reached + 1000, 2400)]);

        Assert.True(readout.SampleRatioMismatch);
        Assert.True(readout.SrmPValue < 0.001);
        Assert.Equal(ExperimentVerdict.SampleRatioMismatch, readout.Verdict);
        Assert.Null(readout.DecidingVariant);
        Assert.False(readout.Decided);
    }

    [Fact]
    public void Analyze_ArmWithoutExposures_CollectingDataWithoutNaN()
    {
        var readout = ExperimentAnalysis.Analyze(SomeExperiments.Design(), [SomeExperiments.Control(3, 1), SomeExperiments.Treatment(0, 0)]);

        Assert.Equal(ExperimentVerdict.CollectingData, readout.Verdict);
        var treatment = readout.Arms[1];
        Assert.Equal(0, treatment.Rate);
        Assert.Equal(new Interval(0, 1), treatment.RateInterval);
        Assert.Null(treatment.Difference);
        Assert.Null(treatment.RelativeLift);
        Assert.Null(treatment.PValue);
        Assert.All(Numbers(readout), number => Assert.True(double.IsFinite(number)));
    }

    [Fact]
    public void Analyze_NoExposuresAtAll_CollectingDataAndSrmPValueOne()
    {
        var readout = ExperimentAnalysis.Analyze(SomeExperiments.Design(ExperimentMethod.Sequential), [SomeExperiments.Control(0, 0), SomeExperiments.Treatment(0, 0)]);

        Assert.Equal(ExperimentVerdict.CollectingData, readout.Verdict);
        Assert.Equal(1, readout.SrmPValue);
        Assert.All(Numbers(readout), number => Assert.True(double.IsFinite(number)));
    }

    [Fact]
    public void Analyze_OneArmWithoutExposuresAgainstMany_SampleRatioMismatchWins()
    {
        var readout = ExperimentAnalysis.Analyze(SomeExperiments.Design(), [SomeExperiments.Control(5000, 500), SomeExperiments.Treatment(0, 0)]);

        Assert.Equal(ExperimentVerdict.SampleRatioMismatch, readout.Verdict);
    }

    [Fact]
    public void Analyze_ControlWithoutConversions_NoLiftButADifference()
    {
        var readout = ExperimentAnalysis.Analyze(SomeExperiments.Design(), [SomeExperiments.Control(100, 0), SomeExperiments.Treatment(100, 5)]);

        var treatment = readout.Arms[1];
        Assert.Equal(0.05, treatment.Difference!.Value, 12);
        Assert.Null(treatment.RelativeLift);
        Assert.Null(treatment.RelativeLiftInterval);
        Assert.All(Numbers(readout), number => Assert.True(double.IsFinite(number)));
    }

    [Fact]
    public void Analyze_ThreeArmsSignificantOnlyAtUnadjustedAlpha_NoDifference()
    {
        // 2,126 against 2,000 of 20,000: p = 0.038, below 0.05 but not below 0.05/2.
        var twoArms = ExperimentAnalysis.Analyze(SomeExperiments.Design(), [SomeExperiments.Control(Reached, 2000), SomeExperiments.Treatment(Reached, 2126, "b")]);
        var threeArms = ExperimentAnalysis.Analyze(SomeExperiments.Design(),
            [SomeExperiments.Control(Reached, 2000), SomeExperiments.Treatment(Reached, 2126, "b"), SomeExperiments.Treatment(Reached, 2010, "c")]);

        Assert.Equal(ExperimentVerdict.Winner, twoArms.Verdict);
        Assert.Equal(ExperimentVerdict.NoDifference, threeArms.Verdict);
        Assert.Equal(17860, threeArms.RequiredPerArm);
        // The intervals widen to the adjusted alpha as well.
        Assert.True(threeArms.Arms[1].DifferenceInterval!.Value.Low < twoArms.Arms[1].DifferenceInterval!.Value.Low);
    }

    [Theory]
    // Control 2,000 of 20,000; b and c converted as given. Winner: the best treatment is significantly better;
    // Loser: every treatment is significantly worse, named by the best of them; one worse arm alone decides nothing.
    [InlineData(2050, 2300, ExperimentVerdict.Winner, "c")]
    [InlineData(1700, 1990, ExperimentVerdict.NoDifference, null)]
    [InlineData(1700, 1800, ExperimentVerdict.Loser, "c")]
    public void Analyze_ThreeArmsReached_VerdictByBonferroniRules(long convertedB, long convertedC, ExperimentVerdict verdict, string? decidingVariant)
    {
        var readout = ExperimentAnalysis.Analyze(SomeExperiments.Design(),
            [SomeExperiments.Control(Reached, 2000), SomeExperiments.Treatment(Reached, convertedB, "b"), SomeExperiments.Treatment(Reached, convertedC, "c")]);

        Assert.Equal(verdict, readout.Verdict);
        Assert.Equal(decidingVariant, readout.DecidingVariant);
    }

    [Fact]
    public void Analyze_SequentialCrossesBeforeTheCap_WinnerEarly()
    {
        // Always-valid p = 0.00048 at 10,000 per arm (see MixtureSequentialTestTests), the cap is 28,581.
        var readout = ExperimentAnalysis.Analyze(SomeExperiments.Design(ExperimentMethod.Sequential),
            [SomeExperiments.Control(10000, 1000), SomeExperiments.Treatment(10000, 1200)]);

        Assert.Equal(28581, readout.RequiredPerArm);
        Assert.Equal(0.000482154659535545, readout.Arms[1].PValue!.Value, 10);
        Assert.Equal(ExperimentVerdict.Winner, readout.Verdict);
    }

    [Fact]
    public void Analyze_SequentialBelowCapUndecided_CollectingData()
    {
        var readout = ExperimentAnalysis.Analyze(SomeExperiments.Design(ExperimentMethod.Sequential),
            [SomeExperiments.Control(10000, 1000), SomeExperiments.Treatment(10000, 1100)]);

        Assert.Equal(ExperimentVerdict.CollectingData, readout.Verdict);
    }

    [Fact]
    public void Analyze_SequentialAtCapUndecided_NoDifference()
    {
        var readout = ExperimentAnalysis.Analyze(SomeExperiments.Design(ExperimentMethod.Sequential),
            [SomeExperiments.Control(30000, 3000), SomeExperiments.Treatment(30000, 3050)]);

        Assert.Equal(ExperimentVerdict.NoDifference, readout.Verdict);
    }

    [Fact]
    public void Analyze_SequentialWithPreviousCrossing_KeepsTheLowerPValue()
    {
        var design = SomeExperiments.Design(ExperimentMethod.Sequential);
        var crossed = ExperimentAnalysis.Analyze(design, [SomeExperiments.Control(10000, 1000), SomeExperiments.Treatment(10000, 1200)]);

        var later = ExperimentAnalysis.Analyze(design, [SomeExperiments.Control(11000, 1110), SomeExperiments.Treatment(11000, 1250)], crossed);

        Assert.Equal(crossed.Arms[1].PValue, later.Arms[1].PValue);
        Assert.Equal(ExperimentVerdict.Winner, later.Verdict);
    }

    [Fact]
    public void Analyze_FixedHorizonWithPrevious_IgnoresIt()
    {
        var design = SomeExperiments.Design();
        var earlier = ExperimentAnalysis.Analyze(design, [SomeExperiments.Control(2000, 200), SomeExperiments.Treatment(2000, 300)]);

        var later = ExperimentAnalysis.Analyze(design, [SomeExperiments.Control(2000, 200), SomeExperiments.Treatment(2000, 250)], earlier);

        Assert.Equal(0.012282738972377416, later.Arms[1].PValue!.Value, 10);
    }

    [Theory]
    [InlineData(0.0, 0.8, 0.1, 0.1)]
    [InlineData(0.05, 1.0, 0.1, 0.1)]
    [InlineData(0.05, 0.8, 0.0, 0.1)]
    [InlineData(0.05, 0.8, 0.1, 0.0)]
    [InlineData(0.05, 0.8, 0.6, 1.0)]
    public void Analyze_DesignOutOfRange_Throws(double alpha, double power, double baseline, double lift) =>
        Assert.Throws<ArgumentException>(() => ExperimentAnalysis.Analyze(
            new ExperimentDesign(ExperimentMethod.FixedHorizon, alpha, power, baseline, lift),
            [SomeExperiments.Control(1, 0), SomeExperiments.Treatment(1, 0)]));

    [Fact]
    public void Analyze_BadArms_Throws()
    {
        var design = SomeExperiments.Design();

        Assert.Throws<ArgumentException>(() => ExperimentAnalysis.Analyze(design, [SomeExperiments.Control(1, 0)]));
        Assert.Throws<ArgumentException>(() => ExperimentAnalysis.Analyze(design, [SomeExperiments.Control(1, 0), SomeExperiments.Treatment(1, 0, "control")]));
        Assert.Throws<ArgumentException>(() => ExperimentAnalysis.Analyze(design, [SomeExperiments.Control(1, 0), SomeExperiments.Treatment(1, 0, weight: 0)]));
        Assert.Throws<ArgumentException>(() => ExperimentAnalysis.Analyze(design, [SomeExperiments.Control(1, 2), SomeExperiments.Treatment(1, 0)]));
        Assert.Throws<ArgumentException>(() => ExperimentAnalysis.Analyze(design, [SomeExperiments.Control(-1, 0), SomeExperiments.Treatment(1, 0)]));
    }

    private static IEnumerable<double> Numbers(ExperimentReadout readout) =>
        readout.Arms.SelectMany(arm => new double?[]
        {
            arm.Rate, arm.RateInterval.Low, arm.RateInterval.High, arm.Difference, arm.DifferenceInterval?.Low, arm.DifferenceInterval?.High,
            arm.RelativeLift, arm.RelativeLiftInterval?.Low, arm.RelativeLiftInterval?.High, arm.PValue,
        }).OfType<double>().Append(readout.SrmPValue);
}
