using Vigil.Alerts.Delivery;
using Vigil.Core.Alerts;
using Vigil.Core.Storage;

namespace Vigil.Alerts;

/// <summary>A change refused before anything was stored: the field at fault, named as the API names it, and why.</summary>
public sealed record AlertCommandError(string Field, string Message);

/// <summary>
/// The changes people make to a project's alerting besides its rules (<see cref="AlertRuleFiles.SaveAsync"/>):
/// silences, maintenance windows and dead notifications. The API and the alerts page both go through here, so they
/// check the same things and store the same way.
/// </summary>
internal sealed class AlertCommands(IAlertStore store, NotificationDeliveryJob delivery, TimeProvider time)
{
    /// <param name="startsAt">Now when null.</param>
    public async Task<(Silence? Created, AlertCommandError? Error)> CreateSilenceAsync(
        long projectId, IReadOnlyList<Matcher> matchers, DateTimeOffset? startsAt, DateTimeOffset? endsAt, string? reason, string createdBy, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (matchers.Count == 0)
        {
            return (null, new AlertCommandError("matchers", "matchers is required: at least one, e.g. [\"alertname=\\\"Slow Response\\\"\"]."));
        }
        var start = startsAt ?? now;
        if (endsAt is not { } end || end <= start || end <= now)
        {
            return (null, new AlertCommandError("endsAt", "endsAt is required, after startsAt and in the future."));
        }
        if (string.IsNullOrWhiteSpace(reason))
        {
            return (null, new AlertCommandError("reason", "reason is required: say why these alerts may stay quiet."));
        }
        var silence = await store.CreateSilenceAsync(new Silence(0, projectId, matchers, start, end, reason.Trim(), createdBy, now), cancellationToken);
        return (silence, null);
    }

    /// <summary>False when the project has no such silence.</summary>
    public Task<bool> ExpireSilenceAsync(long projectId, long silenceId, CancellationToken cancellationToken) =>
        store.ExpireSilenceAsync(projectId, silenceId, time.GetUtcNow(), cancellationToken);

    public async Task<(MaintenanceWindow? Created, AlertCommandError? Error)> CreateMaintenanceWindowAsync(
        long projectId, DateTimeOffset? startsAt, DateTimeOffset? endsAt, string? reason, CancellationToken cancellationToken)
    {
        if (startsAt is not { } start)
        {
            return (null, new AlertCommandError("startsAt", "startsAt is required (ISO-8601 with offset)."));
        }
        if (endsAt is not { } end || end <= start)
        {
            return (null, new AlertCommandError("endsAt", "endsAt is required and must be after startsAt."));
        }
        if (string.IsNullOrWhiteSpace(reason))
        {
            return (null, new AlertCommandError("reason", "reason is required: say what the maintenance is."));
        }
        var window = await store.CreateMaintenanceWindowAsync(new MaintenanceWindow(0, projectId, start, end, reason.Trim(), time.GetUtcNow()), cancellationToken);
        return (window, null);
    }

    /// <summary>False when the project has no such window.</summary>
    public Task<bool> DeleteMaintenanceWindowAsync(long projectId, long windowId, CancellationToken cancellationToken) =>
        store.DeleteMaintenanceWindowAsync(projectId, windowId, cancellationToken);

    /// <summary>Puts a dead notification back in line and wakes the delivery job; false when it is not dead.</summary>
    public async Task<bool> RetryNotificationAsync(long projectId, long notificationId, CancellationToken cancellationToken)
    {
        if (!await store.RetryNotificationAsync(projectId, notificationId, time.GetUtcNow(), cancellationToken))
        {
            return false;
        }
        delivery.Wake();
        return true;
    }
}
