using Vigil.Core.Metrics;
using Vigil.Core.Projects;
using Vigil.Core.Revenue;
using Vigil.Core.Storage;

namespace Vigil.Goals;

/// <summary>
/// The revenue panel and API: the last N local days up to today against the N days before, average revenue per
/// active user, this month so far against the same days of last month, and revenue and ARPU per value of a property
/// against the days before.
/// </summary>
internal sealed class RevenueReader(ITelemetryStore store, IKpiEventStore users, IGoalStore goals, TimeProvider time)
{
    public static IReadOnlyList<int> Ranges { get; } = [7, 30, 90];

    public const int DefaultDays = 30;

    public async Task<RevenueReport> ReadAsync(Project project, int days, string breakdownProperty, CancellationToken cancellationToken)
    {
        var zone = project.TimeZone;
        var settings = await goals.GetRevenueSettingsAsync(project.Id, cancellationToken);
        var today = TimeBuckets.LocalDate(time.GetUtcNow(), zone);
        var (first, end) = (today.AddDays(1 - days), today.AddDays(1));
        var previousFirst = first.AddDays(-days);

        var current = await SumsAsync(first, end, breakdownProperty);
        var previous = await SumsAsync(previousFirst, first, breakdownProperty);
        var activeUsers = await UsersAsync(first, end);
        var previousActiveUsers = await UsersAsync(previousFirst, first);
        var usersPerValue = RevenueMath.UsersPerValue(await ValuePerUserAsync(first, end), activeUsers);
        var previousUsersPerValue = RevenueMath.UsersPerValue(await ValuePerUserAsync(previousFirst, first), previousActiveUsers);

        var monthFirst = new DateOnly(today.Year, today.Month, 1);
        var lastMonthFirst = monthFirst.AddMonths(-1);
        // The same number of days into last month, but never past its end (March 31st compares with all of February).
        var lastMonthEnd = DateOnly.FromDayNumber(Math.Min(lastMonthFirst.DayNumber + (end.DayNumber - monthFirst.DayNumber), monthFirst.DayNumber));
        var month = Total(await SumsAsync(monthFirst, end, null));
        var lastMonth = Total(await SumsAsync(lastMonthFirst, lastMonthEnd, null));

        var (revenue, previousRevenue) = (Total(current), Total(previous));
        return new RevenueReport(
            first,
            end,
            settings,
            RevenueMath.Days(current, first, end),
            RevenueComparison.Of(revenue, previousRevenue),
            RevenueComparison.Of(current.Sum(sum => sum.Count), previous.Sum(sum => sum.Count)),
            RevenueComparison.Of(activeUsers, previousActiveUsers),
            RevenueComparison.Of(RevenueMath.AverageRevenuePerUser(revenue, activeUsers), RevenueMath.AverageRevenuePerUser(previousRevenue, previousActiveUsers)),
            RevenueComparison.Of(month, lastMonth),
            breakdownProperty,
            RevenueMath.Breakdown(current, previous, usersPerValue, previousUsersPerValue));

        async Task<IReadOnlyList<EventValueSum>> SumsAsync(DateOnly from, DateOnly to, string? groupProperty) =>
            await store.ReadEventValueSumsAsync(
                project.Id, project.KeyEvents.Order, settings.Property, groupProperty,
                TimeBuckets.StartOfLocalDay(from, zone), TimeBuckets.StartOfLocalDay(to, zone), zone, cancellationToken);

        async Task<long> UsersAsync(DateOnly from, DateOnly to) =>
            await store.CountDistinctUsersAsync(project.Id, TimeBuckets.StartOfLocalDay(from, zone), TimeBuckets.StartOfLocalDay(to, zone), Granularity.Hour, cancellationToken);

        async Task<IReadOnlyDictionary<string, string>> ValuePerUserAsync(DateOnly from, DateOnly to) =>
            await users.ReadLatestPropertyValuesAsync(project.Id, breakdownProperty, TimeBuckets.StartOfLocalDay(from, zone), TimeBuckets.StartOfLocalDay(to, zone), cancellationToken);
    }

    private static double Total(IEnumerable<EventValueSum> sums) => sums.Sum(sum => sum.Sum);
}
