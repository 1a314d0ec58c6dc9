namespace Vigil.Core.Experiments;

public enum ExperimentMethod
{
    /// <summary>Decide once, when every arm reached the planned sample size: two-sided z test on the difference.</summary>
    FixedHorizon,

    /// <summary>Decide whenever the always-valid mSPRT p-value crosses alpha (Johari et al., "Always Valid Inference").</summary>
    Sequential,
}

/// <summary>How an experiment is judged.</summary>
/// <param name="Alpha">Two-sided false positive rate for the whole experiment (default 0.05), split over the k − 1
/// treatment comparisons by Bonferroni.</param>
/// <param name="Power">Chance to detect the minimum detectable lift when it is real (default 0.8).</param>
/// <param name="BaselineRate">Expected conversion rate of the control, 0..1.</param>
/// <param name="MinimumDetectableLift">Relative lift to detect: 0.10 = +10 % over the baseline rate.</param>
public sealed record ExperimentDesign(ExperimentMethod Method, double Alpha, double Power, double BaselineRate, double MinimumDetectableLift);

/// <summary>One arm of an experiment; the first arm of a list is the control.</summary>
/// <param name="Weight">Configured weight, any positive number; the arm's share is weight ÷ sum of weights.</param>
/// <param name="Exposed">Users who were exposed to the variant.</param>
/// <param name="Converted">Users of those exposed who did the goal event after their first exposure.</param>
public sealed record ArmCounts(string Variant, double Weight, long Exposed, long Converted);
