using Vigil.Core.Metrics;
using Vigil.Core.Projects;
using Vigil.Core.Revenue;
using Vigil.Core.Storage;

namespace Vigil.Goals;

/// <summary>
/// The revenue panel and API: the last N local days up to today against the N days before, average revenue per
/// active user, this month so far against the same days of last month, and revenue per value of a property.
/// </summary>
internal sealed class RevenueReader(ITelemetryStore store, IGoalStore goals, TimeProvider time)
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
        var previous = await SumsAsync(previousFirst, first, null);
        var users = await UsersAsync(first, end);
        var previousUsers = await UsersAsync(previousFirst, first);

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
            RevenueComparison.Of(users, previousUsers),
            RevenueComparison.Of(RevenueMath.AverageRevenuePerUser(revenue, users), RevenueMath.AverageRevenuePerUser(previousRevenue, previousUsers)),
            RevenueComparison.Of(month, lastMonth),
            breakdownProperty,
            RevenueMath.Breakdown(current));

        async Task<IReadOnlyList<EventValueSum>> SumsAsync(DateOnly from, DateOnly to, string? groupProperty) =>
            await store.ReadEventValueSumsAsync(
                project.Id, project.KeyEvents.Order, settings.Property, groupProperty,
                TimeBuckets.StartOfLocalDay(from, zone), TimeBuckets.StartOfLocalDay(to, zone), zone, cancellationToken);

        async Task<long> UsersAsync(DateOnly from, DateOnly to) =>
            await store.CountDistinctUsersAsync(project.Id, TimeBuckets.StartOfLocalDay(from, zone), TimeBuckets.StartOfLocalDay(to, zone), Granularity.Hour, cancellationToken);
    }

    private static double Total(IEnumerable<EventValueSum> sums) => sums.Sum(sum => sum.Sum);
}
