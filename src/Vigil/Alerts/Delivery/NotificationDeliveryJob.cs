using Vigil.Core.Alerts;
using Vigil.Core.Storage;
using Vigil.Hosting;

namespace Vigil.Alerts.Delivery;

/// <summary>
/// Sends what the outbox holds, on the leader only: every notification was stored before this job sees it, so a crash
/// or a kill -9 at any point leaves it to be sent after the restart. A failure is retried with backoff
/// (<see cref="RetryBackoff"/>) until the notification's retry horizon (24 h), then it goes to the dead-letter list; a
/// permanent refusal goes there at once. Delivery is at least once: a crash between a provider's "ok" and the store's
/// "sent" sends again, with the same delivery id for receivers that deduplicate.
/// </summary>
internal sealed partial class NotificationDeliveryJob(
    IAlertStore store,
    IEnumerable<INotificationSender> senders,
    Leadership leadership,
    TimeProvider time,
    ILogger<NotificationDeliveryJob> logger) : BackgroundService
{
    private const int BatchSize = 50;
    private const int SendsInParallel = 8;
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    private readonly Dictionary<ChannelKind, INotificationSender> _senders = senders.ToDictionary(sender => sender.Kind);
    private readonly SemaphoreSlim _wake = new(0);

    /// <summary>New notifications are in the outbox: look now instead of at the next poll.</summary>
    public void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            _wake.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (leadership.IsLeader)
                {
                    while (await DeliverDueAsync(stoppingToken) == BatchSize)
                    {
                    }
                }
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogRoundFailed(exception);
            }
            try
            {
                await _wake.WaitAsync(PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Attempts every due notification once; returns how many there were.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        var due = await store.ListDueNotificationsAsync(time.GetUtcNow(), BatchSize, cancellationToken);
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = SendsInParallel, CancellationToken = cancellationToken }, DeliverAsync);
        return due.Count;
    }

    private async ValueTask DeliverAsync(OutboxNotification notification, CancellationToken cancellationToken)
    {
        var attempts = notification.Attempts + 1;
        try
        {
            if (!_senders.TryGetValue(notification.Destination.Kind, out var sender))
            {
                throw new DeliveryFailedException($"No sender for {notification.Destination.Kind}.", permanent: true);
            }
            await sender.SendAsync(notification.Destination, notification.Message, $"vigil-{notification.Id}", cancellationToken);
            await store.MarkNotificationSentAsync(notification.Id, attempts, time.GetUtcNow(), cancellationToken);
            LogSent(notification.Id, notification.Destination.Kind, notification.Destination.Name, attempts);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            var permanent = exception is DeliveryFailedException { Permanent: true };
            var next = now + RetryBackoff.Delay(attempts, Random.Shared.NextDouble());
            DateTimeOffset? nextAttemptAt = permanent || next >= notification.GiveUpAt ? null : next;
            await store.MarkNotificationFailedAsync(notification.Id, attempts, nextAttemptAt, exception.Message, cancellationToken);
            if (nextAttemptAt is null)
            {
                LogDead(notification.Id, notification.Destination.Kind, notification.Destination.Name, attempts, exception.Message);
            }
            else
            {
                LogRetrying(notification.Id, notification.Destination.Kind, notification.Destination.Name, attempts, nextAttemptAt.Value, exception.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification {Id} sent to {Kind} {Name} (attempt {Attempts})")]
    private partial void LogSent(long id, ChannelKind kind, string name, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification {Id} to {Kind} {Name} failed (attempt {Attempts}), retrying at {NextAttemptAt:O}: {Error}")]
    private partial void LogRetrying(long id, ChannelKind kind, string name, int attempts, DateTimeOffset nextAttemptAt, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Notification {Id} to {Kind} {Name} given up after {Attempts} attempts, now in the dead-letter list: {Error}")]
    private partial void LogDead(long id, ChannelKind kind, string name, int attempts, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "A round of notification delivery failed")]
    private partial void LogRoundFailed(Exception exception);
}
