using Vigil.Core.Goals;
using Vigil.Core.Metrics;
using Vigil.Core.Projects;
using Vigil.Core.Storage;

namespace Vigil.Goals;

/// <summary>What a goal metric came to over a period, read from the telemetry store's rollups (revenue from the order events).</summary>
internal sealed class GoalActuals(ITelemetryStore store, IGoalStore goals, TimeProvider time)
{
    public async Task<double> ReadAsync(Project project, GoalMetric metric, GoalPeriod period, CancellationToken cancellationToken)
    {
        var zone = project.TimeZone;
        var (from, to) = period.Instants(zone);
        return metric switch
        {
            GoalMetric.Visitors => await store.CountDistinctUsersAsync(project.Id, from, to, Granularity.Hour, cancellationToken),
            GoalMetric.ActiveUsers => await AverageDailyUsersAsync(project, period, cancellationToken),
            GoalMetric.Signups => await CountAsync(project.KeyEvents.Signup),
            GoalMetric.AppsCreated => await CountAsync(project.KeyEvents.AppCreated),
            GoalMetric.Orders => await CountAsync(project.KeyEvents.Order),
            GoalMetric.PageViews => await CountAsync(project.KeyEvents.PageView),
            GoalMetric.Revenue => await RevenueAsync(project, from, to, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(metric)),
        };

        async Task<double> CountAsync(string eventName) =>
            (await store.ReadEventCountsAsync(project.Id, eventName, from, to, Granularity.Hour, cancellationToken)).Sum(bucket => bucket.Count);
    }

    /// <summary>The order events' revenue property summed over [from, to).</summary>
    public async Task<double> RevenueAsync(Project project, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var settings = await goals.GetRevenueSettingsAsync(project.Id, cancellationToken);
        var sums = await store.ReadEventValueSumsAsync(project.Id, project.KeyEvents.Order, settings.Property, null, from, to, project.TimeZone, cancellationToken);
        return sums.Sum(sum => sum.Sum);
    }

    /// <summary>Distinct users per local day averaged over the period's days up to today: a running week is judged on the days it has had.</summary>
    private async Task<double> AverageDailyUsersAsync(Project project, GoalPeriod period, CancellationToken cancellationToken)
    {
        var today = TimeBuckets.LocalDate(time.GetUtcNow(), project.TimeZone);
        var last = period.End.AddDays(-1) < today ? period.End.AddDays(-1) : today;
        if (last < period.First)
        {
            return 0;
        }
        var days = await store.ReadDistinctUsersPerDayAsync(project.Id, period.First, last, cancellationToken);
        return Math.Round((double)days.Sum(day => day.Users) / (last.DayNumber - period.First.DayNumber + 1), 1);
    }
}

/// <summary>Goals against what happened: the one call the goals page, the API and the weekly report make.</summary>
internal sealed class GoalProgressReader(IGoalStore goals, GoalActuals actuals)
{
    /// <summary>
    /// Every goal of the project (only those of <paramref name="kind"/> when given) in its period that holds the local
    /// date <paramref name="periodContaining"/>, by goal id.
    /// </summary>
    public async Task<IReadOnlyList<GoalProgress>> ReadAsync(Project project, DateOnly periodContaining, GoalPeriodKind? kind, CancellationToken cancellationToken)
    {
        var progress = new List<GoalProgress>();
        foreach (var goal in await goals.ListGoalsAsync(project.Id, cancellationToken))
        {
            if (kind is not null && goal.Period != kind)
            {
                continue;
            }
            var period = GoalPeriod.Containing(goal.Period, periodContaining);
            var actual = await actuals.ReadAsync(project, goal.Metric, period, cancellationToken);
            progress.Add(new GoalProgress(goal, period, actual, GoalRules.AchievementPercent(actual, goal.Target)));
        }
        return progress;
    }
}
