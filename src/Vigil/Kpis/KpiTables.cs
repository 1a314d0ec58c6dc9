using Vigil.Core.Kpis;
using Vigil.Dashboard;

namespace Vigil.Kpis;

/// <summary>
/// One figure of a KPI as the page shows it: its label, where it is in the KPI's figures, whether it is a share in %
/// (else a number with <paramref name="Decimals"/>), and whether a rise is good news.
/// </summary>
internal sealed record KpiFigure<T>(string Label, Func<T, Compared> Of, bool Percent = false, int Decimals = 0, bool HigherIsBetter = true)
{
    /// <summary>The figure's CSV header: the label, with its unit when it is a share.</summary>
    public string Header => Percent ? $"{Label} (%)" : Label;
}

/// <summary>
/// The KPI page's charts and tables as tables of the numbers their JSON answers, for their CSV downloads, and the
/// figures each breakdown table shows (the page and its CSV read the same list).
/// </summary>
internal static class KpiTables
{
    public static ChartTable DailyActiveUsers(ActiveUsersReport report, KpisPageText text) => new(
        [text.Date, text.Users],
        report.Daily.Select(day => (IReadOnlyList<object?>)[day.Date, day.Users]).ToList());

    /// <summary>A row per signup week: its users, then the % retained on each of the cohort days and weeks.</summary>
    public static ChartTable Cohorts(RetentionReport report, KpisPageText text) => new(
        [
            text.SignupWeek, text.Users,
            .. report.CohortDays.Select(day => $"{KpiViews.Format(text.DayN, day)} (%)"),
            .. Enumerable.Range(1, report.CohortWeeks).Select(week => $"{KpiViews.Format(text.WeekN, week)} (%)"),
        ],
        report.Cohorts.Select(cohort => (IReadOnlyList<object?>)[cohort.WeekStart, cohort.Users, .. cohort.DayPercents, .. cohort.WeekPercents]).ToList());

    public static ChartTable ChurnMonths(ChurnReport report, KpisPageText text) => new(
        [text.Month, text.ActiveBefore, text.Churned, $"{text.Rate} (%)", text.Complete],
        report.Months.Select(month => (IReadOnlyList<object?>)[month.Month, month.ActiveBefore, month.Churned, month.RatePercent, month.Complete]).ToList());

    public static ChartTable FunnelSteps(FunnelReport report, KpisPageText text) => new(
        [text.Step, text.Users, text.ConversionFromFirst, text.ConversionFromPrevious, text.DropOffUsers, text.DropOffPercent],
        report.Total.Steps.Select(step => (IReadOnlyList<object?>)[step.Name, step.Users, step.ConversionPercent, step.StepConversionPercent, step.DropOff, step.DropOffPercent]).ToList());

    /// <summary>The conversion tiles: a row per figure with the period's value, the previous period's and the change.</summary>
    public static ChartTable ConversionTotal(ConversionReport report, KpisPageText text) => Totals(report.Total, ConversionTotalFigures(text), text);

    public static ChartTable EventsPerUserTotal(EventsPerUserReport report, KpisPageText text) => Totals(report.Total, EventsPerUserTotalFigures(text), text);

    /// <summary>
    /// A breakdown table: a row per value of the property with its users, then each figure's value, the previous
    /// period's and the change in %.
    /// </summary>
    public static ChartTable Breakdown<T>(string by, IReadOnlyList<Segment<T>> breakdown, IReadOnlyList<KpiFigure<T>> figures, KpisPageText text) => new(
        [by, text.Users, .. figures.SelectMany(figure => new[] { figure.Header, KpiViews.Format(text.PreviousColumn, figure.Header), KpiViews.Format(text.ChangeColumn, figure.Label) })],
        breakdown.Select(segment => (IReadOnlyList<object?>)[
            segment.Value, segment.Users,
            .. figures.SelectMany(figure => Cells(figure.Of(segment.Figures)))]).ToList());

    public static IReadOnlyList<KpiFigure<ActiveUserFigures>> ActiveUsersFigures() =>
        [new("DAU", figures => figures.Dau, Decimals: 1), new("WAU", figures => figures.Wau), new("MAU", figures => figures.Mau)];

    public static IReadOnlyList<KpiFigure<RetentionFigures>> RetentionFigures(KpisPageText text) =>
        [new(text.SevenDay, figures => figures.SevenDayPercent, Percent: true), new(text.ThirtyDay, figures => figures.ThirtyDayPercent, Percent: true)];

    public static IReadOnlyList<KpiFigure<Compared>> ChurnFigures(KpisPageText text) =>
        [new(text.Rate, rate => rate, Percent: true, HigherIsBetter: false)];

    public static IReadOnlyList<KpiFigure<ConversionFigures>> ConversionFigures(KpisPageText text) =>
        [new(text.Converted, figures => figures.Converted), new(text.Rate, figures => figures.RatePercent, Percent: true)];

    public static IReadOnlyList<KpiFigure<EventsPerUserFigures>> EventsPerUserFigures(KpisPageText text) =>
        [new(text.Events, figures => figures.Events), new(text.EventsPerUser, figures => figures.EventsPerUser, Decimals: 2)];

    /// <summary>Each step's users (against the same step of the previous period), then the overall conversion.</summary>
    public static IReadOnlyList<KpiFigure<FunnelFigures>> FunnelFigures(IReadOnlyList<string> steps, KpisPageText text) =>
    [
        .. steps.Select((step, index) => new KpiFigure<FunnelFigures>(step, figures => new Compared(figures.Steps[index].Users, figures.PreviousSteps[index].Users))),
        new(text.FunnelConversion, figures => figures.ConversionPercent, Percent: true),
    ];

    private static IReadOnlyList<KpiFigure<ConversionFigures>> ConversionTotalFigures(KpisPageText text) =>
        [new(text.Signups, figures => figures.Signups), .. ConversionFigures(text)];

    private static IReadOnlyList<KpiFigure<EventsPerUserFigures>> EventsPerUserTotalFigures(KpisPageText text) =>
        [new(text.Events, figures => figures.Events), new(text.ActiveUsers, figures => figures.ActiveUsers), new(text.EventsPerUser, figures => figures.EventsPerUser, Decimals: 2)];

    private static ChartTable Totals<T>(T total, IReadOnlyList<KpiFigure<T>> figures, KpisPageText text) => new(
        [text.Figure, text.CurrentPeriod, text.PreviousPeriod, text.ChangePercent],
        figures.Select(figure => (IReadOnlyList<object?>)[figure.Header, .. Cells(figure.Of(total))]).ToList());

    private static object?[] Cells(Compared figure) => [figure.Current, figure.Previous, figure.ChangePercent];
}
