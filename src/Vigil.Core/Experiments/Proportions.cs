using MathNet.Numerics.Distributions;

namespace Vigil.Core.Experiments;

/// <summary>
/// Conversion rates as means of a 0/1 variable with variance p(1 − p), and the normal approximations built on them.
/// </summary>
internal static class Proportions
{
    public static double Rate(long converted, long exposed) => exposed == 0 ? 0 : (double)converted / exposed;

    /// <summary>The two-sided critical value z₁₋α/₂ of the standard normal.</summary>
    public static double CriticalZ(double alpha) => Normal.InvCDF(0, 1, 1 - alpha / 2);

    /// <summary>
    /// Wilson score interval (Wilson 1927): chosen over Wald because it stays inside [0, 1] and keeps its coverage for
    /// rates near 0 and small samples, where Wald collapses to a point (Brown, Cai &amp; DasGupta 2001). No exposures:
    /// nothing is known, [0, 1].
    /// </summary>
    public static Interval WilsonInterval(long converted, long exposed, double z)
    {
        if (exposed == 0)
        {
            return new Interval(0, 1);
        }

        double n = exposed, rate = (double)converted / exposed, zSquared = z * z;
        var denominator = 1 + zSquared / n;
        var center = (rate + zSquared / (2 * n)) / denominator;
        var halfWidth = z / denominator * Math.Sqrt(rate * (1 - rate) / n + zSquared / (4 * n * n));
        // At 0 or n conversions the bound is exactly 0 or 1 in real numbers; rounding must not push it outside.
        return new Interval(Math.Max(0, center - halfWidth), Math.Min(1, center + halfWidth));
    }

    /// <summary>Var(p̂B − p̂A) = pA(1 − pA)/nA + pB(1 − pB)/nB, each arm with its own (unpooled) variance.</summary>
    public static double DifferenceVariance(double controlRate, long controlExposed, double treatmentRate, long treatmentExposed) =>
        controlRate * (1 - controlRate) / controlExposed + treatmentRate * (1 - treatmentRate) / treatmentExposed;

    /// <summary>Var(p̂B − p̂A) under "no difference": both arms share the pooled rate p̄, so p̄(1 − p̄)(1/nA + 1/nB).</summary>
    public static double PooledDifferenceVariance(ArmCounts control, ArmCounts treatment)
    {
        var pooled = (double)(control.Converted + treatment.Converted) / (control.Exposed + treatment.Exposed);
        return pooled * (1 - pooled) * (1.0 / control.Exposed + 1.0 / treatment.Exposed);
    }

    /// <summary>
    /// Delta method for the ratio μB/μA of two independent means: Var ≈ σB²/(μA² nB) + σA² μB²/(μA⁴ nA), with σ² = p(1 − p).
    /// The relative lift pB/pA − 1 has the same variance.
    /// </summary>
    public static double RelativeLiftVariance(double controlRate, long controlExposed, double treatmentRate, long treatmentExposed)
    {
        var controlSquared = controlRate * controlRate;
        return treatmentRate * (1 - treatmentRate) / (controlSquared * treatmentExposed)
            + controlRate * (1 - controlRate) * treatmentRate * treatmentRate / (controlSquared * controlSquared * controlExposed);
    }

    public static Interval NormalInterval(double estimate, double variance, double z)
    {
        var halfWidth = z * Math.Sqrt(variance);
        return new Interval(estimate - halfWidth, estimate + halfWidth);
    }

    /// <summary>
    /// Two-sided z test of "the estimate is 0": p = 2 Φ(−|estimate|/√variance). A zero variance with a non-zero estimate
    /// (every control user converted and no treatment user, or the reverse) is a certain difference, p = 0.
    /// </summary>
    public static double TwoSidedPValue(double estimate, double variance)
    {
        if (variance == 0)
        {
            return estimate == 0 ? 1 : 0;
        }

        return 2 * Normal.CDF(0, 1, -Math.Abs(estimate) / Math.Sqrt(variance));
    }
}
