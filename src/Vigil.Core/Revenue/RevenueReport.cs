using Vigil.Core.Metrics;
using Vigil.Core.Storage;

namespace Vigil.Core.Revenue;

public sealed record RevenueDay(DateOnly Date, double Revenue, long Orders);

/// <summary>A number over a period and over the equal-length period before it; the change in %, one decimal, null without a previous value.</summary>
public sealed record RevenueComparison(double? Value, double? Previous, double? ChangePercent)
{
    public static RevenueComparison Of(double? value, double? previous) => new(value, previous, Change.Percent(value, previous));
}

public sealed record RevenueGroup(string Value, double Revenue, long Orders, double SharePercent);

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

    /// <summary>Revenue per value of the breakdown property, largest first (ties by value), with its share of the total in %, one decimal.</summary>
    public static IReadOnlyList<RevenueGroup> Breakdown(IEnumerable<EventValueSum> sums)
    {
        var groups = sums.GroupBy(sum => sum.Group)
            .Select(group => (Value: group.Key, Revenue: group.Sum(sum => sum.Sum), Orders: group.Sum(sum => sum.Count)))
            .ToList();
        var total = groups.Sum(group => group.Revenue);
        return groups
            .OrderByDescending(group => group.Revenue).ThenBy(group => group.Value, StringComparer.Ordinal)
            .Select(group => new RevenueGroup(group.Value, group.Revenue, group.Orders, total == 0 ? 0 : Math.Round(100 * group.Revenue / total, 1)))
            .ToList();
    }
}
