using Vigil.Core.Kpis;
using Vigil.Dashboard;

namespace Vigil.Kpis;

/// <summary>The KPI page's charts and tables as tables of the numbers their JSON answers, for their CSV downloads.</summary>
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
}
