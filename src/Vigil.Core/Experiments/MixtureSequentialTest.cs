namespace Vigil.Core.Experiments;

/// <summary>
/// The mixture sequential probability ratio test (mSPRT, Robbins 1970) on the difference of two rates, as Johari,
/// Pekelis &amp; Walsh use it for A/B tests ("Always Valid Inference: Continuous Monitoring of A/B Tests", Operations
/// Research 2022). With the estimate Δ̂ ~ N(θ, s²) and a normal mixture θ ~ N(0, τ²) over the alternatives, the
/// likelihood ratio against θ = 0 is Λ = √(s²/(s² + τ²)) · exp(τ²Δ̂² / (2s²(s² + τ²))). Λ is a martingale under θ = 0,
/// so by Ville's inequality P(Λ ever reaches 1/α) ≤ α: p = min(1, 1/Λ) may be read after every new user.
/// </summary>
internal static class MixtureSequentialTest
{
    /// <summary>
    /// The mixing variance τ² = δ², δ = BaselineRate × MinimumDetectableLift: the mixture is spread over effects of
    /// the size the experiment is meant to find, which is where the mSPRT is most powerful. Any τ² keeps the error
    /// guarantee; simulated at 10 % baseline and +10 % lift, τ = δ stopped more true effects by the cap than δ/2, 2δ or 4δ.
    /// </summary>
    public static double MixingVariance(ExperimentDesign design)
    {
        var difference = design.BaselineRate * design.MinimumDetectableLift;
        return difference * difference;
    }

    /// <param name="nullVariance">Var(Δ̂) under θ = 0 (pooled), the variance the martingale argument needs.</param>
    public static double PValue(double difference, double nullVariance, double mixingVariance)
    {
        // The pooled variance is 0 only when every user or none converted: the arms cannot differ.
        if (nullVariance == 0)
        {
            return 1;
        }

        var spread = nullVariance + mixingVariance;
        var logRatio = 0.5 * Math.Log(nullVariance / spread)
            + mixingVariance * difference * difference / (2 * nullVariance * spread);
        return Math.Min(1, Math.Exp(-logRatio));
    }

    /// <summary>
    /// The |Δ̂|/s at which Λ = 1/α for a given s²: solving the Λ above for z = Δ̂/s gives
    /// z² = ((s² + τ²)/τ²) · (2 ln(1/α) + ln((s² + τ²)/s²)).
    /// </summary>
    public static double CriticalZ(double variance, double mixingVariance, double alpha)
    {
        var spread = variance + mixingVariance;
        return Math.Sqrt(spread / mixingVariance * (2 * Math.Log(1 / alpha) + Math.Log(spread / variance)));
    }
}
