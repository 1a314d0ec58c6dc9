using Vigil.Core.Storage;
using Vigil.Hosting;
using Vigil.Projects;

namespace Vigil.Logs;

/// <summary>
/// Every hour, on the leader only: deletes each project's log lines older than its retention (<c>logRetentionDays</c>).
/// Searches never reach past the retention anyway, so a late or skipped run shows nothing it should not.
/// </summary>
internal sealed partial class LogRetentionJob(
    ITelemetryStore store,
    ProjectDirectory projects,
    Leadership leadership,
    TimeProvider time,
    ILogger<LogRetentionJob> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);
    private static readonly TimeSpan LeadershipCheck = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(LeadershipCheck, time);
        DateTimeOffset? lastRunAt = null;
        do
        {
            if (!leadership.IsLeader)
            {
                lastRunAt = null;
                continue;
            }
            if (lastRunAt is { } last && time.GetUtcNow() - last < Interval)
            {
                continue;
            }
            lastRunAt = time.GetUtcNow();
            try
            {
                await RunAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogRunFailed(exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One purge of every project; answers how many lines went.</summary>
    public async Task<long> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var cutoffs = (await projects.ListProjectsAsync(cancellationToken)).ToDictionary(project => project.Id, project => now.AddDays(-project.LogRetentionDays));
        var deleted = await store.DeleteExpiredLogsAsync(cutoffs, cancellationToken);
        if (deleted > 0)
        {
            LogDeleted(deleted);
        }
        return deleted;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Log retention deleted {Lines} expired log lines")]
    private partial void LogDeleted(long lines);

    [LoggerMessage(Level = LogLevel.Error, Message = "A log retention run failed; the next runs in an hour")]
    private partial void LogRunFailed(Exception exception);
}
