using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dapper;
using Vigil.Core.Alerts;
using Vigil.Core.Storage;

namespace Vigil.Storage.Relational;

public abstract partial class RelationalMetadataStore
{
    /// <summary>How long a notification is retried before it goes to the dead-letter list.</summary>
    public static readonly TimeSpan RetryHorizon = TimeSpan.FromHours(24);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private const string NotificationColumns = """
        id AS Id, project_id AS ProjectId, destination AS Destination, message AS Message, status AS Status, attempts AS Attempts,
        next_attempt_at AS NextAttemptAt, last_error AS LastError, created_at AS CreatedAt, give_up_at AS GiveUpAt, sent_at AS SentAt
        """;

    private const string StateColumns = """
        project_id AS ProjectId, rule_name AS RuleName, severity AS Severity, condition_text AS ConditionText, status AS Status,
        active_at AS ActiveAt, firing_since AS FiringSince, clearing_since AS ClearingSince, last_notified_at AS LastNotifiedAt,
        firing_notified AS FiringNotified, value_text AS ValueText, silenced AS Silenced, evaluated_at AS EvaluatedAt
        """;

    public async Task<StoredRuleFile?> FindRuleFileAsync(long projectId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<RuleFileRow>(new CommandDefinition(
            "SELECT project_id AS ProjectId, yaml AS Yaml, version AS Version, updated_at AS UpdatedAt FROM alert_rule_files WHERE project_id = @projectId",
            new { projectId }, cancellationToken: cancellationToken));
        return row is null ? null : new StoredRuleFile(row.ProjectId, row.Yaml, row.Version, FromMilliseconds(row.UpdatedAt));
    }

