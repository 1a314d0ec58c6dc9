using Vigil.Alerts;
using Vigil.Alerts.Delivery;
using Vigil.Core.Alerts;
using Vigil.Core.Projects;
using Vigil.Core.Reports;
using Vigil.Core.Storage;

namespace Vigil.Reports;

/// <summary>
/// Writes a report, archives it and queues it for its recipients in one transaction; the outbox then delivers it like
/// an alert notification, with the same retries and dead letters.
/// </summary>
internal sealed class ReportPublisher(
    ReportAssembler assembler,
    IReportStore reports,
    IAlertStore alerts,
    PublicAddress address,
    NotificationDeliveryJob delivery,
    TimeProvider time)
{
    /// <summary>
    /// The archived report, or null when it is a scheduled one that was archived already (by an earlier run or another
    /// node): then nothing is sent again.
    /// </summary>
    public async Task<ArchivedReport?> PublishAsync(Project project, ReportSettings settings, ReportKind kind, DateOnly lastDay, bool scheduled, CancellationToken cancellationToken)
    {
        var (from, to) = ReportPeriods.Of(kind, lastDay);
        var language = settings.Language;
        var dashboard = address.Dashboard(project.Id);
        var (subject, slackText, text) = await RenderAsync(project, language, kind, lastDay, cancellationToken);

        var ruleFile = await alerts.FindRuleFileAsync(project.Id, cancellationToken);
        var rules = ruleFile is null ? RuleSet.Empty : RuleFileParser.Parse(ruleFile.Yaml).RuleSet ?? RuleSet.Empty;
        var destinations = ReportRecipients.Resolve(rules, settings.Recipients);

        var archived = new ArchivedReport(0, project.Id, kind, from, to, language, scheduled, subject, text, time.GetUtcNow());
        var stored = await reports.ArchiveReportAsync(archived, reportId => destinations.Select(destination => new PlannedNotification(project.Id, destination,
            new NotificationMessage(project.Id, project.Name, dashboard, [], new ReportNotice(kind, from, to, subject, slackText, text, ReportPage(project.Id, reportId))))).ToList(),
            cancellationToken);
        if (stored is not null && destinations.Count > 0)
        {
            delivery.Wake();
        }
        return stored;
    }

    /// <summary>The report's subject, Slack text and plain text as <see cref="PublishAsync"/> writes them, neither archived nor sent.</summary>
    public async Task<(string Subject, string Slack, string Text)> RenderAsync(
        Project project, ReportLanguage language, ReportKind kind, DateOnly lastDay, CancellationToken cancellationToken)
    {
        var dashboard = address.Dashboard(project.Id);
        return kind == ReportKind.Daily
            ? Render(await assembler.DailyAsync(project, lastDay, dashboard, cancellationToken), language)
            : Render(await assembler.WeeklyAsync(project, lastDay, dashboard, language, cancellationToken), language);
    }

    public Uri ReportPage(long projectId, long reportId) => new(address.Root, $"projects/{projectId}/reports/{reportId}");

    private static (string Subject, string Slack, string Text) Render(DailyReport report, ReportLanguage language) => (
        ReportRenderer.Subject(report, language),
        ReportRenderer.Render(report, language, ReportFormat.Slack),
        ReportRenderer.Render(report, language, ReportFormat.PlainText));

    private static (string Subject, string Slack, string Text) Render(WeeklyReport report, ReportLanguage language) => (
        ReportRenderer.Subject(report, language),
        ReportRenderer.Render(report, language, ReportFormat.Slack),
        ReportRenderer.Render(report, language, ReportFormat.PlainText));
}
