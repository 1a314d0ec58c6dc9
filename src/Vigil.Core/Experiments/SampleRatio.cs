using MathNet.Numerics;

namespace Vigil.Core.Experiments;

/// <summary>
/// Sample ratio mismatch: Pearson's χ² goodness-of-fit of the exposures against the configured weights, k − 1 degrees
/// of freedom (Fabijan et al., "Diagnosing Sample Ratio Mismatch in Online Controlled Experiments", KDD 2019).
/// </summary>
internal static class SampleRatio
{
    /// <summary>Below this p-value the split is broken; strict because the check runs on every look.</summary>
    public const double MismatchPValue = 0.001;

    public static double PValue(IReadOnlyList<ArmCounts> arms)
    {
        var total = arms.Sum(arm => arm.Exposed);
        if (total == 0)
        {
            return 1;
        }

        var weightSum = arms.Sum(arm => arm.Weight);
        var chiSquare = arms.Sum(arm =>
        {
            var expected = total * arm.Weight / weightSum;
            var deviation = arm.Exposed - expected;
            return deviation * deviation / expected;
        });
        // The upper tail Q(df/2, χ²/2) directly, not 1 − CDF, keeps tiny p-values from rounding to 0.
        return SpecialFunctions.GammaUpperRegularized((arms.Count - 1) / 2.0, chiSquare / 2);
    }
}
