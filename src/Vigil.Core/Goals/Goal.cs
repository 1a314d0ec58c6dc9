namespace Vigil.Core.Goals;

/// <summary>What a goal counts, each from the project's key events and rollups.</summary>
public enum GoalMetric
{
    /// <summary>Distinct users with any event in the whole period.</summary>
    Visitors,

    /// <summary>Distinct users per local day, averaged over the period's days so far.</summary>
    ActiveUsers,

    Signups,
    AppsCreated,
    Orders,
    PageViews,

    /// <summary>The sum of the revenue property of the order events (see <see cref="Revenue.RevenueSettings"/>).</summary>
    Revenue,
}

/// <summary>A target for one metric over each period of a kind, e.g. 500 signups a week.</summary>
public sealed record Goal(long Id, long ProjectId, GoalMetric Metric, GoalPeriodKind Period, double Target, string? Label, DateTimeOffset CreatedAt);

/// <summary>A goal against what happened in one period; <see cref="AchievementPercent"/> is actual / target in %, one decimal.</summary>
public sealed record GoalProgress(Goal Goal, GoalPeriod Period, double Actual, double AchievementPercent);
