namespace Vigil.Core.Experiments;

/// <summary>Reads an A/B(/n) conversion experiment: per-arm statistics, sample ratio mismatch, and the verdict.</summary>
public static class ExperimentAnalysis
{
    /// <summary>
    /// Analyzes the arms (the first is the control) under the design. Each treatment is compared with the control at
    /// α/(k − 1) (Bonferroni over the k − 1 comparisons); rates get Wilson intervals, differences unpooled normal
    /// intervals, relative lifts delta-method intervals. Fixed horizon: two-sided z test, and CollectingData until
    /// every arm reached RequiredPerArm (no peeking). Sequential: always-valid mSPRT p-value, a verdict as soon as it
    /// crosses. A sample ratio mismatch (χ² p &lt; 0.001) overrides everything; otherwise an arm without exposures
    /// means CollectingData.
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than two arms, duplicate variant names, a weight that is not a
    /// positive number, negative counts or more conversions than exposures, Alpha or Power outside (0, 1),
    /// BaselineRate outside (0, 1), MinimumDetectableLift ≤ 0, or BaselineRate × (1 + MinimumDetectableLift) ≥ 1.</exception>
    public static ExperimentReadout Analyze(ExperimentDesign design, IReadOnlyList<ArmCounts> arms) => Analyze(design, arms, previous: null);

    /// <summary>
    /// As <see cref="Analyze(ExperimentDesign, IReadOnlyList{ArmCounts})"/>, continuing from the readout of the previous
    /// look. For the sequential method the always-valid p-value is the running minimum over the looks (Johari et al.:
    /// pₙ = min(pₙ₋₁, 1/Λₙ)), so it never rises and a crossed threshold stays crossed; arms are matched by variant
    /// name. The fixed horizon ignores <paramref name="previous"/>.
    /// </summary>
    public static ExperimentReadout Analyze(ExperimentDesign design, IReadOnlyList<ArmCounts> arms, ExperimentReadout? previous)
    {
        Validate(design, arms);
        var alpha = design.Alpha / (arms.Count - 1);
        var z = Proportions.CriticalZ(alpha);
        var sequential = design.Method == ExperimentMethod.Sequential;
        var requiredPerArm = sequential ? SampleSize.SequentialCap(design, alpha) : SampleSize.FixedHorizon(design, alpha);

        var control = arms[0];
        var readouts = new List<ArmReadout>(arms.Count) { RateOnly(control, z) };
        foreach (var treatment in arms.Skip(1))
        {
            var readout = Compare(design, control, treatment, z);
            var earlier = sequential ? previous?.Arms.FirstOrDefault(arm => arm.Variant == treatment.Variant)?.PValue : null;
            readouts.Add(earlier is { } earlierPValue && readout.PValue is { } pValue
                ? readout with { PValue = Math.Min(earlierPValue, pValue) }
                : readout);
        }

        var srmPValue = SampleRatio.PValue(arms);
        var mismatch = srmPValue < SampleRatio.MismatchPValue;
        var (verdict, decidingVariant) = mismatch
            ? (ExperimentVerdict.SampleRatioMismatch, null)
            : Decide(design.Method, readouts, requiredPerArm, alpha);
        return new ExperimentReadout(readouts, srmPValue, mismatch, requiredPerArm, verdict, decidingVariant);
    }

    private static ArmReadout RateOnly(ArmCounts arm, double z) =>
        new(arm.Variant, arm.Exposed, arm.Converted, Proportions.Rate(arm.Converted, arm.Exposed),
            Proportions.WilsonInterval(arm.Converted, arm.Exposed, z), null, null, null, null, null);

