using Vigil.Core.Metrics;
using Vigil.Core.Projects;
using Vigil.Core.Reports;
using Vigil.Core.Storage;
using Vigil.Hosting;

namespace Vigil.Reports;

/// <summary>
/// Sends each project's daily and weekly reports on their schedules, on the leader only. Every round looks at the last
/// time each schedule fired (within the past day): when that was today in the project's zone and the report is not
/// archived yet, it goes out now. So a report whose time passed while Vigil was down goes out once at the next start
/// on the same local day, and is skipped after midnight; the archive's unique key keeps a restart, a late round or a
/// second node from sending it twice.
/// </summary>
internal sealed partial class ReportSchedulerJob(
    IMetadataStore metadata,
    IReportStore reports,
    ReportPublisher publisher,
    Leadership leadership,
    TimeProvider time,
    ILogger<ReportSchedulerJob> logger) : BackgroundService
{
    private static readonly TimeSpan RoundInterval = TimeSpan.FromSeconds(20);

    /// <summary>A schedule's last firing is looked for this far back; catching up never reaches past today anyway.</summary>
    private static readonly TimeSpan LookBack = TimeSpan.FromDays(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(RoundInterval);
        do
        {
            if (!leadership.IsLeader)
            {
                continue;
            }
            try
            {
                await RunDueAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogRoundFailed(exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>When this node last looked for due reports (as the leader), for <c>GET /api/status</c>.</summary>
    public DateTimeOffset? LastRoundAt { get; private set; }

    /// <summary>Sends every report that is due now and not archived; answers how many went out.</summary>
    public async Task<int> RunDueAsync(CancellationToken cancellationToken)
    {
        LastRoundAt = time.GetUtcNow();
        var sent = 0;
        foreach (var project in await metadata.ListProjectsAsync(cancellationToken))
        {
            var settings = await reports.FindReportSettingsAsync(project.Id, cancellationToken) ?? ReportSettings.Default(project.Id);
            foreach (var (kind, schedule) in new[] { (ReportKind.Daily, settings.DailySchedule), (ReportKind.Weekly, settings.WeeklySchedule) })
            {
                if (schedule is null || DueLastDay(project, schedule) is not { } lastDay)
                {
                    continue;
                }
                try
                {
                    if (await reports.IsScheduledReportArchivedAsync(project.Id, kind, ReportPeriods.Of(kind, lastDay).From, cancellationToken))
                    {
                        continue;
                    }
                    if (await publisher.PublishAsync(project, settings, kind, lastDay, scheduled: true, cancellationToken) is { } report)
                    {
                        sent++;
                        LogSent(kind, project.Id, report.From, report.To, report.Id);
                    }
                }
                catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
                {
                    LogReportFailed(exception, kind, project.Id);
                }
            }
        }
        return sent;
    }

    /// <summary>The last day of the report the schedule owes now: its last firing's, when that was today in the project's zone.</summary>
    private DateOnly? DueLastDay(Project project, string schedule)
    {
        var now = time.GetUtcNow();
        var zone = project.TimeZone;
        if (!CronSchedule.TryParse(schedule, out var cron, out _)
            || cron.Previous(now, zone, LookBack) is not { } firing
            || TimeBuckets.LocalDate(firing, zone) != TimeBuckets.LocalDate(now, zone))
        {
            return null;
        }
        return ReportPeriods.LastDayFor(firing, zone);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Kind} report of project {ProjectId} for {From}–{To} archived as {ReportId} and queued")]
    private partial void LogSent(ReportKind kind, long projectId, DateOnly from, DateOnly to, long reportId);

    [LoggerMessage(Level = LogLevel.Error, Message = "The {Kind} report of project {ProjectId} failed; the next round tries again")]
    private partial void LogReportFailed(Exception exception, ReportKind kind, long projectId);

    [LoggerMessage(Level = LogLevel.Error, Message = "A round of report scheduling failed")]
    private partial void LogRoundFailed(Exception exception);
}
