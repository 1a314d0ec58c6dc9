using System.Globalization;
using Vigil.Core.Experiments;
using Vigil.Core.Reports;
using Vigil.Dashboard;

namespace Vigil.Experiments;

/// <summary>How the pages and the weekly review write an experiment's numbers and its verdict; numbers read the same in both languages.</summary>
internal static class ExperimentWords
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The verdict in one sentence, e.g. "B wins: +12.3 % conversion (95 % CI +4.1…+20.5 %)".</summary>
    public static string Summary(ExperimentStanding standing, ExperimentsPageText text)
    {
        if (standing.Readout is not { } readout)
        {
            return text.NotStarted;
        }
        var leastExposed = ReportNumbers.Count(standing.Tally.Variants.Min(variant => variant.Exposed));
        var required = ReportNumbers.Count(readout.RequiredPerArm);
        var deciding = readout.Arms.FirstOrDefault(arm => arm.Variant == readout.DecidingVariant);
        var level = Level(standing.Experiment);
        return readout.Verdict switch
        {
            ExperimentVerdict.SampleRatioMismatch => text.Mismatch(PValue(readout.SrmPValue)),
            ExperimentVerdict.Winner when deciding is not null => text.Wins(deciding.Variant, Lift(deciding), level, LiftInterval(deciding)),
            ExperimentVerdict.Loser when deciding is not null => text.Loses(deciding.Variant, Lift(deciding), level, LiftInterval(deciding), standing.Experiment.Control),
            ExperimentVerdict.NoDifference => text.NoDifference(leastExposed),
            _ when standing.Experiment.Status == ExperimentStatus.Stopped => text.StoppedEarly(leastExposed, required),
            _ when standing.Experiment.Design.Method == ExperimentMethod.FixedHorizon => text.CollectingFixed(leastExposed, required),
            _ => text.CollectingSequential(leastExposed, required),
        };
    }

    /// <summary>The confidence of the intervals: 1 − alpha ÷ (arms − 1), Bonferroni over the comparisons with the control.</summary>
    public static string Level(Experiment experiment) =>
        (100 * (1 - experiment.Design.Alpha / Math.Max(1, experiment.Variants.Count - 1))).ToString("0.##", Invariant) + " %";

    /// <summary>The relative lift, or the difference in percentage points when the control converts no one.</summary>
    public static string Lift(ArmReadout arm) =>
        arm.RelativeLift is { } lift ? Signed(lift) + " %" : arm.Difference is { } difference ? Signed(difference) + " pp" : "—";

    public static string LiftInterval(ArmReadout arm) =>
        arm.RelativeLiftInterval is { } lift ? Range(lift) + " %" : arm.DifferenceInterval is { } difference ? Range(difference) + " pp" : "—";

    public static string DifferenceText(ArmReadout arm) =>
        arm.Difference is { } difference && arm.DifferenceInterval is { } interval ? $"{Signed(difference)} pp ({Range(interval)})" : "—";

    public static string RelativeLiftText(ArmReadout arm) =>
        arm.RelativeLift is { } lift && arm.RelativeLiftInterval is { } interval ? $"{Signed(lift)} % ({Range(interval)})" : "—";

    public static string Rate(ArmReadout arm) =>
        arm.Exposed == 0 ? "—" : $"{Percent(arm.Rate)} ({Percent(arm.RateInterval.Low)}…{Percent(arm.RateInterval.High)})";

    public static string PValue(double value) => value < 0.0001 ? "< 0.0001" : value.ToString("0.0000", Invariant);

    public static string Percent(double share) => (100 * share).ToString("0.0", Invariant) + " %";

    /// <summary>A share as signed percent (points), one decimal: +12.3, −4.1, 0.0.</summary>
    private static string Signed(double share)
    {
        var rounded = Math.Round(100 * share, 1, MidpointRounding.AwayFromZero);
        return rounded switch
        {
            > 0 => "+" + rounded.ToString("0.0", Invariant),
            < 0 => ReportNumbers.Minus + (-rounded).ToString("0.0", Invariant),
            _ => "0.0",
        };
    }

    private static string Range(Interval interval) => $"{Signed(interval.Low)}…{Signed(interval.High)}";

    /// <summary>The stop decision in words, e.g. "the team shipped green".</summary>
    public static string DecisionText(Experiment experiment, ExperimentsPageText text) => experiment.Decision is not { } decision
        ? ""
        : decision.ShippedVariant == experiment.Control ? text.KeptControl : text.Shipped(decision.ShippedVariant);
}
