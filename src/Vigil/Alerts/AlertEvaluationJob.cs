using Vigil.Alerts.Delivery;
using Vigil.Hosting;

namespace Vigil.Alerts;

/// <summary>
/// Every evaluation interval (15 s by default), on the leader only: takes in edited rule files, evaluates every rule,
/// and wakes the delivery job when the cycle queued notifications.
/// </summary>
internal sealed partial class AlertEvaluationJob(
    AlertEvaluator evaluator,
    AlertRuleFiles ruleFiles,
    NotificationDeliveryJob delivery,
    Leadership leadership,
    VigilOptions options,
    TimeProvider time,
    ILogger<AlertEvaluationJob> logger) : BackgroundService
{
    private static readonly TimeSpan LeadershipCheck = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.AlertEvaluationInterval < LeadershipCheck ? options.AlertEvaluationInterval : LeadershipCheck, time);
        DateTimeOffset? lastStartedAt = null;
        do
        {
            if (!leadership.IsLeader)
            {
                // Whoever leads meanwhile moves the states on; they are read back when this node leads again.
                evaluator.Forget();
                lastStartedAt = null;
                continue;
            }
            var now = time.GetUtcNow();
            if (lastStartedAt is { } last && now - last < options.AlertEvaluationInterval)
            {
                continue;
            }
            lastStartedAt = now;
            try
            {
                await ruleFiles.ImportChangedFilesAsync(stoppingToken);
                var cycle = await evaluator.RunCycleAsync(stoppingToken);
                if (cycle.Notifications > 0)
                {
                    delivery.Wake();
                }
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // The states in memory may be ahead of the store now; read them back next time.
                evaluator.Forget();
                LogCycleFailed(exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "An alert evaluation cycle failed")]
    private partial void LogCycleFailed(Exception exception);
}
