using Vigil.Core.Alerts;
using static Vigil.Core.Tests.Alerts.SomeAlerts;

namespace Vigil.Core.Tests.Alerts;

public sealed class AlertStateMachineTests
{
    /// <summary>Runs the state machine over one outcome per 15 s evaluation and returns each evaluation's transition.</summary>
    private static List<(AlertStatus Status, AlertTransition Transition)> Run(AlertRule rule, params Outcome[] outcomes) =>
        Run(rule, outcomes.Select(outcome => (outcome, Outcome.NoData)).ToArray());

    private static List<(AlertStatus Status, AlertTransition Transition)> Run(AlertRule rule, (Outcome Condition, Outcome Clear)[] outcomes)
    {
        var state = AlertState.Inactive;
        var steps = new List<(AlertStatus, AlertTransition)>();
        for (var evaluation = 0; evaluation < outcomes.Length; evaluation++)
        {
            var step = AlertStateMachine.Step(rule, state, outcomes[evaluation].Condition, outcomes[evaluation].Clear, At(evaluation));
            state = step.State;
            steps.Add((state.Status, step.Transition));
        }
        return steps;
    }

    private const Outcome T = Outcome.True;
    private const Outcome F = Outcome.False;
    private const Outcome N = Outcome.NoData;

    [Fact]
    public void Step_ZeroDuration_FiresAtTheFirstTrueEvaluation()
    {
        var steps = Run(Rule(), F, T);

        Assert.Equal([(AlertStatus.Inactive, AlertTransition.None), (AlertStatus.Firing, AlertTransition.Firing)], steps);
    }

    [Fact]
    public void Step_TrueForExactlyDuration_FiresAtThatEvaluation()
    {
        // duration 30 s at a 15 s interval: pending at 0, still pending at 15 s, firing at exactly 30 s.
        var steps = Run(Rule(duration: TimeSpan.FromSeconds(30)), T, T, T);

        Assert.Equal(
            [(AlertStatus.Pending, AlertTransition.Pending), (AlertStatus.Pending, AlertTransition.None), (AlertStatus.Firing, AlertTransition.Firing)],
            steps);
    }

    [Fact]
    public void Step_DurationBetweenEvaluations_FiresAtTheFirstEvaluationPastIt()
    {
        var steps = Run(Rule(duration: TimeSpan.FromSeconds(20)), T, T, T);

        Assert.Equal([AlertStatus.Pending, AlertStatus.Pending, AlertStatus.Firing], steps.Select(step => step.Status));
    }

    [Fact]
    public void Step_FalseWhilePending_CancelsAndStartsOverLater()
    {
        var steps = Run(Rule(duration: TimeSpan.FromSeconds(30)), T, T, F, T, T, T);

        Assert.Equal(
            [
                (AlertStatus.Pending, AlertTransition.Pending), (AlertStatus.Pending, AlertTransition.None),
                (AlertStatus.Inactive, AlertTransition.Cancelled),
                (AlertStatus.Pending, AlertTransition.Pending), (AlertStatus.Pending, AlertTransition.None), (AlertStatus.Firing, AlertTransition.Firing),
            ],
            steps);
    }

    [Fact]
    public void Step_FiringThenFalse_ResolvesAtOnceWithoutKeepFiringFor()
    {
        var steps = Run(Rule(), T, T, F);

        Assert.Equal((AlertStatus.Inactive, AlertTransition.Resolved), steps[^1]);
    }

    [Fact]
    public void Step_KeepFiringFor_HoldsUntilFalseForThatLong()
    {
        var steps = Run(Rule(keepFiringFor: TimeSpan.FromSeconds(30)), T, F, F, F);

        Assert.Equal(
            [(AlertStatus.Firing, AlertTransition.Firing), (AlertStatus.Firing, AlertTransition.None), (AlertStatus.Firing, AlertTransition.None), (AlertStatus.Inactive, AlertTransition.Resolved)],
            steps);
    }

    [Fact]
    public void Step_KeepFiringFor_ABreachInBetweenRestartsTheClock()
    {
        var steps = Run(Rule(keepFiringFor: TimeSpan.FromSeconds(30)), T, F, F, T, F, F, F);

        Assert.Equal(AlertTransition.Firing, steps[0].Transition);
        Assert.All(steps.Take(6), step => Assert.Equal(AlertStatus.Firing, step.Status));
        Assert.Equal((AlertStatus.Inactive, AlertTransition.Resolved), steps[6]);
    }

    [Fact]
    public void Step_Flapping_WithDurationNeverFires()
    {
        var steps = Run(Rule(duration: TimeSpan.FromSeconds(30)), T, F, T, F, T, F, T, F);

        Assert.DoesNotContain(steps, step => step.Status == AlertStatus.Firing);
        Assert.Equal(4, steps.Count(step => step.Transition == AlertTransition.Cancelled));
    }

    [Fact]
    public void Step_NoDataKeep_HoldsEveryStateAndItsClock()
    {
        // A gap in data neither resets nor advances: pending since 0, the gap, then firing at the first true at ≥ 30 s.
        var steps = Run(Rule(duration: TimeSpan.FromSeconds(30)), T, N, N, T, N, F);

        Assert.Equal(
            [
                (AlertStatus.Pending, AlertTransition.Pending), (AlertStatus.Pending, AlertTransition.None), (AlertStatus.Pending, AlertTransition.None),
                (AlertStatus.Firing, AlertTransition.Firing), (AlertStatus.Firing, AlertTransition.None), (AlertStatus.Inactive, AlertTransition.Resolved),
            ],
            steps);
    }

    [Fact]
    public void Step_NoDataOk_ResolvesAFiringAlert()
    {
        var steps = Run(Rule(noData: NoDataPolicy.Ok), T, N);

        Assert.Equal((AlertStatus.Inactive, AlertTransition.Resolved), steps[^1]);
    }

    [Fact]
    public void Step_NoDataAlerting_FiresAfterDuration()
    {
        var steps = Run(Rule(duration: TimeSpan.FromSeconds(15), noData: NoDataPolicy.Alerting), N, N);

        Assert.Equal([(AlertStatus.Pending, AlertTransition.Pending), (AlertStatus.Firing, AlertTransition.Firing)], steps);
    }

    [Fact]
    public void Step_ClearCondition_KeepsFiringBetweenTheThresholdsAndResolvesWhenItHolds()
    {
        var rule = Rule(clear: new Comparison(new MetricReference(AlertMetric.P95ResponseTime), ComparisonOperator.Less, new Threshold(2000)));

        // Over 3 s fires; 2.5 s is neither a breach nor clear; under 2 s clears.
        var steps = Run(rule, [(T, F), (F, F), (F, F), (F, T)]);

        Assert.Equal(
            [(AlertStatus.Firing, AlertTransition.Firing), (AlertStatus.Firing, AlertTransition.None), (AlertStatus.Firing, AlertTransition.None), (AlertStatus.Inactive, AlertTransition.Resolved)],
            steps);
    }

    [Fact]
    public void Step_Fired_RecordsWhenItBecameActiveAndFired()
    {
        var rule = Rule(duration: TimeSpan.FromSeconds(15));
        var pending = AlertStateMachine.Step(rule, AlertState.Inactive, T, N, At(0)).State;
        var firing = AlertStateMachine.Step(rule, pending, T, N, At(1)).State;

        Assert.Equal(At(0), firing.ActiveAt);
        Assert.Equal(At(1), firing.FiringSince);
    }
}
