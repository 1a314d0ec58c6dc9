namespace Vigil.Core.Goals;

/// <summary>What a goal may say, and how its parts are written in the API.</summary>
public static class GoalRules
{
    public const int MaxLabelLength = 200;
    public const int MaxGoalsPerProject = 100;
    public const double MaxTarget = 1e15;

    public static IReadOnlyList<GoalMetric> Metrics { get; } = Enum.GetValues<GoalMetric>();

    public static IReadOnlyList<GoalPeriodKind> Periods { get; } = Enum.GetValues<GoalPeriodKind>();

    public static string Name(GoalMetric metric) => metric switch
    {
        GoalMetric.ActiveUsers => "activeUsers",
        GoalMetric.AppsCreated => "appsCreated",
        GoalMetric.PageViews => "pageViews",
        _ => metric.ToString().ToLowerInvariant(),
    };

    public static string Name(GoalPeriodKind period) => period.ToString().ToLowerInvariant();

    public static GoalMetric? ParseMetric(string? name) => Metrics.Cast<GoalMetric?>().FirstOrDefault(metric => Name(metric!.Value) == name);

    public static GoalPeriodKind? ParsePeriod(string? name) => Periods.Cast<GoalPeriodKind?>().FirstOrDefault(period => Name(period!.Value) == name);

    /// <summary>The field at fault and why, or null when a goal with these parts may be stored.</summary>
    public static (string Field, string Reason)? Check(string? metric, string? period, double? target, string? label)
    {
        if (ParseMetric(metric) is null)
        {
            return ("metric", $"metric must be one of {string.Join(", ", Metrics.Select(Name))}.");
        }
        if (ParsePeriod(period) is null)
        {
            return ("period", $"period must be one of {string.Join(", ", Periods.Select(Name))}.");
        }
        if (target is not { } value || !double.IsFinite(value) || value <= 0 || value > MaxTarget)
        {
            return ("target", "target must be a number above 0 (and at most 10^15).");
        }
        if (label is { Length: > MaxLabelLength })
        {
            return ("label", $"label must be at most {MaxLabelLength} characters.");
        }
        return null;
    }

    /// <summary>Actual / target in %, one decimal; the target is always above 0.</summary>
    public static double AchievementPercent(double actual, double target) => Math.Round(100.0 * actual / target, 1);
}