    private static ArmReadout Compare(ExperimentDesign design, ArmCounts control, ArmCounts treatment, double z)
    {
        var readout = RateOnly(treatment, z);
        if (control.Exposed == 0 || treatment.Exposed == 0)
        {
            return readout;
        }

        var controlRate = Proportions.Rate(control.Converted, control.Exposed);
        var difference = readout.Rate - controlRate;
        var differenceVariance = Proportions.DifferenceVariance(controlRate, control.Exposed, readout.Rate, treatment.Exposed);
        var pValue = design.Method == ExperimentMethod.Sequential
            ? MixtureSequentialTest.PValue(difference, Proportions.PooledDifferenceVariance(control, treatment), MixtureSequentialTest.MixingVariance(design))
            : Proportions.TwoSidedPValue(difference, differenceVariance);
        readout = readout with
        {
            Difference = difference,
            DifferenceInterval = Proportions.NormalInterval(difference, differenceVariance, z),
            PValue = pValue,
        };
        if (controlRate == 0)
        {
            return readout;
        }

        var lift = readout.Rate / controlRate - 1;
        var liftVariance = Proportions.RelativeLiftVariance(controlRate, control.Exposed, readout.Rate, treatment.Exposed);
        return readout with { RelativeLift = lift, RelativeLiftInterval = Proportions.NormalInterval(lift, liftVariance, z) };
    }

    private static (ExperimentVerdict Verdict, string? DecidingVariant) Decide(
        ExperimentMethod method, IReadOnlyList<ArmReadout> arms, long requiredPerArm, double alpha)
    {
        if (arms.Any(arm => arm.Exposed == 0))
        {
            return (ExperimentVerdict.CollectingData, null);
        }

        var reachedRequired = arms.All(arm => arm.Exposed >= requiredPerArm);
        if (method == ExperimentMethod.FixedHorizon && !reachedRequired)
        {
            return (ExperimentVerdict.CollectingData, null);
        }

        // Every arm has exposures here, so every treatment has a difference and a p-value.
        var treatments = arms.Skip(1).ToList();
        var best = treatments.MaxBy(arm => arm.Rate)!;
        if (best.Difference > 0 && best.PValue < alpha)
        {
            return (ExperimentVerdict.Winner, best.Variant);
        }

        if (treatments.All(arm => arm.Difference < 0 && arm.PValue < alpha))
        {
            return (ExperimentVerdict.Loser, best.Variant);
        }

        return (reachedRequired ? ExperimentVerdict.NoDifference : ExperimentVerdict.CollectingData, null);
    }

    private static void Validate(ExperimentDesign design, IReadOnlyList<ArmCounts> arms)
    {
        if (design.Alpha is not (> 0 and < 1))
        {
            throw new ArgumentException("Alpha must be between 0 and 1.", nameof(design));
        }

        if (design.Power is not (> 0 and < 1))
        {
            throw new ArgumentException("Power must be between 0 and 1.", nameof(design));
        }

        if (design.BaselineRate is not (> 0 and < 1))
        {
            throw new ArgumentException("BaselineRate must be between 0 and 1.", nameof(design));
        }

        if (design.MinimumDetectableLift is not > 0 || design.BaselineRate * (1 + design.MinimumDetectableLift) >= 1)
        {
            throw new ArgumentException("MinimumDetectableLift must be above 0 and keep BaselineRate × (1 + lift) below 1.", nameof(design));
        }

        if (arms.Count < 2)
        {
            throw new ArgumentException("An experiment needs a control and at least one treatment.", nameof(arms));
        }

        if (arms.Select(arm => arm.Variant).Distinct(StringComparer.Ordinal).Count() != arms.Count)
        {
            throw new ArgumentException("Variant names must be distinct.", nameof(arms));
        }

        foreach (var arm in arms)
        {
            if (!double.IsFinite(arm.Weight) || arm.Weight <= 0)
            {
                throw new ArgumentException($"Variant '{arm.Variant}': the weight must be a positive number.", nameof(arms));
            }

            if (arm.Exposed < 0 || arm.Converted < 0 || arm.Converted > arm.Exposed)
            {
                throw new ArgumentException($"Variant '{arm.Variant}': counts must satisfy 0 ≤ converted ≤ exposed.", nameof(arms));
            }
        }
    }
}
