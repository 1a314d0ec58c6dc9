using Vigil.Core.Experiments;

namespace Vigil.Core.Tests.Experiments;

public sealed class ExperimentRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);

    private static ExperimentDraft Draft() => new(
        " checkout-button ", " Green button ", "  ", [("control", null), (" green ", 3)], "order", null, null, null, 0.04, 0.1);

    [Fact]
    public void Parse_MinimalDraft_TrimsAndTakesTheDefaults()
    {
        var parsed = ExperimentRules.Parse(7, Draft(), Now);

        var experiment = Assert.IsType<Experiment>(parsed.Experiment);
        Assert.Equal(("checkout-button", "Green button", null), (experiment.Key, experiment.Name, experiment.Hypothesis));
        Assert.Equal([new ExperimentVariant("control", 1), new ExperimentVariant("green", 3)], experiment.Variants);
        Assert.Equal(new ExperimentDesign(ExperimentMethod.FixedHorizon, 0.05, 0.8, 0.04, 0.1), experiment.Design);
        Assert.Equal((7L, ExperimentStatus.Draft, Now), (experiment.ProjectId, experiment.Status, experiment.CreatedAt));
        Assert.Equal("control", experiment.Control);
    }

    [Theory]
    [InlineData(double.NaN, "variants[1].weight")]
    [InlineData(-1.0, "variants[1].weight")]
    [InlineData(2e6, "variants[1].weight")]
    public void Parse_BadWeight_NamesTheVariant(double weight, string field)
    {
        var parsed = ExperimentRules.Parse(7, Draft() with { Variants = [("control", 1), ("green", weight)] }, Now);

        Assert.Null(parsed.Experiment);
        Assert.Equal(field, parsed.Field);
    }

    [Fact]
    public void Window_RunningAndStopped_FromStartToStopOrNow()
    {
        var experiment = ExperimentRules.Parse(7, Draft(), Now).Experiment! with { Status = ExperimentStatus.Running, StartedAt = Now };

        Assert.Null((experiment with { StartedAt = null }).Window(Now.AddDays(1)));
        Assert.Equal<(DateTimeOffset, DateTimeOffset)?>((Now, Now.AddDays(1)), experiment.Window(Now.AddDays(1)));
        Assert.Equal<(DateTimeOffset, DateTimeOffset)?>((Now, Now), experiment.Window(Now.AddDays(-1)));
        Assert.Equal<(DateTimeOffset, DateTimeOffset)?>((Now, Now.AddHours(5)), (experiment with { StoppedAt = Now.AddHours(5) }).Window(Now.AddDays(1)));
    }

    [Fact]
    public void CheckDecision_UnknownVariant_NamesShip()
    {
        var experiment = ExperimentRules.Parse(7, Draft(), Now).Experiment!;

        Assert.Equal("ship", ExperimentRules.CheckDecision(experiment, "blue", null)?.Field);
        Assert.Null(ExperimentRules.CheckDecision(experiment, "control", "kept"));
    }
}
