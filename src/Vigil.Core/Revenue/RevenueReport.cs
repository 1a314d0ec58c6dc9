using Vigil.Core.Metrics;
using Vigil.Core.Storage;

namespace Vigil.Core.Revenue;

public sealed record RevenueDay(DateOnly Date, double Revenue, long Orders);

/// <summary>A number over a period and over the equal-length period before it; the change in %, one decimal, null without a previous value.</summary>
public sealed record RevenueComparison(double? Value, double? Previous, double? ChangePercent)
{
    public static RevenueComparison Of(double? value, double? previous) => new(value, previous, Change.Percent(value, previous));
}

/// <summary>
/// One value of the breakdown property, in the range and in the days before: revenue and orders of the orders that
/// carry the value, active users whose latest event carrying the property has it, and their ARPU (null without any).
/// </summary>
public sealed record RevenueGroup(
    string Value,
    RevenueComparison Revenue,
    RevenueComparison Orders,
    RevenueComparison ActiveUsers,
    RevenueComparison AverageRevenuePerUser,
    double SharePercent);

/// <summary>Revenue of local dates [First, End) and the same number of days before.</summary>
public sealed record RevenueReport(
    DateOnly First,
    DateOnly End,
    RevenueSettings Settings,
    IReadOnlyList<RevenueDay> Days,
    RevenueComparison Revenue,
    RevenueComparison Orders,
    RevenueComparison ActiveUsers,
    RevenueComparison AverageRevenuePerUser,
    RevenueComparison MonthToDate,
    string BreakdownProperty,
    IReadOnlyList<RevenueGroup> Breakdown);

/// <summary>The revenue arithmetic, on sums the telemetry store read.</summary>
public static class RevenueMath
{
    /// <summary>Every date of [first, end), with 0 where no order came.</summary>
    public static IReadOnlyList<RevenueDay> Days(IEnumerable<EventValueSum> sums, DateOnly first, DateOnly end)
    {
        var byDate = sums.GroupBy(sum => sum.Date).ToDictionary(group => group.Key, group => (Revenue: group.Sum(sum => sum.Sum), Orders: group.Sum(sum => sum.Count)));
        var days = new List<RevenueDay>();
        for (var date = first; date < end; date = date.AddDays(1))
        {
            var (revenue, orders) = byDate.GetValueOrDefault(date);
            days.Add(new RevenueDay(date, revenue, orders));
        }
        return days;
    }

    /// <summary>Average revenue per user: revenue / active users; null without active users.</summary>
    public static double? AverageRevenuePerUser(double revenue, long activeUsers) => activeUsers == 0 ? null : revenue / activeUsers;

    /// <summary>
    /// Active users per value of the breakdown property: each user with a value counts under it, the rest of
    /// <paramref name="activeUsers"/> under <see cref="DashboardMetrics.NoValueLabel"/>.
    /// </summary>
    public static IReadOnlyDictionary<string, long> UsersPerValue(IReadOnlyDictionary<string, string> valuePerUser, long activeUsers)
    {
        var users = valuePerUser.Values.GroupBy(value => value, StringComparer.Ordinal).ToDictionary(group => group.Key, group => (long)group.Count(), StringComparer.Ordinal);
        var withoutValue = activeUsers - valuePerUser.Count;
        if (withoutValue > 0)
        {
            users[DashboardMetrics.NoValueLabel] = withoutValue;
        }
        return users;
    }

    /// <summary>
    /// Per value of the breakdown property with orders in the range or the days before: revenue, orders, active users and
    /// ARPU against the days before, and the share of the range's revenue in %, one decimal; largest revenue first (ties
    /// by value).
    /// </summary>
    public static IReadOnlyList<RevenueGroup> Breakdown(
        IEnumerable<EventValueSum> current, IEnumerable<EventValueSum> previous, IReadOnlyDictionary<string, long> users, IReadOnlyDictionary<string, long> previousUsers)
    {
        var now = PerValue(current);
        var before = PerValue(previous);
        var total = now.Values.Sum(group => group.Revenue);
        return now.Keys.Union(before.Keys)
            .Select(value =>
            {
                var (revenue, orders) = now.GetValueOrDefault(value);
                var (previousRevenue, previousOrders) = before.GetValueOrDefault(value);
                var (active, previousActive) = (users.GetValueOrDefault(value), previousUsers.GetValueOrDefault(value));
                return new RevenueGroup(
                    value,
                    RevenueComparison.Of(revenue, previousRevenue),
                    RevenueComparison.Of(orders, previousOrders),
                    RevenueComparison.Of(active, previousActive),
                    RevenueComparison.Of(AverageRevenuePerUser(revenue, active), AverageRevenuePerUser(previousRevenue, previousActive)),
                    total == 0 ? 0 : Math.Round(100 * revenue / total, 1));
            })
            .OrderByDescending(group => group.Revenue.Value).ThenBy(group => group.Value, StringComparer.Ordinal)
            .ToList();
    }

    private static Dictionary<string, (double Revenue, long Orders)> PerValue(IEnumerable<EventValueSum> sums) =>
        sums.GroupBy(sum => sum.Group, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => (group.Sum(sum => sum.Sum), group.Sum(sum => sum.Count)), StringComparer.Ordinal);
}
