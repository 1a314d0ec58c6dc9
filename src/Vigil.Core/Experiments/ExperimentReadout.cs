namespace Vigil.Core.Experiments;

/// <summary>A confidence interval, Low ≤ High.</summary>
public readonly record struct Interval(double Low, double High);

/// <summary>
/// One arm's result. Rate = Converted ÷ Exposed with its Wilson score interval. For a treatment: Difference = pB − pA
/// with its unpooled normal interval, RelativeLift = pB ÷ pA − 1 with its delta-method interval, and PValue (fixed
/// horizon: two-sided z test; sequential: always-valid mSPRT p-value). The control's comparison fields are null, as are
/// any that are undefined for the counts (no exposures, or a control rate of 0 for the lift). Intervals are at the
/// design's Bonferroni-adjusted alpha.
/// </summary>
public sealed record ArmReadout(string Variant, long Exposed, long Converted, double Rate, Interval RateInterval,
    double? Difference, Interval? DifferenceInterval, double? RelativeLift, Interval? RelativeLiftInterval, double? PValue);

public enum ExperimentVerdict
{
    /// <summary>Not enough data to decide (or an arm without exposures).</summary>
    CollectingData,

    /// <summary>A treatment converts significantly better than the control.</summary>
    Winner,

    /// <summary>Every treatment converts significantly worse than the control.</summary>
    Loser,

    /// <summary>The planned sample was reached without a significant winner, nor all treatments significantly worse.</summary>
    NoDifference,

    /// <summary>Exposures do not match the configured weights (χ² p &lt; 0.001): the assignment is broken, no result holds.</summary>
    SampleRatioMismatch,
}

/// <summary>The analysis of an experiment.</summary>
/// <param name="SrmPValue">χ² goodness-of-fit test of Exposed against the configured weights, k − 1 degrees of freedom.</param>
/// <param name="SampleRatioMismatch">SrmPValue &lt; 0.001; the verdict is then SampleRatioMismatch whatever else.</param>
/// <param name="RequiredPerArm">Sample size per arm from the design. Fixed horizon: the planned size; sequential: the cap
/// at which a still-undecided test ends as NoDifference.</param>
/// <param name="DecidingVariant">The treatment that won (or, for Loser, the one closest to control), null otherwise.</param>
public sealed record ExperimentReadout(IReadOnlyList<ArmReadout> Arms, double SrmPValue, bool SampleRatioMismatch,
    long RequiredPerArm, ExperimentVerdict Verdict, string? DecidingVariant)
{
    /// <summary>The verdict is final: Winner, Loser or NoDifference.</summary>
    public bool Decided => Verdict is ExperimentVerdict.Winner or ExperimentVerdict.Loser or ExperimentVerdict.NoDifference;
}
