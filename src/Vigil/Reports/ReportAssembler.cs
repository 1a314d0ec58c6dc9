using Vigil.Core.Alerts;
using Vigil.Core.Errors;
using Vigil.Core.Metrics;
using Vigil.Core.Monitors;
using Vigil.Core.Projects;
using Vigil.Core.Reports;
using Vigil.Core.Storage;

namespace Vigil.Reports;

/// <summary>
/// Fills the report model from the stores. Goals, feedback and experiments come from their features' sources when
/// those are registered; without one, its sections stay null and the renderers leave them out.
/// </summary>
internal sealed class ReportAssembler(
    ITelemetryStore telemetry,
    IAlertStore alerts,
    IMonitorStore monitors,
    IErrorIssueStore issues,
    IReportGoalsSource? goals = null,
    IReportFeedbackSource? feedback = null,
    IReportExperimentsSource? experiments = null)
{
    public const string PlanProperty = "plan";
    public const int TopIssueCount = 5;
    public const int TopFeedbackCount = 3;
    /// <summary>
    /// Alert transitions read for a day's notable events, newest first: a project with more transitions than this
    /// since the report's day would lose the day's earliest ones, far beyond what a report can usefully list.
    /// </summary>
    private const int HistoryLimit = 1000;

    public async Task<DailyReport> DailyAsync(Project project, DateOnly date, Uri dashboardUrl, CancellationToken cancellationToken)
    {
        var zone = project.TimeZone;
        var (from, to) = (TimeBuckets.StartOfLocalDay(date, zone), TimeBuckets.StartOfLocalDay(date.AddDays(1), zone));
        var header = new ReportHeader(project.Id, project.Name, date, date, zone, dashboardUrl);

        var metrics = await HeadlineAsync(project, date, date, cancellationToken);

        var requests = (await telemetry.ReadRequestTotalsAsync([project.Id], from, to, Granularity.Hour, cancellationToken)).GetValueOrDefault(project.Id);
        var uptime = await telemetry.ReadProbeSummaryAsync(project.Id, from, to, cancellationToken);
        var performance = new List<PerformanceLine>
        {
            new(PerformanceMetricName.ErrorRate, requests is { Count: > 0 } ? 100.0 * requests.ServerErrors / requests.Count : null, project.Targets.MaxErrorRatePercent),
            new(PerformanceMetricName.AverageResponseTime, requests is { Count: > 0 } ? requests.SumMs / requests.Count : null, project.Targets.MaxResponseTimeMs),
            new(PerformanceMetricName.Uptime, uptime.UptimePercent, project.Targets.MinUptimePercent),
        };

        var planCounts = await telemetry.ReadPropertyCountsAsync(project.Id, project.KeyEvents.Signup, PlanProperty, from, to, cancellationToken);
        var planTotal = planCounts.Sum(plan => plan.Count);
        var plans = planCounts
            .OrderByDescending(plan => plan.Count).ThenBy(plan => plan.Value, StringComparer.Ordinal)
            .Select(plan => new PlanShare(plan.Value, plan.Count, Math.Round(100.0 * plan.Count / planTotal, 1, MidpointRounding.AwayFromZero)))
            .ToList();

        var events = new List<NotableEvent>();
        var pageViews = await telemetry.ReadEventCountsAsync(
            project.Id, project.KeyEvents.PageView, TimeBuckets.StartOfLocalDay(date.AddDays(-TrafficSpikes.BaselineDays), zone), to, Granularity.Hour, cancellationToken);
        events.AddRange(TrafficSpikes.Find(date, pageViews, zone)
            .Select(spike => new NotableEvent(spike.HourStart, NotableEventKind.TrafficSpike, "", spike.PageViews, (long)Math.Round(spike.Usual, MidpointRounding.AwayFromZero))));
        events.AddRange(await IncidentsAsync(project.Id, from, to, cancellationToken));
        var history = await alerts.ListHistoryAsync(project.Id, null, HistoryLimit, cancellationToken);
        events.AddRange(history
            .Where(entry => entry.At >= from && entry.At < to && entry.Transition is AlertTransition.Firing or AlertTransition.Resolved)
            .Select(entry => new NotableEvent(entry.At, entry.Transition == AlertTransition.Firing ? NotableEventKind.AlertFired : NotableEventKind.AlertResolved, entry.RuleName)));

        FeedbackSplit? split = null;
        string? negativeTheme = null;
        if (feedback is not null)
        {
            (split, negativeTheme) = await feedback.ReadSplitAsync(project, date, date, cancellationToken);
        }

        var openAlerts = (await alerts.ListAlertsAsync(project.Id, cancellationToken))
            .Where(alert => alert.State.Status == AlertStatus.Firing)
            .OrderByDescending(alert => alert.Severity).ThenBy(alert => alert.RuleName, StringComparer.Ordinal)
            .Select(alert => alert.RuleName)
            .ToList();
        var regressions = (await issues.ListIssuesAsync(project.Id, IssueStatus.Open, cancellationToken))
            .Where(issue => issue.RegressedAt >= from && issue.RegressedAt < to)
            .OrderBy(issue => issue.RegressedAt)
            .Select(issue => issue.Title)
            .ToList();

        return new DailyReport(
            header,
            metrics,
            performance,
            plans,
            events.OrderBy(notable => notable.At).ThenBy(notable => notable.Kind).ToList(),
            split,
            new ActionItems(openAlerts, regressions, negativeTheme));
    }

    /// <param name="language">The language the goal rows and experiment outcomes are written in.</param>
    public async Task<WeeklyReport> WeeklyAsync(Project project, DateOnly lastDay, Uri dashboardUrl, ReportLanguage language, CancellationToken cancellationToken)
    {
        var zone = project.TimeZone;
        var (first, last) = ReportPeriods.Of(ReportKind.Weekly, lastDay);
        var (from, to) = (TimeBuckets.StartOfLocalDay(first, zone), TimeBuckets.StartOfLocalDay(last.AddDays(1), zone));

        var totals = await HeadlineAsync(project, first, last, cancellationToken);

        var byFingerprint = (await issues.ListIssuesAsync(project.Id, null, cancellationToken)).ToDictionary(issue => issue.Fingerprint);
        var topIssues = (await telemetry.ReadErrorGroupsAsync(project.Id, from, to, cancellationToken))
            .Where(group => byFingerprint.ContainsKey(group.Fingerprint))
            .OrderByDescending(group => group.Count).ThenBy(group => group.Fingerprint, StringComparer.Ordinal)
            .Take(TopIssueCount)
            .Select(group =>
            {
                var issue = byFingerprint[group.Fingerprint];
                return new TopIssue(issue.Title, group.Count, group.Users, issue.RegressedAt >= from && issue.RegressedAt < to);
            })
            .ToList();

        return new WeeklyReport(
            new ReportHeader(project.Id, project.Name, first, last, zone, dashboardUrl),
            totals,
            goals is null ? null : await goals.ReadGoalsAsync(project, first, last, language, cancellationToken),
            topIssues,
            feedback is null ? null : await feedback.ReadTopItemsAsync(project, first, last, TopFeedbackCount, cancellationToken),
            experiments is null ? null : await experiments.ReadConcludedAsync(project, first, last, language, cancellationToken));
    }

    /// <summary>Visitors and the key events over the local dates [first, last], each with the same span just before.</summary>
    private async Task<IReadOnlyList<HeadlineMetric>> HeadlineAsync(Project project, DateOnly first, DateOnly last, CancellationToken cancellationToken)
    {
        var zone = project.TimeZone;
        var days = last.DayNumber - first.DayNumber + 1;
        var current = (TimeBuckets.StartOfLocalDay(first, zone), TimeBuckets.StartOfLocalDay(last.AddDays(1), zone));
        var previous = (TimeBuckets.StartOfLocalDay(first.AddDays(-days), zone), current.Item1);
        var keyEvents = project.KeyEvents;
        var names = new[] { keyEvents.Signup, keyEvents.AppCreated, keyEvents.Order };

        async Task<(long Visitors, IReadOnlyDictionary<(long, string), long> Events)> ReadAsync((DateTimeOffset From, DateTimeOffset To) span) => (
            await telemetry.CountDistinctUsersAsync(project.Id, span.From, span.To, Granularity.Hour, cancellationToken),
            await telemetry.ReadEventTotalsAsync([project.Id], names, span.From, span.To, Granularity.Hour, cancellationToken));

        var (visitors, events) = await ReadAsync(current);
        var (visitorsBefore, eventsBefore) = await ReadAsync(previous);
        long Count(IReadOnlyDictionary<(long, string), long> totals, string name) => totals.GetValueOrDefault((project.Id, name));
        return
        [
            new(HeadlineMetricName.Visitors, visitors, visitorsBefore),
            new(HeadlineMetricName.Signups, Count(events, keyEvents.Signup), Count(eventsBefore, keyEvents.Signup)),
            new(HeadlineMetricName.AppsCreated, Count(events, keyEvents.AppCreated), Count(eventsBefore, keyEvents.AppCreated)),
            new(HeadlineMetricName.Orders, Count(events, keyEvents.Order), Count(eventsBefore, keyEvents.Order)),
        ];
    }

    /// <summary>Incidents of the project's monitors that started in [from, to); one still down at the end of the span is ongoing.</summary>
    private async Task<IReadOnlyList<NotableEvent>> IncidentsAsync(long projectId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var found = new List<NotableEvent>();
        foreach (var monitor in await monitors.ListMonitorsAsync(projectId, cancellationToken))
        {
            // A day before the span too, so an incident that began before it is not taken for one that began in it.
            var results = await telemetry.ReadMonitorResultsAsync(monitor.Id, from.AddDays(-1), to, cancellationToken);
            foreach (var incident in Incidents.Build(results, to).Where(incident => incident.Start >= from && incident.Start < to))
            {
                found.Add(incident.End is { } end
                    ? new NotableEvent(incident.Start, NotableEventKind.Incident, monitor.Name, (long)Math.Ceiling((end - incident.Start).TotalMinutes))
                    : new NotableEvent(incident.Start, NotableEventKind.IncidentOngoing, monitor.Name));
            }
        }
        return found;
    }
}
