using Vigil.Core.Metrics;

namespace Vigil.Core.Kpis;

/// <summary>Local days [From, To] of a project's time zone, both included.</summary>
public sealed record DayRange(DateOnly From, DateOnly To)
{
    public int Days => To.DayNumber - From.DayNumber + 1;

    /// <summary>The range of the same length that ends the day before this one starts.</summary>
    public DayRange Previous => new(From.AddDays(-Days), From.AddDays(-1));

    public bool Contains(DateOnly day) => day >= From && day <= To;

    /// <summary>The instants [start of From, start of the day after To) in the zone.</summary>
    public (DateTimeOffset Start, DateTimeOffset End) Instants(TimeZoneInfo zone) =>
        (TimeBuckets.StartOfLocalDay(From, zone), TimeBuckets.StartOfLocalDay(To.AddDays(1), zone));
}

/// <summary>A KPI in the period asked for and in the equal-length period just before it.</summary>
public sealed record Compared(double? Current, double? Previous)
{
    public double? ChangePercent => Change.Percent(Current, Previous);
}

/// <summary>A KPI's figures for the users whose breakdown property has <see cref="Value"/>.</summary>
public sealed record Segment<T>(string Value, long Users, T Figures);

internal static class KpiMath
{
    /// <summary>A share in percent with two decimals; null when there is nobody to take it of.</summary>
    public static double? Percent(double part, long whole) => whole == 0 ? null : Math.Round(100.0 * part / whole, 2);

    /// <summary>The monday of the ISO week holding <paramref name="day"/>.</summary>
    public static DateOnly WeekStart(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
}
