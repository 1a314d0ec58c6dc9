using Vigil.Core.Alerts;

namespace Vigil.Core.Storage;

/// <summary>A project's rule file as saved; <see cref="Version"/> grows with every save, so evaluators re-parse only what changed.</summary>
public sealed record StoredRuleFile(long ProjectId, string Yaml, long Version, DateTimeOffset UpdatedAt);

public enum NotificationStatus
{
    Pending,
    Sent,

    /// <summary>Given up on (refused for good, or failing for longer than the retry horizon): listed for people to see and retry.</summary>
    Dead,
}

public sealed record OutboxNotification(
    long Id,
    long ProjectId,
    Destination Destination,
    NotificationMessage Message,
    NotificationStatus Status,
    int Attempts,
    DateTimeOffset NextAttemptAt,
    string? LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset GiveUpAt,
    DateTimeOffset? SentAt);

/// <summary>Rule files, alert states and history, silences, maintenance windows, and the notification outbox.</summary>
public interface IAlertStore
{
    Task<StoredRuleFile?> FindRuleFileAsync(long projectId, CancellationToken cancellationToken);

    /// <summary>Every project's rule file version, cheap to poll each evaluation.</summary>
    Task<IReadOnlyDictionary<long, long>> ListRuleFileVersionsAsync(CancellationToken cancellationToken);

    Task<StoredRuleFile> SaveRuleFileAsync(long projectId, string yaml, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The last evaluation's snapshot of every rule, of one project or of all.</summary>
    Task<IReadOnlyList<AlertSnapshot>> ListAlertsAsync(long? projectId, CancellationToken cancellationToken);

    /// <summary>
    /// Saves what one evaluation cycle changed in one transaction: the snapshots that differ from the stored ones, the
    /// rules that are gone, the transitions, and the notifications to send (stored before any is sent).
    /// </summary>
    Task SaveCycleAsync(AlertCycleChanges changes, DateTimeOffset now, CancellationToken cancellationToken);

    Task<IReadOnlyList<AlertHistoryEntry>> ListHistoryAsync(long projectId, string? ruleName, int limit, CancellationToken cancellationToken);

    Task<Silence> CreateSilenceAsync(Silence silence, CancellationToken cancellationToken);

    Task<IReadOnlyList<Silence>> ListSilencesAsync(long? projectId, CancellationToken cancellationToken);

    /// <summary>Ends a silence now; false when there is no such silence in the project.</summary>
    Task<bool> ExpireSilenceAsync(long projectId, long silenceId, DateTimeOffset now, CancellationToken cancellationToken);

    Task<MaintenanceWindow> CreateMaintenanceWindowAsync(MaintenanceWindow window, CancellationToken cancellationToken);

    Task<IReadOnlyList<MaintenanceWindow>> ListMaintenanceWindowsAsync(long? projectId, CancellationToken cancellationToken);

    Task<bool> DeleteMaintenanceWindowAsync(long projectId, long windowId, CancellationToken cancellationToken);

    /// <summary>Pending notifications whose next attempt is due, oldest first.</summary>
    Task<IReadOnlyList<OutboxNotification>> ListDueNotificationsAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);

    Task MarkNotificationSentAsync(long notificationId, int attempts, DateTimeOffset sentAt, CancellationToken cancellationToken);

    /// <summary>Records a failed attempt: retried at <paramref name="nextAttemptAt"/>, or dead when that is null.</summary>
    Task MarkNotificationFailedAsync(long notificationId, int attempts, DateTimeOffset? nextAttemptAt, string error, CancellationToken cancellationToken);

    Task<IReadOnlyList<OutboxNotification>> ListNotificationsAsync(long projectId, NotificationStatus? status, int limit, CancellationToken cancellationToken);

    /// <summary>Puts a dead notification back in line now, with a fresh retry horizon; false when it is not dead.</summary>
    Task<bool> RetryNotificationAsync(long projectId, long notificationId, DateTimeOffset now, CancellationToken cancellationToken);
}

public sealed record AlertCycleChanges(
    IReadOnlyList<AlertSnapshot> Snapshots,
    IReadOnlyList<(long ProjectId, string RuleName)> Removed,
    IReadOnlyList<AlertHistoryEntry> History,
    IReadOnlyList<PlannedNotification> Notifications);
