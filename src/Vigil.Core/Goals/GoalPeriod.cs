using System.Globalization;
using Vigil.Core.Metrics;

namespace Vigil.Core.Goals;

public enum GoalPeriodKind
{
    Day,
    Week,
    Month,
    Quarter,
}

/// <summary>
/// One calendar period in a project's time zone: local dates from <see cref="First"/> up to, not including,
/// <see cref="End"/>. Weeks start on Monday (ISO 8601); quarters start in January, April, July and October.
/// </summary>
public readonly record struct GoalPeriod(GoalPeriodKind Kind, DateOnly First, DateOnly End)
{
    public static GoalPeriod Containing(GoalPeriodKind kind, DateOnly date) => kind switch
    {
        GoalPeriodKind.Day => new(kind, date, date.AddDays(1)),
        GoalPeriodKind.Week => Week(date),
        GoalPeriodKind.Month => new(kind, new DateOnly(date.Year, date.Month, 1), new DateOnly(date.Year, date.Month, 1).AddMonths(1)),
        GoalPeriodKind.Quarter => Quarter(date),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public GoalPeriod Previous => Containing(Kind, First.AddDays(-1));

    public int Days => End.DayNumber - First.DayNumber;

    public bool Contains(DateOnly date) => date >= First && date < End;

    /// <summary>
    /// The instants [from, to) the period covers in <paramref name="zone"/>: from the first local midnight to the one
    /// after the last day, so a period holding a daylight-saving change lasts an hour more or less.
    /// </summary>
    public (DateTimeOffset From, DateTimeOffset To) Instants(TimeZoneInfo zone) =>
        (TimeBuckets.StartOfLocalDay(First, zone), TimeBuckets.StartOfLocalDay(End, zone));

    /// <summary>How the period is written in the API and on the page: 2026-11-21, 2026-W47, 2026-11, 2026-Q4.</summary>
    public string Name => Kind switch
    {
        GoalPeriodKind.Day => First.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        GoalPeriodKind.Week => Invariant($"{ISOWeek.GetYear(First.ToDateTime(TimeOnly.MinValue))}-W{ISOWeek.GetWeekOfYear(First.ToDateTime(TimeOnly.MinValue)):00}"),
        GoalPeriodKind.Month => First.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        _ => Invariant($"{First.Year}-Q{(First.Month - 1) / 3 + 1}"),
    };

    private static GoalPeriod Week(DateOnly date)
    {
        var sinceMonday = ((int)date.DayOfWeek + 6) % 7;
        var monday = date.AddDays(-sinceMonday);
        return new(GoalPeriodKind.Week, monday, monday.AddDays(7));
    }

    private static GoalPeriod Quarter(DateOnly date)
    {
        var first = new DateOnly(date.Year, (date.Month - 1) / 3 * 3 + 1, 1);
        return new(GoalPeriodKind.Quarter, first, first.AddMonths(3));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
