using Vigil.Core.Storage;

namespace Vigil.Core.Kpis;

/// <summary>DAU, WAU, MAU and stickiness of one period, with the previous period's.</summary>
public sealed record ActiveUserFigures(Compared Dau, Compared Wau, Compared Mau, Compared StickinessPercent);

public sealed record DailyUsers(DateOnly Date, long Users);

public sealed record ActiveUsersReport(
    DateOnly From, DateOnly To, ActiveUserFigures Total, IReadOnlyList<DailyUsers> Daily, string? By, IReadOnlyList<Segment<ActiveUserFigures>> Breakdown);

/// <summary>
/// Active users (README "Product KPIs"): a user is active on a local day with any event. DAU is the mean of the
/// period's daily active users; WAU and MAU are the distinct users of the 7 and 30 days ending on the period's last
/// day; stickiness is DAU ÷ MAU.
/// </summary>
public static class ActiveUsers
{
    /// <summary>The first day the figures of a period and its previous period look at (the previous MAU's, or DAU's).</summary>
    public static DateOnly FirstDayRead(DayRange period) => period.From.AddDays(-Math.Max(30, period.Days));

    public static ActiveUserFigures Figures(DayRange period, IReadOnlyCollection<UserActiveDays> users)
    {
        var (current, previous) = (Of(period, users), Of(period.Previous, users));
        return new ActiveUserFigures(
            new(Math.Round(current.Dau, 2), Math.Round(previous.Dau, 2)),
            new(current.Wau, previous.Wau),
            new(current.Mau, previous.Mau),
            new(KpiMath.Percent(current.Dau, current.Mau), KpiMath.Percent(previous.Dau, previous.Mau)));
    }

    public static IReadOnlyList<DailyUsers> Daily(DayRange period, IEnumerable<UserActiveDays> users)
    {
        var counts = new long[period.Days];
        foreach (var day in users.SelectMany(user => user.Days).Where(period.Contains))
        {
            counts[day.DayNumber - period.From.DayNumber]++;
        }
        return counts.Select((users, index) => new DailyUsers(period.From.AddDays(index), users)).ToList();
    }

    private static (double Dau, long Wau, long Mau) Of(DayRange period, IReadOnlyCollection<UserActiveDays> users)
    {
        var dailyTotal = users.Sum(user => (long)user.Days.Count(period.Contains));
        var week = new DayRange(period.To.AddDays(-6), period.To);
        var month = new DayRange(period.To.AddDays(-29), period.To);
        return (
            (double)dailyTotal / period.Days,
            users.Count(user => user.Days.Any(week.Contains)),
            users.Count(user => user.Days.Any(month.Contains)));
    }
}
