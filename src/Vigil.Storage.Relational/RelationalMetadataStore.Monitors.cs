using Dapper;
using Vigil.Core.Monitors;
using Vigil.Core.Storage;

namespace Vigil.Storage.Relational;

public abstract partial class RelationalMetadataStore : IMonitorStore
{
    private const string MonitorColumns = """
        id AS Id, project_id AS ProjectId, name AS Name, kind AS Kind, interval_seconds AS IntervalSeconds, timeout_seconds AS TimeoutSeconds,
        url AS Url, method AS Method, expected_status AS ExpectedStatus, keyword AS Keyword, max_latency_ms AS MaxLatencyMs,
        follow_redirects AS FollowRedirects, ignore_certificate_errors AS IgnoreCertificateErrors, host AS Host, port AS Port,
        warn_days AS WarnDays, period_seconds AS PeriodSeconds, grace_seconds AS GraceSeconds, token AS Token,
        last_ping_at AS LastPingAt, last_ping_failed AS LastPingFailed, created_at AS CreatedAt
        """;

    public async Task<IReadOnlyList<MonitorDefinition>> ListMonitorsAsync(long? projectId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<MonitorRow>(new CommandDefinition(
            $"SELECT {MonitorColumns} FROM monitors WHERE @projectId IS NULL OR project_id = @projectId ORDER BY project_id, name, id",
            new { projectId }, cancellationToken: cancellationToken));
        return rows.Select(row => row.ToMonitor()).ToList();
    }

    public async Task<MonitorDefinition?> FindMonitorAsync(long projectId, long monitorId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<MonitorRow>(new CommandDefinition(
            $"SELECT {MonitorColumns} FROM monitors WHERE project_id = @projectId AND id = @monitorId",
            new { projectId, monitorId }, cancellationToken: cancellationToken));
        return row?.ToMonitor();
    }