    public async Task<IReadOnlyDictionary<long, long>> ListRuleFileVersionsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long ProjectId, long Version)>(new CommandDefinition(
            "SELECT project_id, version FROM alert_rule_files", cancellationToken: cancellationToken));
        return rows.ToDictionary(row => row.ProjectId, row => row.Version);
    }

    public async Task<StoredRuleFile> SaveRuleFileAsync(long projectId, string yaml, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var version = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO alert_rule_files (project_id, yaml, version, updated_at) VALUES (@projectId, @yaml, 1, @updatedAt)
            ON CONFLICT (project_id) DO UPDATE SET yaml = excluded.yaml, version = alert_rule_files.version + 1, updated_at = excluded.updated_at
            RETURNING version
            """,
            new { projectId, yaml, updatedAt = now.ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken));
        return new StoredRuleFile(projectId, yaml, version, now);
    }

    public async Task<IReadOnlyList<AlertSnapshot>> ListAlertsAsync(long? projectId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<StateRow>(new CommandDefinition(
            $"SELECT {StateColumns} FROM alert_states WHERE @projectId IS NULL OR project_id = @projectId ORDER BY project_id, rule_name",
            new { projectId }, cancellationToken: cancellationToken));
        return rows.Select(row => row.ToSnapshot()).ToList();
    }

    public async Task SaveCycleAsync(AlertCycleChanges changes, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO alert_states (project_id, rule_name, severity, condition_text, status, active_at, firing_since, clearing_since,
                last_notified_at, firing_notified, value_text, silenced, evaluated_at)
            VALUES (@ProjectId, @RuleName, @Severity, @ConditionText, @Status, @ActiveAt, @FiringSince, @ClearingSince,
                @LastNotifiedAt, @FiringNotified, @ValueText, @Silenced, @EvaluatedAt)
            ON CONFLICT (project_id, rule_name) DO UPDATE SET severity = excluded.severity, condition_text = excluded.condition_text,
                status = excluded.status, active_at = excluded.active_at, firing_since = excluded.firing_since,
                clearing_since = excluded.clearing_since, last_notified_at = excluded.last_notified_at,
                firing_notified = excluded.firing_notified, value_text = excluded.value_text, silenced = excluded.silenced,
                evaluated_at = excluded.evaluated_at
            """,
            changes.Snapshots.Select(StateRow.From), transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM alert_states WHERE project_id = @ProjectId AND rule_name = @RuleName",
            changes.Removed.Select(removed => new { removed.ProjectId, removed.RuleName }), transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO alert_history (project_id, rule_name, transition, at, value_text) VALUES (@ProjectId, @RuleName, @Transition, @At, @Values)",
            changes.History.Select(entry => new { entry.ProjectId, entry.RuleName, Transition = entry.Transition.ToString(), At = entry.At.ToUnixTimeMilliseconds(), entry.Values }),
            transaction, cancellationToken: cancellationToken));
        await QueueNotificationsAsync(connection, transaction, changes.Notifications, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Puts notifications in the outbox, due at once, inside the caller's transaction.</summary>
    private static async Task QueueNotificationsAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<PlannedNotification> notifications, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var created = now.ToUnixTimeMilliseconds();
        var giveUpAt = (now + RetryHorizon).ToUnixTimeMilliseconds();
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO notifications (project_id, destination, message, status, attempts, next_attempt_at, created_at, give_up_at)
            VALUES (@ProjectId, @Destination, @Message, 'Pending', 0, @Created, @Created, @GiveUpAt)
            """,
            notifications.Select(notification => new
            {
                notification.ProjectId,
                Destination = JsonSerializer.Serialize(notification.Destination, Json),
                Message = JsonSerializer.Serialize(notification.Message, Json),
                Created = created,
                GiveUpAt = giveUpAt,
            }),
            transaction, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<AlertHistoryEntry>> ListHistoryAsync(long projectId, string? ruleName, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long ProjectId, string RuleName, string Transition, long At, string Values)>(new CommandDefinition(
            """
            SELECT project_id, rule_name, transition, at, value_text FROM alert_history
            WHERE project_id = @projectId AND (@ruleName IS NULL OR rule_name = @ruleName)
            ORDER BY at DESC, id DESC LIMIT @limit
            """,
            new { projectId, ruleName, limit }, cancellationToken: cancellationToken));
        return rows.Select(row => new AlertHistoryEntry(row.ProjectId, row.RuleName, Enum.Parse<AlertTransition>(row.Transition), FromMilliseconds(row.At), row.Values)).ToList();
    }

    public async Task<Silence> CreateSilenceAsync(Silence silence, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO silences (project_id, matchers, starts_at, ends_at, reason, created_by, created_at)
            VALUES (@ProjectId, @Matchers, @StartsAt, @EndsAt, @Reason, @CreatedBy, @CreatedAt) RETURNING id
            """,
            new
            {
                silence.ProjectId,
                Matchers = JsonSerializer.Serialize(silence.Matchers.Select(matcher => matcher.ToString()), Json),
                StartsAt = silence.StartsAt.ToUnixTimeMilliseconds(),
                EndsAt = silence.EndsAt.ToUnixTimeMilliseconds(),
                silence.Reason,
                silence.CreatedBy,
                CreatedAt = silence.CreatedAt.ToUnixTimeMilliseconds(),
            },
            cancellationToken: cancellationToken));
        return silence with { Id = id };
    }

    public async Task<IReadOnlyList<Silence>> ListSilencesAsync(long? projectId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<SilenceRow>(new CommandDefinition(
            """
            SELECT id AS Id, project_id AS ProjectId, matchers AS Matchers, starts_at AS StartsAt, ends_at AS EndsAt, reason AS Reason,
                created_by AS CreatedBy, created_at AS CreatedAt
            FROM silences WHERE @projectId IS NULL OR project_id = @projectId ORDER BY ends_at DESC, id DESC
            """,
            new { projectId }, cancellationToken: cancellationToken));
        return rows.Select(row => row.ToSilence()).ToList();
    }

    public async Task<bool> ExpireSilenceAsync(long projectId, long silenceId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var at = now.ToUnixTimeMilliseconds();
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE silences SET ends_at = CASE WHEN ends_at < @at THEN ends_at ELSE @at END WHERE id = @silenceId AND project_id = @projectId",
            new { projectId, silenceId, at }, cancellationToken: cancellationToken)) > 0;
    }

    public async Task<MaintenanceWindow> CreateMaintenanceWindowAsync(MaintenanceWindow window, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO maintenance_windows (project_id, starts_at, ends_at, reason, created_at)
            VALUES (@ProjectId, @StartsAt, @EndsAt, @Reason, @CreatedAt) RETURNING id
            """,
            new
            {
                window.ProjectId,
                StartsAt = window.StartsAt.ToUnixTimeMilliseconds(),
                EndsAt = window.EndsAt.ToUnixTimeMilliseconds(),
                window.Reason,
                CreatedAt = window.CreatedAt.ToUnixTimeMilliseconds(),
            },
            cancellationToken: cancellationToken));
        return window with { Id = id };
    }

    public async Task<IReadOnlyList<MaintenanceWindow>> ListMaintenanceWindowsAsync(long? projectId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long Id, long ProjectId, long StartsAt, long EndsAt, string Reason, long CreatedAt)>(new CommandDefinition(
            """
            SELECT id, project_id, starts_at, ends_at, reason, created_at FROM maintenance_windows
            WHERE @projectId IS NULL OR project_id = @projectId ORDER BY starts_at DESC, id DESC
            """,
            new { projectId }, cancellationToken: cancellationToken));
        return rows.Select(row => new MaintenanceWindow(row.Id, row.ProjectId, FromMilliseconds(row.StartsAt), FromMilliseconds(row.EndsAt), row.Reason, FromMilliseconds(row.CreatedAt))).ToList();
    }

    public async Task<bool> DeleteMaintenanceWindowAsync(long projectId, long windowId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM maintenance_windows WHERE id = @windowId AND project_id = @projectId",
            new { projectId, windowId }, cancellationToken: cancellationToken)) > 0;
    }

    public async Task<IReadOnlyList<OutboxNotification>> ListDueNotificationsAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<NotificationRow>(new CommandDefinition(
            $"SELECT {NotificationColumns} FROM notifications WHERE status = 'Pending' AND next_attempt_at <= @now ORDER BY next_attempt_at, id LIMIT @limit",
            new { now = now.ToUnixTimeMilliseconds(), limit }, cancellationToken: cancellationToken));
        return rows.Select(row => row.ToNotification()).ToList();
    }

    public async Task MarkNotificationSentAsync(long notificationId, int attempts, DateTimeOffset sentAt, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE notifications SET status = 'Sent', attempts = @attempts, sent_at = @sentAt WHERE id = @notificationId",
            new { notificationId, attempts, sentAt = sentAt.ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken));
    }

    public async Task MarkNotificationFailedAsync(long notificationId, int attempts, DateTimeOffset? nextAttemptAt, string error, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE notifications SET status = @status, attempts = @attempts, next_attempt_at = COALESCE(@nextAttemptAt, next_attempt_at), last_error = @error
            WHERE id = @notificationId
            """,
            new
            {
                notificationId,
                attempts,
                status = nextAttemptAt is null ? nameof(NotificationStatus.Dead) : nameof(NotificationStatus.Pending),
                nextAttemptAt = nextAttemptAt?.ToUnixTimeMilliseconds(),
                error,
            },
            cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<OutboxNotification>> ListNotificationsAsync(long projectId, NotificationStatus? status, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<NotificationRow>(new CommandDefinition(
            $"SELECT {NotificationColumns} FROM notifications WHERE project_id = @projectId AND (@status IS NULL OR status = @status) ORDER BY id DESC LIMIT @limit",
            new { projectId, status = status?.ToString(), limit }, cancellationToken: cancellationToken));
        return rows.Select(row => row.ToNotification()).ToList();
    }

    public async Task<bool> RetryNotificationAsync(long projectId, long notificationId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE notifications SET status = 'Pending', next_attempt_at = @now, give_up_at = @giveUpAt
            WHERE id = @notificationId AND project_id = @projectId AND status = 'Dead'
            """,
            new { projectId, notificationId, now = now.ToUnixTimeMilliseconds(), giveUpAt = (now + RetryHorizon).ToUnixTimeMilliseconds() },
            cancellationToken: cancellationToken)) > 0;
    }

    private static DateTimeOffset FromMilliseconds(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);

    private static DateTimeOffset? FromMilliseconds(long? milliseconds) => milliseconds is { } value ? DateTimeOffset.FromUnixTimeMilliseconds(value) : null;

    private sealed record RuleFileRow(long ProjectId, string Yaml, long Version, long UpdatedAt);

    private sealed record StateRow(
        long ProjectId, string RuleName, string Severity, string ConditionText, string Status, long? ActiveAt, long? FiringSince,
        long? ClearingSince, long? LastNotifiedAt, long FiringNotified, string ValueText, long Silenced, long EvaluatedAt)
    {
        public static StateRow From(AlertSnapshot snapshot) => new(
            snapshot.ProjectId,
            snapshot.RuleName,
            snapshot.Severity.ToString(),
            snapshot.Condition,
            snapshot.State.Status.ToString(),
            snapshot.State.ActiveAt?.ToUnixTimeMilliseconds(),
            snapshot.State.FiringSince?.ToUnixTimeMilliseconds(),
            snapshot.State.ClearingSince?.ToUnixTimeMilliseconds(),
            snapshot.State.LastNotifiedAt?.ToUnixTimeMilliseconds(),
            snapshot.State.FiringNotified ? 1 : 0,
            snapshot.Values,
            snapshot.Silenced ? 1 : 0,
            snapshot.EvaluatedAt.ToUnixTimeMilliseconds());

        public AlertSnapshot ToSnapshot() => new(
            ProjectId,
            RuleName,
            Enum.Parse<Severity>(Severity),
            ConditionText,
            new AlertState(Enum.Parse<AlertStatus>(Status), FromMilliseconds(ActiveAt), FromMilliseconds(FiringSince), FromMilliseconds(ClearingSince), FromMilliseconds(LastNotifiedAt), FiringNotified != 0),
            ValueText,
            Silenced != 0,
            FromMilliseconds(EvaluatedAt));
    }

    private sealed record SilenceRow(long Id, long ProjectId, string Matchers, long StartsAt, long EndsAt, string Reason, string CreatedBy, long CreatedAt)
    {
        public Silence ToSilence()
        {
            var matchers = JsonSerializer.Deserialize<string[]>(Matchers, Json)!
                .Select(text => Matcher.TryParse(text, out var matcher, out var error) ? matcher! : throw new InvalidDataException($"Silence {Id}: {error}"))
                .ToList();
            return new Silence(Id, ProjectId, matchers, FromMilliseconds(StartsAt), FromMilliseconds(EndsAt), Reason, CreatedBy, FromMilliseconds(CreatedAt));
        }
    }

    private sealed record NotificationRow(
        long Id, long ProjectId, string Destination, string Message, string Status, long Attempts, long NextAttemptAt,
        string? LastError, long CreatedAt, long GiveUpAt, long? SentAt)
    {
        public OutboxNotification ToNotification() => new(
            Id,
            ProjectId,
            JsonSerializer.Deserialize<Destination>(Destination, Json)!,
            JsonSerializer.Deserialize<NotificationMessage>(Message, Json)!,
            Enum.Parse<NotificationStatus>(Status),
            (int)Attempts,
            FromMilliseconds(NextAttemptAt),
            LastError,
            FromMilliseconds(CreatedAt),
            FromMilliseconds(GiveUpAt),
            FromMilliseconds(SentAt));
    }
}
