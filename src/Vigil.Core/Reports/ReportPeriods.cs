namespace Vigil.Core.Reports;

/// <summary>
/// Which local dates a report covers. A report is named by its last day: a daily report is that day, a weekly review
/// the seven days ending with it. A scheduled report covers the days up to the one before it goes out, so the Monday
/// review is the week from Monday to Sunday and the 09:00 daily report is yesterday.
/// </summary>
public static class ReportPeriods
{
    public static (DateOnly From, DateOnly To) Of(ReportKind kind, DateOnly lastDay) =>
        kind == ReportKind.Daily ? (lastDay, lastDay) : (lastDay.AddDays(-6), lastDay);

    /// <summary>The last day of the report that goes out at <paramref name="firing"/>: the local date before it.</summary>
    public static DateOnly LastDayFor(DateTimeOffset firing, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(firing, zone).DateTime).AddDays(-1);
}