    public async Task<MonitorDefinition?> CreateMonitorAsync(MonitorDefinition monitor, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        // The unique name is checked by the insert itself, so two nodes creating the same name at once get one monitor.
        var id = await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
            """
            INSERT INTO monitors (project_id, name, kind, interval_seconds, timeout_seconds, url, method, expected_status, keyword,
                max_latency_ms, follow_redirects, ignore_certificate_errors, host, port, warn_days, period_seconds, grace_seconds,
                token, last_ping_at, last_ping_failed, created_at)
            VALUES (@ProjectId, @Name, @Kind, @IntervalSeconds, @TimeoutSeconds, @Url, @Method, @ExpectedStatus, @Keyword,
                @MaxLatencyMs, @FollowRedirects, @IgnoreCertificateErrors, @Host, @Port, @WarnDays, @PeriodSeconds, @GraceSeconds,
                @Token, NULL, 0, @CreatedAt)
            ON CONFLICT (project_id, name) DO NOTHING
            RETURNING id
            """,
            MonitorRow.From(monitor), cancellationToken: cancellationToken));
        return id is { } created ? monitor with { Id = created, LastPingAt = null, LastPingFailed = false } : null;
    }

    public async Task<MonitorSaveOutcome> UpdateMonitorAsync(MonitorDefinition monitor, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var (exists, taken) = await connection.QuerySingleAsync<(long, long)>(new CommandDefinition(
            """
            SELECT (SELECT COUNT(*) FROM monitors WHERE project_id = @ProjectId AND id = @Id),
                   (SELECT COUNT(*) FROM monitors WHERE project_id = @ProjectId AND name = @Name AND id <> @Id)
            """,
            MonitorRow.From(monitor), transaction, cancellationToken: cancellationToken));
        if (exists == 0)
        {
            return MonitorSaveOutcome.NotFound;
        }
        if (taken > 0)
        {
            return MonitorSaveOutcome.NameTaken;
        }
        var updated = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE monitors SET name = @Name, kind = @Kind, interval_seconds = @IntervalSeconds, timeout_seconds = @TimeoutSeconds,
                url = @Url, method = @Method, expected_status = @ExpectedStatus, keyword = @Keyword, max_latency_ms = @MaxLatencyMs,
                follow_redirects = @FollowRedirects, ignore_certificate_errors = @IgnoreCertificateErrors, host = @Host, port = @Port,
                warn_days = @WarnDays, period_seconds = @PeriodSeconds, grace_seconds = @GraceSeconds,
                token = COALESCE(token, @Token)
            WHERE project_id = @ProjectId AND id = @Id
            """,
            MonitorRow.From(monitor), transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return updated == 1 ? MonitorSaveOutcome.Saved : MonitorSaveOutcome.NotFound;
    }

    public async Task<bool> DeleteMonitorAsync(long projectId, long monitorId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM monitors WHERE project_id = @projectId AND id = @monitorId", new { projectId, monitorId }, cancellationToken: cancellationToken)) == 1;
    }

    public async Task<MonitorDefinition?> RecordPingAsync(string token, DateTimeOffset at, bool failed, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<MonitorRow>(new CommandDefinition(
            $"""
            UPDATE monitors SET last_ping_at = @at, last_ping_failed = @failed
            WHERE token = @token AND kind = 'Heartbeat'
            RETURNING {MonitorColumns}
            """,
            new { token, at = at.ToUnixTimeMilliseconds(), failed = failed ? 1 : 0 }, cancellationToken: cancellationToken));
        return row?.ToMonitor();
    }

    /// <summary>The flat row; booleans are integers (0/1) so both engines store them alike.</summary>
    private sealed class MonitorRow
    {
        public long Id { get; init; }
        public long ProjectId { get; init; }
        public string Name { get; init; } = "";
        public string Kind { get; init; } = "";
        public long IntervalSeconds { get; init; }
        public long TimeoutSeconds { get; init; }
        public string? Url { get; init; }
        public string Method { get; init; } = "";
        public string ExpectedStatus { get; init; } = "";
        public string? Keyword { get; init; }
        public double? MaxLatencyMs { get; init; }
        public long FollowRedirects { get; init; }
        public long IgnoreCertificateErrors { get; init; }
        public string? Host { get; init; }
        public long? Port { get; init; }
        public long WarnDays { get; init; }
        public long? PeriodSeconds { get; init; }
        public long? GraceSeconds { get; init; }
        public string? Token { get; init; }
        public long? LastPingAt { get; init; }
        public long LastPingFailed { get; init; }
        public long CreatedAt { get; init; }

        public static MonitorRow From(MonitorDefinition monitor) => new()
        {
            Id = monitor.Id,
            ProjectId = monitor.ProjectId,
            Name = monitor.Name,
            Kind = monitor.Kind.ToString(),
            IntervalSeconds = (long)monitor.Interval.TotalSeconds,
            TimeoutSeconds = (long)monitor.Timeout.TotalSeconds,
            Url = monitor.Url,
            Method = monitor.Method,
            ExpectedStatus = monitor.ExpectedStatus.ToString(),
            Keyword = monitor.Keyword,
            MaxLatencyMs = monitor.MaxLatencyMs,
            FollowRedirects = monitor.FollowRedirects ? 1 : 0,
            IgnoreCertificateErrors = monitor.IgnoreCertificateErrors ? 1 : 0,
            Host = monitor.Host,
            Port = monitor.Port,
            WarnDays = monitor.WarnDays,
            PeriodSeconds = monitor.Period is { } period ? (long)period.TotalSeconds : null,
            GraceSeconds = monitor.Grace is { } grace ? (long)grace.TotalSeconds : null,
            Token = monitor.Token,
            CreatedAt = monitor.CreatedAt.ToUnixTimeMilliseconds(),
        };

        public MonitorDefinition ToMonitor() => new()
        {
            Id = Id,
            ProjectId = ProjectId,
            Name = Name,
            Kind = Enum.Parse<MonitorKind>(Kind),
            Interval = TimeSpan.FromSeconds(IntervalSeconds),
            Timeout = TimeSpan.FromSeconds(TimeoutSeconds),
            Url = Url,
            Method = Method,
            // Stored only after validation, so the text always parses.
            ExpectedStatus = StatusRanges.TryParse(ExpectedStatus, out var expected, out _) ? expected : StatusRanges.Default,
            Keyword = Keyword,
            MaxLatencyMs = MaxLatencyMs,
            FollowRedirects = FollowRedirects != 0,
            IgnoreCertificateErrors = IgnoreCertificateErrors != 0,
            Host = Host,
            Port = (int?)Port,
            WarnDays = (int)WarnDays,
            Period = PeriodSeconds is { } period ? TimeSpan.FromSeconds(period) : null,
            Grace = GraceSeconds is { } grace ? TimeSpan.FromSeconds(grace) : null,
            Token = Token,
            LastPingAt = LastPingAt is { } ping ? DateTimeOffset.FromUnixTimeMilliseconds(ping) : null,
            LastPingFailed = LastPingFailed != 0,
            CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(CreatedAt),
        };
    }
}
