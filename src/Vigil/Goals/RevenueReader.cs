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

        var monthFirst = new DateOnly(today.Year, today.Month, 1);
        var lastMonthFirst = monthFirst.AddMonths(-1);
        // The same number of days into last month, but never past its end (March 31st compares with all of February).
        var lastMonthEnd = DateOnly.FromDayNumber(Math.Min(lastMonthFirst.DayNumber + (end.DayNumber - monthFirst.DayNumber), monthFirst.DayNumber));

        // One read of the orders per day covers every period compared: each read of raw events scans its range.
        var readFirst = previousFirst < lastMonthFirst ? previousFirst : lastMonthFirst;
        var sums = await store.ReadEventValueSumsAsync(
            project.Id, project.KeyEvents.Order, settings.Property, breakdownProperty,
            TimeBuckets.StartOfLocalDay(readFirst, zone), TimeBuckets.StartOfLocalDay(end, zone), zone, cancellationToken);
        var (current, previous) = (Between(first, end), Between(previousFirst, first));
        var (month, lastMonth) = (Total(Between(monthFirst, end)), Total(Between(lastMonthFirst, lastMonthEnd)));
        var activeUsers = await UsersAsync(first, end);
        var previousActiveUsers = await UsersAsync(previousFirst, first);
        var usersPerValue = RevenueMath.UsersPerValue(await ValuePerUserAsync(first, end), activeUsers);
        var previousUsersPerValue = RevenueMath.UsersPerValue(await ValuePerUserAsync(previousFirst, first), previousActiveUsers);

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

        IReadOnlyList<EventValueSum> Between(DateOnly from, DateOnly to) => sums.Where(sum => sum.Date >= from && sum.Date < to).ToList();

        async Task<long> UsersAsync(DateOnly from, DateOnly to) =>
            await store.CountDistinctUsersAsync(project.Id, TimeBuckets.StartOfLocalDay(from, zone), TimeBuckets.StartOfLocalDay(to, zone), Granularity.Hour, cancellationToken);

        async Task<IReadOnlyDictionary<string, string>> ValuePerUserAsync(DateOnly from, DateOnly to) =>
            await users.ReadLatestPropertyValuesAsync(project.Id, breakdownProperty, TimeBuckets.StartOfLocalDay(from, zone), TimeBuckets.StartOfLocalDay(to, zone), cancellationToken);
    }

    private static double Total(IEnumerable<EventValueSum> sums) => sums.Sum(sum => sum.Sum);
}
