using Vigil.Core.Alerts;
using Vigil.Core.Reports;

namespace Vigil.Core.Storage;

/// <summary>
/// A project's report settings. A null schedule turns that report off. Recipients name channels (<c>slack</c>,
/// <c>webhook</c>) and contacts (<c>email</c>) of the project's rule file, or an address itself.
/// </summary>
public sealed record ReportSettings(long ProjectId, string? DailySchedule, string? WeeklySchedule, ReportLanguage Language, IReadOnlyList<NotifyTarget> Recipients)
{
    public const string DefaultDailySchedule = "0 9 * * *";
    public const string DefaultWeeklySchedule = "0 10 * * 1";

    /// <summary>What a project without saved settings gets: both reports, in English, archived and sent to no one.</summary>
    public static ReportSettings Default(long projectId) => new(projectId, DefaultDailySchedule, DefaultWeeklySchedule, ReportLanguage.English, []);
}

/// <summary>A report as it was written and sent, kept for the Reports page.</summary>
/// <param name="Scheduled">Sent by the schedule (once per project, kind and period), not on demand.</param>
public sealed record ArchivedReport(
    long Id,
    long ProjectId,
    ReportKind Kind,
    DateOnly From,
    DateOnly To,
    ReportLanguage Language,
    bool Scheduled,
    string Subject,
    string Text,
    DateTimeOffset CreatedAt);

/// <summary>Report settings and the archive of sent reports, in the metadata store.</summary>
public interface IReportStore
{
    Task<ReportSettings?> FindReportSettingsAsync(long projectId, CancellationToken cancellationToken);

    Task SaveReportSettingsAsync(ReportSettings settings, CancellationToken cancellationToken);

    /// <summary>Whether the scheduled report of this project, kind and period is archived already.</summary>
    Task<bool> IsScheduledReportArchivedAsync(long projectId, ReportKind kind, DateOnly from, CancellationToken cancellationToken);

    /// <summary>
    /// Archives the report and queues its notifications in the outbox, in one transaction; the notifications are made
    /// from the archived report's id, so they can link to its page. A scheduled report is kept once per project, kind
    /// and period: when one is archived already (by an earlier run or another node), nothing is stored or queued and
    /// the answer is null.
    /// </summary>
    Task<ArchivedReport?> ArchiveReportAsync(
        ArchivedReport report, Func<long, IReadOnlyList<PlannedNotification>> notifications, CancellationToken cancellationToken);

    /// <summary>The project's archived reports, newest first.</summary>
    Task<IReadOnlyList<ArchivedReport>> ListReportsAsync(long projectId, int limit, CancellationToken cancellationToken);

    Task<ArchivedReport?> FindReportAsync(long projectId, long reportId, CancellationToken cancellationToken);
}
