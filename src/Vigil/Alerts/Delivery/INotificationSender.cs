using Vigil.Core.Alerts;

namespace Vigil.Alerts.Delivery;

/// <summary>Sends one notification to one destination of its kind; the outbox calls it and retries on failure.</summary>
internal interface INotificationSender
{
    ChannelKind Kind { get; }

    /// <summary>
    /// Returns when the provider accepted the message. <paramref name="deliveryId"/> is the same on every retry of one
    /// notification, so receivers that can deduplicate (webhooks, providers with idempotency keys) get it once.
    /// Throws <see cref="DeliveryFailedException"/> when the provider refused or could not be reached.
    /// </summary>
    Task SendAsync(Destination destination, NotificationMessage message, string deliveryId, CancellationToken cancellationToken);
}

/// <summary>
/// A send that did not go through. <see cref="Permanent"/> failures (a malformed address, a revoked webhook: 4xx other
/// than 408 and 429) go straight to the dead-letter list; others are retried with backoff for up to a day.
/// </summary>
internal sealed class DeliveryFailedException(string message, bool permanent, Exception? innerException = null)
    : Exception(message, innerException)
{
    public bool Permanent { get; } = permanent;
}
