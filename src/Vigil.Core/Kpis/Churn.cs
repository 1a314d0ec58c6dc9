using Vigil.Core.Storage;

namespace Vigil.Core.Kpis;

/// <summary>
/// One local calendar month: of the users active in the month before, how many were not active in this one.
/// <see cref="Complete"/> is false for the month still under way, whose churn can only fall as it goes on.
/// </summary>
public sealed record MonthChurn(DateOnly Month, long ActiveBefore, long Churned, double? RatePercent, bool Complete);

public sealed record ChurnReport(IReadOnlyList<MonthChurn> Months, Compared RatePercent, string? By, IReadOnlyList<Segment<Compared>> Breakdown);

/// <summary>
/// Churn per month (README "Product KPIs"): users active in the previous month and not in this month ÷ users active
/// in the previous month. The headline compares the latest complete month with the month before it.
/// </summary>
public static class Churn
{
    public const int DefaultMonths = 6;
    public const int MaxMonths = 24;

    /// <summary>The first day of the earliest month whose activity <see cref="Months"/> reads.</summary>
    public static DateOnly FirstDayRead(DateOnly today, int months) => MonthStart(today).AddMonths(-months);

    /// <summary>The <paramref name="months"/> months up to the one holding <paramref name="today"/>, oldest first.</summary>
    public static IReadOnlyList<MonthChurn> Months(IReadOnlyCollection<UserActiveDays> users, DateOnly today, int months)
    {
        var current = MonthStart(today);
        var activeMonths = users.Select(user => user.Days.Select(MonthStart).ToHashSet()).ToList();
        return Enumerable.Range(0, months).Select(index => current.AddMonths(index - months + 1)).Select(month =>
        {
            var before = activeMonths.Where(set => set.Contains(month.AddMonths(-1))).ToList();
            var churned = before.Count(set => !set.Contains(month));
            return new MonthChurn(month, before.Count, churned, KpiMath.Percent(churned, before.Count), month != current);
        }).ToList();
    }

    /// <summary>The latest complete month's rate against the month before it.</summary>
    public static Compared Headline(IReadOnlyList<MonthChurn> months)
    {
        var complete = months.Where(month => month.Complete).ToList();
        return new Compared(complete.Count > 0 ? complete[^1].RatePercent : null, complete.Count > 1 ? complete[^2].RatePercent : null);
    }

    private static DateOnly MonthStart(DateOnly day) => new(day.Year, day.Month, 1);
}
