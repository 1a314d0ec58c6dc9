using System.Globalization;
using System.Runtime.CompilerServices;
using Dapper;
using Microsoft.Data.Sqlite;
using Vigil.Core.Errors;
using Vigil.Core.Ingest;
using Vigil.Core.Metrics;
using Vigil.Core.Monitors;
using Vigil.Core.Routes;
using Vigil.Core.Series;
using Vigil.Core.Storage;
using Vigil.Core.WebVitals;

namespace Vigil.Storage.Sqlite;

/// <summary>
/// Raw rows plus rollups in the embedded file. Raw events and requests carry no secondary index: the dashboard
/// reads only rollups, and an index costs every insert (the product KPIs read events through rollups of their own;
/// see SqliteEventRollups). Instants are stored as
/// Unix milliseconds (raw rows) or Unix seconds (bucket starts); a local date is stored as its day number.
/// </summary>
public sealed partial class SqliteTelemetryStore(SqliteDatabase database) : ITelemetryStore, IAsyncDisposable
{
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            project_id INTEGER NOT NULL,
            name TEXT NOT NULL,
            distinct_id TEXT NOT NULL,
            ts INTEGER NOT NULL,
            properties TEXT NOT NULL);
        CREATE TABLE requests (
            id INTEGER PRIMARY KEY,
            project_id INTEGER NOT NULL,
            ts INTEGER NOT NULL,
            method TEXT NOT NULL,
            route TEXT NOT NULL,
            status INTEGER NOT NULL,
            duration_ms REAL NOT NULL);
        CREATE TABLE event_counts (
            project_id INTEGER NOT NULL,
            granularity INTEGER NOT NULL,
            name TEXT NOT NULL,
            bucket INTEGER NOT NULL,
            count INTEGER NOT NULL,
            PRIMARY KEY (project_id, granularity, name, bucket)) WITHOUT ROWID;
        CREATE TABLE property_counts (
            project_id INTEGER NOT NULL,
            name TEXT NOT NULL,
            property TEXT NOT NULL,
            bucket INTEGER NOT NULL,
            value TEXT NOT NULL,
            count INTEGER NOT NULL,
            PRIMARY KEY (project_id, name, property, bucket, value)) WITHOUT ROWID;
        CREATE TABLE user_numbers (
            project_id INTEGER NOT NULL,
            distinct_id TEXT NOT NULL,
            number INTEGER NOT NULL,
            PRIMARY KEY (project_id, distinct_id)) WITHOUT ROWID;
        CREATE TABLE bucket_members (
            project_id INTEGER NOT NULL,
            granularity INTEGER NOT NULL,
            bucket INTEGER NOT NULL,
            chunk INTEGER NOT NULL,
            members BLOB NOT NULL,
            PRIMARY KEY (project_id, granularity, bucket, chunk)) WITHOUT ROWID;
        CREATE TABLE user_counts (
            project_id INTEGER NOT NULL,
            granularity INTEGER NOT NULL,
            bucket INTEGER NOT NULL,
            users INTEGER NOT NULL,
            PRIMARY KEY (project_id, granularity, bucket)) WITHOUT ROWID;
        CREATE TABLE request_rollups (
            project_id INTEGER NOT NULL,
            granularity INTEGER NOT NULL,
            bucket INTEGER NOT NULL,
            count INTEGER NOT NULL,
            server_errors INTEGER NOT NULL,
            client_errors INTEGER NOT NULL,
            sum_ms REAL NOT NULL,
            sketch BLOB NOT NULL,
            PRIMARY KEY (project_id, granularity, bucket)) WITHOUT ROWID;
        CREATE TABLE probe_results (
            id INTEGER PRIMARY KEY,
            project_id INTEGER NOT NULL,
            ts INTEGER NOT NULL,
            up INTEGER NOT NULL,
            status INTEGER,
            duration_ms REAL NOT NULL,
            error TEXT);
        CREATE INDEX probe_results_by_project_time ON probe_results (project_id, ts);
        """,
        """
        CREATE TABLE errors (
            id INTEGER PRIMARY KEY,
            project_id INTEGER NOT NULL,
            fingerprint TEXT NOT NULL,
            ts INTEGER NOT NULL,
            source TEXT NOT NULL,
            level TEXT NOT NULL,
            type TEXT,
            message TEXT NOT NULL,
            distinct_id TEXT,
            trace_id TEXT,
            release TEXT,
            environment TEXT,
            frames TEXT NOT NULL);
        CREATE INDEX errors_by_issue_time ON errors (project_id, fingerprint, ts);
        CREATE INDEX errors_by_project_time ON errors (project_id, ts);
        """,
        """
        CREATE TABLE web_vitals (
            id INTEGER PRIMARY KEY,
            project_id INTEGER NOT NULL,
            ts INTEGER NOT NULL,
            metric INTEGER NOT NULL,
            page TEXT NOT NULL,
            value REAL NOT NULL,
            distinct_id TEXT);
        CREATE TABLE web_vital_hours (
            project_id INTEGER NOT NULL,
            metric INTEGER NOT NULL,
            page TEXT NOT NULL,
            hour INTEGER NOT NULL,
            good INTEGER NOT NULL,
            needs_improvement INTEGER NOT NULL,
            poor INTEGER NOT NULL,
            sketch BLOB NOT NULL,
            PRIMARY KEY (project_id, hour, metric, page)) WITHOUT ROWID;
        """,
        """
        CREATE TABLE monitor_results (
            id INTEGER PRIMARY KEY,
            project_id INTEGER NOT NULL,
            monitor_id INTEGER NOT NULL,
            ts INTEGER NOT NULL,
            state INTEGER NOT NULL,
            http_status INTEGER,
            duration_ms REAL,
            sketch_bucket INTEGER,
            reason TEXT,
            certificate_days_left INTEGER);
        CREATE INDEX monitor_results_by_monitor_time ON monitor_results (monitor_id, ts);
        CREATE INDEX monitor_results_by_project_time ON monitor_results (project_id, ts);
        """,
        // The full-text index keeps no copy of the bodies (external content), and the triggers keep it in step with
        // every insert and delete inside the same transaction.
        """
        CREATE TABLE logs (
            id INTEGER PRIMARY KEY,
            project_id INTEGER NOT NULL,
            ts INTEGER NOT NULL,
            observed_ts INTEGER NOT NULL,
            severity_number INTEGER NOT NULL,
            severity_text TEXT NOT NULL,
            level INTEGER NOT NULL,
            body TEXT NOT NULL,
            service TEXT NOT NULL,
            trace_id TEXT,
            span_id TEXT,
            attributes TEXT NOT NULL);
        CREATE INDEX logs_by_project_time ON logs (project_id, ts);
        CREATE INDEX logs_by_project_trace ON logs (project_id, trace_id) WHERE trace_id IS NOT NULL;
        CREATE VIRTUAL TABLE logs_fts USING fts5(body, content='logs', content_rowid='id');
        CREATE TRIGGER logs_fts_insert AFTER INSERT ON logs BEGIN
            INSERT INTO logs_fts (rowid, body) VALUES (new.id, new.body);
        END;
        CREATE TRIGGER logs_fts_delete AFTER DELETE ON logs BEGIN
            INSERT INTO logs_fts (logs_fts, rowid, body) VALUES ('delete', old.id, old.body);
        END;
        """,
        """
        CREATE TABLE metric_series (
            project_id INTEGER NOT NULL,
            series_id INTEGER NOT NULL,
            name TEXT NOT NULL,
            labels TEXT NOT NULL,
            kind INTEGER NOT NULL,
            unit TEXT NOT NULL,
            state_time INTEGER,
            state_start INTEGER,
            state_value REAL,
            state_count INTEGER,
            state_sum REAL,
            state_sketch BLOB,
            PRIMARY KEY (project_id, series_id)) WITHOUT ROWID;
        CREATE INDEX metric_series_by_name ON metric_series (project_id, name);
        CREATE TABLE metric_minutes (
            project_id INTEGER NOT NULL,
            series_id INTEGER NOT NULL,
            minute INTEGER NOT NULL,
            count INTEGER NOT NULL,
            sum REAL NOT NULL,
            min REAL NOT NULL,
            max REAL NOT NULL,
            last REAL NOT NULL,
            last_time INTEGER NOT NULL,
            sketch BLOB,
            PRIMARY KEY (project_id, series_id, minute)) WITHOUT ROWID;
        """,
        // Was the product KPIs' index on events (project_id, name): it cost ingest a third of its capacity and the
        // latency target (bench/RESULTS.md, issue 6), and the KPIs read SqliteEventRollups' tables instead. A file
        // that has not come this far never builds it; one that has drops it in the migration that adds those tables.
        "DROP INDEX IF EXISTS events_by_project_name",
        // The word search's bound on how new a line of lower id can be (SqliteTelemetryStore.LogWords.cs). A deleted
        // line leaves its block's times as they were: they stay a bound.
        """
        CREATE TABLE log_id_blocks (
            project_id INTEGER NOT NULL,
            block INTEGER NOT NULL,
            min_ts INTEGER NOT NULL,
            max_ts INTEGER NOT NULL,
            PRIMARY KEY (project_id, block)) WITHOUT ROWID;
        INSERT INTO log_id_blocks SELECT project_id, id >> 10, min(ts), max(ts) FROM logs GROUP BY project_id, id >> 10;
        CREATE TRIGGER logs_id_blocks_insert AFTER INSERT ON logs BEGIN
            INSERT INTO log_id_blocks VALUES (new.project_id, new.id >> 10, new.ts, new.ts)
            ON CONFLICT (project_id, block) DO UPDATE SET min_ts = min(min_ts, excluded.min_ts), max_ts = max(max_ts, excluded.max_ts);
        END;
        """,
        // The product KPIs' rollups (SqliteEventRollups), built once over the events already stored. SQLite takes
        // event_id from the row holding MIN(ts).
        """
        DROP INDEX IF EXISTS events_by_project_name;
        CREATE TABLE event_id_blocks (
            project_id INTEGER NOT NULL,
            block INTEGER NOT NULL,
            min_ts INTEGER NOT NULL,
            max_ts INTEGER NOT NULL,
            PRIMARY KEY (project_id, block)) WITHOUT ROWID;
        INSERT INTO event_id_blocks SELECT project_id, id >> 10, min(ts), max(ts) FROM events GROUP BY project_id, id >> 10;
        CREATE TABLE user_first_events (
            project_id INTEGER NOT NULL,
            name TEXT NOT NULL,
            distinct_id TEXT NOT NULL,
            ts INTEGER NOT NULL,
            event_id INTEGER NOT NULL,
            PRIMARY KEY (project_id, name, distinct_id)) WITHOUT ROWID;
        INSERT INTO user_first_events SELECT project_id, name, distinct_id, min(ts), id FROM events WHERE substr(name, 1, 1) <> '$' GROUP BY project_id, name, distinct_id;
        """,
        // Per-route numbers (SqliteWriter.WriteRouteHours) count requests from here on: a sketch cannot be built in SQL
        // from the requests already stored. slowest holds the hour's slowest requests as JSON (SlowRequestJson).
        """
        ALTER TABLE requests ADD COLUMN trace_id TEXT;
        CREATE TABLE route_hours (
            project_id INTEGER NOT NULL,
            hour INTEGER NOT NULL,
            method TEXT NOT NULL,
            route TEXT NOT NULL,
            count INTEGER NOT NULL,
            client_errors INTEGER NOT NULL,
            server_errors INTEGER NOT NULL,
            sum_ms REAL NOT NULL,
            sketch BLOB NOT NULL,
            slowest TEXT NOT NULL,
            PRIMARY KEY (project_id, hour, method, route)) WITHOUT ROWID;
        """,
    ];

    // bucket_members and user_counts rows for local days use this granularity code, with the day number as bucket.
    private const int DayGranularity = (int)Granularity.Day;

    // 4 MiB of 4 KiB pages: copying that and syncing the file holds commits back for a few milliseconds.
    private const long FramesToFinishUnderWriteLock = 1024;
    private const int MaxBulkCheckpointRounds = 4;

    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private SqliteWriter? _writer;

    // Reused for every commit: with many users its tables grow past the large-object threshold, and allocating
    // them afresh per commit drove gen-2 collections. Only the write lock holder touches it.
    private readonly RollupSet _rollups = new();

    public Task MigrateAsync(CancellationToken cancellationToken) => database.MigrateAsync("telemetry", Migrations, cancellationToken);

    public async Task WriteAsync(IngestBatch batch, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            _writer ??= await SqliteWriter.OpenAsync(database, cancellationToken);
            try
            {
                _rollups.Clear();
                _rollups.Add(batch.Events, batch.Requests, batch.ZoneOf);
                _writer.Write(batch, _rollups);
            }
            catch
            {
                // A failed write may leave the connection in any state: start afresh next time.
                await _writer.DisposeAsync();
                _writer = null;
                throw;
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>
    /// Keeps the WAL short under sustained ingest. SQLite starts the WAL over from its beginning only when a write
    /// begins with every frame already copied, which a background checkpoint alone never achieves while commits keep
    /// appending (the WAL grew by over 1 GB a minute at 100k events/s). So the bulk is copied without blocking anyone,
    /// and once little is left the rest is copied while commits wait for the write lock (even when nothing is left:
    /// the commit under way when the bulk copy ended has appended frames since): a short pause that lets the next
    /// commit reuse the file instead of growing it.
    /// </summary>
    public async Task CheckpointAsync(CancellationToken cancellationToken)
    {
        var left = await database.CheckpointAsync(cancellationToken);
        for (var round = 1; round < MaxBulkCheckpointRounds && left > FramesToFinishUnderWriteLock; round++)
        {
            left = await database.CheckpointAsync(cancellationToken);
        }
        if (left > FramesToFinishUnderWriteLock)
        {
            return;
        }

        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await database.CheckpointAsync(cancellationToken);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async Task<IReadOnlyList<CountBucket>> ReadEventCountsAsync(long projectId, string eventName, DateTimeOffset from, DateTimeOffset to, Granularity granularity, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenReadAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long Bucket, long Count)>(new CommandDefinition(
            """
            SELECT bucket, count FROM event_counts
            WHERE project_id = @projectId AND granularity = @granularity AND name = @eventName AND bucket >= @from AND bucket < @to
            ORDER BY bucket
            """,
            new { projectId, granularity = (int)granularity, eventName, from = from.ToUnixTimeSeconds(), to = to.ToUnixTimeSeconds() },
            cancellationToken: cancellationToken));
        return rows.Select(row => new CountBucket(DateTimeOffset.FromUnixTimeSeconds(row.Bucket), row.Count)).ToList();
    }

    public async Task<IReadOnlyList<RequestBucket>> ReadRequestBucketsAsync(long projectId, DateTimeOffset from, DateTimeOffset to, Granularity granularity, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenReadAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long Bucket, long Count, long ServerErrors, long ClientErrors, double SumMs, byte[] Sketch)>(new CommandDefinition(
            """
            SELECT bucket, count, server_errors, client_errors, sum_ms, sketch FROM request_rollups
            WHERE project_id = @projectId AND granularity = @granularity AND bucket >= @from AND bucket < @to
            ORDER BY bucket
            """,
            new { projectId, granularity = (int)granularity, from = from.ToUnixTimeSeconds(), to = to.ToUnixTimeSeconds() },
            cancellationToken: cancellationToken));
        return rows.Select(row => new RequestBucket(
            DateTimeOffset.FromUnixTimeSeconds(row.Bucket),
            new RequestAggregate
            {
                Count = row.Count,
                ServerErrors = row.ServerErrors,
                ClientErrors = row.ClientErrors,
                SumMs = row.SumMs,
                Sketch = LatencySketch.FromBytes(row.Sketch),
            })).ToList();
    }

    public async Task<IReadOnlyDictionary<long, long>> CountDistinctUsersAsync(IReadOnlyCollection<long> projectIds, DateTimeOffset from, DateTimeOffset to, Granularity granularity, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenReadAsync(cancellationToken);
        var chunks = await connection.QueryAsync<(long ProjectId, byte[] Members)>(new CommandDefinition(
            $"""
            SELECT project_id, members FROM bucket_members
            WHERE project_id IN ({Ids(projectIds)}) AND granularity = @granularity AND bucket >= @from AND bucket < @to
            """,
            new { granularity = (int)granularity, from = from.ToUnixTimeSeconds(), to = to.ToUnixTimeSeconds() },
            cancellationToken: cancellationToken));
        var users = new Dictionary<long, HashSet<int>>();
        foreach (var (projectId, members) in chunks)
        {
            if (!users.TryGetValue(projectId, out var set))
            {
                users[projectId] = set = [];
            }
            SqliteUserSets.Decode(members, set);
        }
        return users.ToDictionary(pair => pair.Key, pair => (long)pair.Value.Count);
    }

    public async Task<IReadOnlyDictionary<long, RequestAggregate>> ReadRequestTotalsAsync(IReadOnlyCollection<long> projectIds, DateTimeOffset from, DateTimeOffset to, Granularity granularity, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenReadAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long ProjectId, long Count, long ServerErrors, long ClientErrors, double SumMs, byte[] Sketch)>(new CommandDefinition(
            $"""
            SELECT project_id, count, server_errors, client_errors, sum_ms, sketch FROM request_rollups
            WHERE project_id IN ({Ids(projectIds)}) AND granularity = @granularity AND bucket >= @from AND bucket < @to
            """,
            new { granularity = (int)granularity, from = from.ToUnixTimeSeconds(), to = to.ToUnixTimeSeconds() },
            cancellationToken: cancellationToken));
        var totals = new Dictionary<long, RequestAggregate>();
        foreach (var row in rows)
        {
            if (!totals.TryGetValue(row.ProjectId, out var total))
            {
                totals[row.ProjectId] = total = new RequestAggregate();
            }
            total.Merge(new RequestAggregate
            {
                Count = row.Count,
                ServerErrors = row.ServerErrors,
                ClientErrors = row.ClientErrors,
                SumMs = row.SumMs,
                Sketch = LatencySketch.FromBytes(row.Sketch),
            });
        }
        return totals;
    }

    public async Task<IReadOnlyDictionary<(long ProjectId, string EventName), long>> ReadEventTotalsAsync(
        IReadOnlyCollection<long> projectIds, IReadOnlyCollection<string> eventNames, DateTimeOffset from, DateTimeOffset to, Granularity granularity, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenReadAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long ProjectId, string Name, long Count)>(new CommandDefinition(
            $"""
            SELECT project_id, name, SUM(count) FROM event_counts
            WHERE project_id IN ({Ids(projectIds)}) AND granularity = @granularity AND name IN @eventNames AND bucket >= @from AND bucket < @to
            GROUP BY project_id, name
            """,
            new { eventNames, granularity = (int)granularity, from = from.ToUnixTimeSeconds(), to = to.ToUnixTimeSeconds() },
            cancellationToken: cancellationToken));
        return rows.ToDictionary(row => (row.ProjectId, row.Name), row => row.Count);
    }

    public async Task<IReadOnlyList<CountBucket>> ReadDistinctUsersPerBucketAsync(long projectId, DateTimeOffset from, DateTimeOffset to, Granularity granularity, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenReadAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long Bucket, long Users)>(new CommandDefinition(
            """
            SELECT bucket, users FROM user_counts
            WHERE project_id = @projectId AND granularity = @granularity AND bucket >= @from AND bucket < @to
            ORDER BY bucket
            """,
            new { projectId, granularity = (int)granularity, from = from.ToUnixTimeSeconds(), to = to.ToUnixTimeSeconds() },
            cancellationToken: cancellationToken));
        return rows.Select(row => new CountBucket(DateTimeOffset.FromUnixTimeSeconds(row.Bucket), row.Users)).ToList();
    }

    public async Task<IReadOnlyList<(DateOnly Date, long Users)>> ReadDistinctUsersPerDayAsync(long projectId, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenReadAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long Day, long Users)>(new CommandDefinition(
            """
            SELECT bucket, users FROM user_counts
            WHERE project_id = @projectId AND granularity = @granularity AND bucket >= @from AND bucket <= @to
            ORDER BY bucket
            """,
            new { projectId, granularity = DayGranularity, from = from.DayNumber, to = to.DayNumber },
            cancellationToken: cancellationToken));
        return rows.Select(row => (DateOnly.FromDayNumber((int)row.Day), row.Users)).ToList();
    }

    public async Task<IReadOnlyList<PropertyCount>> ReadPropertyCountsAsync(long projectId, string eventName, string propertyName, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenReadAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Value, long Count)>(new CommandDefinition(
            """
            SELECT value, SUM(count) FROM property_counts
            WHERE project_id = @projectId AND name = @eventName AND property = @propertyName AND bucket >= @from AND bucket < @to
            GROUP BY value
            """,
            new { projectId, eventName, propertyName, from = from.ToUnixTimeSeconds(), to = to.ToUnixTimeSeconds() },
            cancellationToken: cancellationToken));
        return rows.Select(row => new PropertyCount(row.Value, row.Count)).ToList();
    }

    public async Task<IReadOnlyDictionary<long, ProbeSummary>> ReadProbeSummariesAsync(IReadOnlyCollection<long> projectIds, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenReadAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long ProjectId, long Total, long Up)>(new CommandDefinition(
            $"""
            SELECT project_id, COUNT(*), SUM(up) FROM (
                SELECT project_id, up FROM probe_results WHERE project_id IN ({Ids(projectIds)}) AND ts > @from AND ts <= @to
                UNION ALL
                SELECT project_id, state <> 0 FROM monitor_results WHERE project_id IN ({Ids(projectIds)}) AND ts > @from AND ts <= @to)
            GROUP BY project_id
            """,
            new { from = from.ToUnixTimeMilliseconds(), to = to.ToUnixTimeMilliseconds() },
            cancellationToken: cancellationToken));
        return rows.ToDictionary(row => row.ProjectId, row => new ProbeSummary(row.Total, row.Up));
    }

    public async Task WriteMonitorResultAsync(MonitorResult result, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO monitor_results (project_id, monitor_id, ts, state, http_status, duration_ms, sketch_bucket, reason, certificate_days_left)
            VALUES (@ProjectId, @MonitorId, @Ts, @State, @HttpStatus, @DurationMs, @SketchBucket, @Reason, @CertificateDaysLeft)
            """,
            new
            {
                result.ProjectId,
                result.MonitorId,
                Ts = result.Timestamp.ToUnixTimeMilliseconds(),
                State = (int)result.State,
                result.HttpStatus,
                result.DurationMs,
                result.SketchBucket,
                result.Reason,
                result.CertificateDaysLeft,
            },
            cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyDictionary<long, MonitorSummary>> ReadMonitorSummariesAsync(IReadOnlyCollection<long> monitorIds, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenReadAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long MonitorId, long? SketchBucket, long Checks, long Up, long Timed, double? SumMs)>(new CommandDefinition(
            $"""
            SELECT monitor_id, sketch_bucket, COUNT(*), SUM(state <> 0), COUNT(duration_ms), SUM(duration_ms) FROM monitor_results
            WHERE monitor_id IN ({Ids(monitorIds)}) AND ts > @from AND ts <= @to
            GROUP BY monitor_id, sketch_bucket
            """,
            new { from = from.ToUnixTimeMilliseconds(), to = to.ToUnixTimeMilliseconds() },
            cancellationToken: cancellationToken));
        var summaries = new Dictionary<long, MonitorSummary>();
        foreach (var row in rows)
        {
            if (!summaries.TryGetValue(row.MonitorId, out var summary))
            {
                summaries[row.MonitorId] = summary = new MonitorSummary();
            }
            summary.Add((int?)row.SketchBucket, row.Checks, row.Up, row.Timed, row.SumMs ?? 0);
        }
        return summaries;
    }

    public async Task<IReadOnlyDictionary<long, MonitorResult>> ReadLatestMonitorResultsAsync(IReadOnlyCollection<long> monitorIds, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenReadAsync(cancellationToken);
        // SQLite fills the other columns of an aggregate query with MAX() from the row holding the maximum.
        var rows = await connection.QueryAsync<MonitorResultRow>(new CommandDefinition(
            $"""
            SELECT project_id AS ProjectId, monitor_id AS MonitorId, MAX(ts) AS Ts, state AS State, http_status AS HttpStatus, duration_ms AS DurationMs,
                   reason AS Reason, certificate_days_left AS CertificateDaysLeft
            FROM monitor_results WHERE monitor_id IN ({Ids(monitorIds)}) AND ts > @from AND ts <= @to
            GROUP BY monitor_id
            """,
            new { from = from.ToUnixTimeMilliseconds(), to = to.ToUnixTimeMilliseconds() },
            cancellationToken: cancellationToken));
        return rows.ToDictionary(row => row.MonitorId, row => row.ToResult());
    }

    public async Task<IReadOnlyList<MonitorResult>> ReadMonitorResultsAsync(long monitorId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenReadAsync(cancellationToken);
        var rows = await connection.QueryAsync<MonitorResultRow>(new CommandDefinition(
            $"""
            SELECT {MonitorResultColumns} FROM monitor_results
            WHERE monitor_id = @monitorId AND ts > @from AND ts <= @to ORDER BY ts, id
            """,
            new { monitorId, from = from.ToUnixTimeMilliseconds(), to = to.ToUnixTimeMilliseconds() },
            cancellationToken: cancellationToken));
        return rows.Select(row => row.ToResult()).ToList();
    }

    private const string MonitorResultColumns = """
        project_id AS ProjectId, monitor_id AS MonitorId, ts AS Ts, state AS State, http_status AS HttpStatus, duration_ms AS DurationMs,
        reason AS Reason, certificate_days_left AS CertificateDaysLeft
        """;

    private sealed class MonitorResultRow
    {
        public long Id { get; init; }
        public long ProjectId { get; init; }
        public long MonitorId { get; init; }
        public long Ts { get; init; }
        public long State { get; init; }
        public long? HttpStatus { get; init; }
        public double? DurationMs { get; init; }
        public string? Reason { get; init; }
        public long? CertificateDaysLeft { get; init; }

        public MonitorResult ToResult() => new(
            ProjectId, MonitorId, DateTimeOffset.FromUnixTimeMilliseconds(Ts), (MonitorState)State, (int?)HttpStatus, DurationMs, Reason, (int?)CertificateDaysLeft);
    }

    public async Task<IReadOnlyList<ErrorGroupTotals>> ReadErrorGroupsAsync(long projectId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenReadAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Fingerprint, long Count, long Users, long First, long Last)>(new CommandDefinition(
            """
            SELECT fingerprint, COUNT(*), COUNT(DISTINCT distinct_id), MIN(ts), MAX(ts) FROM errors
            WHERE project_id = @projectId AND ts >= @from AND ts < @to
            GROUP BY fingerprint
            """,
            new { projectId, from = from.ToUnixTimeMilliseconds(), to = to.ToUnixTimeMilliseconds() },
            cancellationToken: cancellationToken));
        return rows.Select(row => new ErrorGroupTotals(
            row.Fingerprint, row.Count, row.Users, DateTimeOffset.FromUnixTimeMilliseconds(row.First), DateTimeOffset.FromUnixTimeMilliseconds(row.Last))).ToList();
    }

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<CountBucket>>> ReadErrorHourlyCountsAsync(long projectId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenReadAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Fingerprint, long Hour, long Count)>(new CommandDefinition(
            """
            SELECT fingerprint, ts / 3600000, COUNT(*) FROM errors
            WHERE project_id = @projectId AND ts >= @from AND ts < @to
            GROUP BY fingerprint, ts / 3600000 ORDER BY 1, 2
            """,
            new { projectId, from = from.ToUnixTimeMilliseconds(), to = to.ToUnixTimeMilliseconds() },
            cancellationToken: cancellationToken));
        return ErrorHours(rows);
    }

    public async Task<IReadOnlyList<ErrorEvent>> ReadErrorSamplesAsync(long projectId, string fingerprint, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenReadAsync(cancellationToken);
        var rows = await connection.QueryAsync<ErrorRow>(new CommandDefinition(
            """
            SELECT ts AS Ts, source AS Source, level AS Level, type AS Type, message AS Message, distinct_id AS DistinctId,
                   trace_id AS TraceId, release AS Release, environment AS Environment, frames AS Frames
            FROM errors WHERE project_id = @projectId AND fingerprint = @fingerprint
            ORDER BY ts DESC, id DESC LIMIT @limit
            """,
            new { projectId, fingerprint, limit },
            cancellationToken: cancellationToken));
        return rows.Select(row => new ErrorEvent(
            projectId, DateTimeOffset.FromUnixTimeMilliseconds(row.Ts), fingerprint, row.Source, row.Level, row.Type, row.Message,
            row.DistinctId, row.TraceId, row.Release, row.Environment, ErrorFrameJson.Deserialize(row.Frames))).ToList();
    }

    private static Dictionary<string, IReadOnlyList<CountBucket>> ErrorHours(IEnumerable<(string Fingerprint, long Hour, long Count)> rows) =>
        rows.GroupBy(row => row.Fingerprint).ToDictionary(
            issue => issue.Key,
            issue => (IReadOnlyList<CountBucket>)issue.Select(row => new CountBucket(DateTimeOffset.FromUnixTimeSeconds(row.Hour * 3600), row.Count)).ToList());

    public async Task<IReadOnlyList<WebVitalTotals>> ReadWebVitalsAsync(long projectId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenReadAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long Metric, string Page, long Good, long NeedsImprovement, long Poor, byte[] Sketch)>(new CommandDefinition(
            "SELECT metric, page, good, needs_improvement, poor, sketch FROM web_vital_hours WHERE project_id = @projectId AND hour >= @from AND hour < @to",
            new { projectId, from = (from.ToUnixTimeSeconds() + 3599) / 3600, to = (to.ToUnixTimeSeconds() + 3599) / 3600 },
            cancellationToken: cancellationToken));
        var totals = new Dictionary<(WebVitalMetric, string), WebVitalAggregate>();
        foreach (var row in rows)
        {
            var metric = (WebVitalMetric)row.Metric;
            if (!totals.TryGetValue((metric, row.Page), out var aggregate))
            {
                totals[(metric, row.Page)] = aggregate = new WebVitalAggregate(metric);
            }
            aggregate.AddCounts(row.Good, row.NeedsImprovement, row.Poor);
            aggregate.Sketch.MergeBytes(row.Sketch);
        }
        return totals.Select(pair => new WebVitalTotals(pair.Key.Item2, pair.Value)).ToList();
    }

    public async Task<IReadOnlyList<RouteTotals>> ReadRoutesAsync(long projectId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenReadAsync(cancellationToken);
        var rows = await connection.QueryAsync<StoredRouteHour>(new CommandDefinition(
            """
            SELECT method AS Method, route AS Route, count AS Count, client_errors AS ClientErrors, server_errors AS ServerErrors, sum_ms AS SumMs,
                sketch AS Sketch, slowest AS Slowest
            FROM route_hours WHERE project_id = @projectId AND hour >= @from AND hour < @to
            """,
            new { projectId, from = from.ToUnixTimeSeconds(), to = to.ToUnixTimeSeconds() },
            cancellationToken: cancellationToken));
        var totals = new Dictionary<RouteKey, RouteAggregate>();
        foreach (var row in rows)
        {
            var key = new RouteKey(row.Method, row.Route);
            if (!totals.TryGetValue(key, out var total))
            {
                totals[key] = total = new RouteAggregate();
            }
            SlowRequestJson.AddRow(total, row.Count, row.ClientErrors, row.ServerErrors, row.SumMs, row.Sketch, row.Slowest);
        }
        return totals.Select(pair => new RouteTotals(pair.Key, pair.Value)).ToList();
    }

    private sealed record StoredRouteHour(string Method, string Route, long Count, long ClientErrors, long ServerErrors, double SumMs, byte[] Sketch, string Slowest);

    private sealed record StoredRequest(long RowId, long ProjectId, long Ts, string Method, string Route, long Status, double DurationMs, string? TraceId);

    /// <summary>Every Web Vital in the order it arrived, a page at a time (for <c>vigil migrate</c>).</summary>
    public async IAsyncEnumerable<IReadOnlyList<WebVitalSample>> ReadAllWebVitalsAsync(int pageSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenReadAsync(cancellationToken);
        for (long after = 0; ;)
        {
            var rows = (await connection.QueryAsync<(long Id, long ProjectId, long Ts, long Metric, string Page, double Value, string? DistinctId)>(new CommandDefinition(
                "SELECT id, project_id, ts, metric, page, value, distinct_id FROM web_vitals WHERE id > @after ORDER BY id LIMIT @pageSize",
                new { after, pageSize }, cancellationToken: cancellationToken))).ToList();
            if (rows.Count == 0)
            {
                yield break;
            }
            after = rows[^1].Id;
            yield return rows.Select(row => new WebVitalSample(
                row.ProjectId, DateTimeOffset.FromUnixTimeMilliseconds(row.Ts), (WebVitalMetric)row.Metric, row.Page, row.Value, row.DistinctId)).ToList();
        }
    }

    private sealed record ErrorRow(long Ts, string Source, string Level, string? Type, string Message, string? DistinctId, string? TraceId, string? Release, string? Environment, string Frames);

    public async Task<IReadOnlyList<StoredSeries>> ReadMetricSeriesAsync(IReadOnlyCollection<long> projectIds, IReadOnlyCollection<string>? names, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenReadAsync(cancellationToken);
        var rows = await connection.QueryAsync<SeriesRow>(new CommandDefinition(
            $"""
            SELECT project_id AS ProjectId, name AS Name, labels AS Labels, kind AS Kind, unit AS Unit, state_time AS StateTime, state_start AS StateStart,
                   state_value AS StateValue, state_count AS StateCount, state_sum AS StateSum, state_sketch AS StateSketch
            FROM metric_series WHERE project_id IN ({Ids(projectIds)}) {(names is null ? "" : "AND name IN @names")}
            """,
            new { names }, cancellationToken: cancellationToken));
        return rows.Select(row => new StoredSeries(
            new NamedSeries(row.ProjectId, row.Name, SeriesLabels.FromJson(row.Labels), (SeriesKind)row.Kind, row.Unit),
            row.StateTime is not { } time ? null : new SeriesState(
                DateTimeOffset.FromUnixTimeMilliseconds(time), row.StateStart is { } start ? DateTimeOffset.FromUnixTimeMilliseconds(start) : null,
                row.StateValue ?? 0, row.StateCount ?? 0, row.StateSum ?? 0, row.StateSketch is null ? null : LatencySketch.FromBytes(row.StateSketch)))).ToList();
    }

    private sealed record SeriesRow(
        long ProjectId, string Name, string Labels, long Kind, string Unit, long? StateTime, long? StateStart, double? StateValue, long? StateCount, double? StateSum, byte[]? StateSketch);

    public async Task<IReadOnlyList<SeriesMinute>> ReadMetricMinutesAsync(
        IReadOnlyCollection<long> projectIds, IReadOnlyCollection<long> seriesIds, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        if (seriesIds.Count == 0)
        {
            return [];
        }
        await using var connection = await database.OpenReadAsync(cancellationToken);
        var rows = await connection.QueryAsync<MinuteRow>(new CommandDefinition(
            $"""
            SELECT {MinuteColumns}
            FROM metric_minutes
            WHERE project_id IN ({Ids(projectIds)}) AND series_id IN ({Ids(seriesIds)}) AND minute >= @from AND minute < @to
            """,
            new { from = from.ToUnixTimeSeconds(), to = to.ToUnixTimeSeconds() }, cancellationToken: cancellationToken));
        return rows.Select(row => row.ToMinute()).ToList();
    }

    /// <summary>Every raw event in the order it arrived, a page at a time (for <c>vigil migrate</c>).</summary>
    public async IAsyncEnumerable<IReadOnlyList<ProductEvent>> ReadAllEventsAsync(int pageSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenReadAsync(cancellationToken);
        for (long after = 0; ;)
        {
            var rows = (await connection.QueryAsync<(long RowId, long ProjectId, string Name, string DistinctId, long Ts, string Properties)>(new CommandDefinition(
                "SELECT rowid, project_id, name, distinct_id, ts, properties FROM events WHERE rowid > @after ORDER BY rowid LIMIT @pageSize",
                new { after, pageSize }, cancellationToken: cancellationToken))).ToList();
            if (rows.Count == 0)
            {
                yield break;
            }
            after = rows[^1].RowId;
            yield return rows.Select(row => new ProductEvent(
                row.ProjectId, row.Name, row.DistinctId, DateTimeOffset.FromUnixTimeMilliseconds(row.Ts), row.Properties, IngestParser.BreakdownValues(row.Properties))).ToList();
        }
    }

    /// <summary>Every raw request sample in the order it arrived, a page at a time (for <c>vigil migrate</c>).</summary>
    public async IAsyncEnumerable<IReadOnlyList<RequestSample>> ReadAllRequestsAsync(int pageSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenReadAsync(cancellationToken);
        for (long after = 0; ;)
        {
            var rows = (await connection.QueryAsync<StoredRequest>(new CommandDefinition(
                """
                SELECT rowid AS RowId, project_id AS ProjectId, ts AS Ts, method AS Method, route AS Route, status AS Status, duration_ms AS DurationMs,
                    trace_id AS TraceId
                FROM requests WHERE rowid > @after ORDER BY rowid LIMIT @pageSize
                """,
                new { after, pageSize }, cancellationToken: cancellationToken))).ToList();
            if (rows.Count == 0)
            {
                yield break;
            }
            after = rows[^1].RowId;
            yield return rows.Select(row => new RequestSample(
                row.ProjectId, DateTimeOffset.FromUnixTimeMilliseconds(row.Ts), row.Method, row.Route, (int)row.Status, row.DurationMs) { TraceId = row.TraceId }).ToList();
        }
    }

    /// <summary>Every error in the order it arrived, a page at a time (for <c>vigil migrate</c>).</summary>
    public async IAsyncEnumerable<IReadOnlyList<ErrorEvent>> ReadAllErrorsAsync(int pageSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenReadAsync(cancellationToken);
        for (long after = 0; ;)
        {
            var rows = (await connection.QueryAsync<StoredErrorRow>(new CommandDefinition(
                """
                SELECT id AS Id, project_id AS ProjectId, fingerprint AS Fingerprint, ts AS Ts, source AS Source, level AS Level, type AS Type,
                       message AS Message, distinct_id AS DistinctId, trace_id AS TraceId, release AS Release, environment AS Environment, frames AS Frames
                FROM errors WHERE id > @after ORDER BY id LIMIT @pageSize
                """,
                new { after, pageSize }, cancellationToken: cancellationToken))).ToList();
            if (rows.Count == 0)
            {
                yield break;
            }
            after = rows[^1].Id;
            yield return rows.Select(row => new ErrorEvent(
                row.ProjectId, DateTimeOffset.FromUnixTimeMilliseconds(row.Ts), row.Fingerprint, row.Source, row.Level, row.Type, row.Message,
                row.DistinctId, row.TraceId, row.Release, row.Environment, ErrorFrameJson.Deserialize(row.Frames))).ToList();
        }
    }

    private sealed record StoredErrorRow(
        long Id, long ProjectId, string Fingerprint, long Ts, string Source, string Level, string? Type, string Message,
        string? DistinctId, string? TraceId, string? Release, string? Environment, string Frames);

    public async Task<IReadOnlyList<ProbeResult>> ReadAllProbeResultsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long ProjectId, long Ts, long Up, long? Status, double DurationMs, string? Error)>(new CommandDefinition(
            "SELECT project_id, ts, up, status, duration_ms, error FROM probe_results ORDER BY rowid", cancellationToken: cancellationToken));
        return rows.Select(row => new ProbeResult(row.ProjectId, DateTimeOffset.FromUnixTimeMilliseconds(row.Ts), row.Up != 0, (int?)row.Status, row.DurationMs, row.Error)).ToList();
    }

    /// <summary>Every monitor check in the order it was written, a page at a time (for <c>vigil migrate</c>).</summary>
    public async IAsyncEnumerable<IReadOnlyList<MonitorResult>> ReadAllMonitorResultsAsync(int pageSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenReadAsync(cancellationToken);
        for (long after = 0; ;)
        {
            var rows = (await connection.QueryAsync<MonitorResultRow>(new CommandDefinition(
                $"SELECT id AS Id, {MonitorResultColumns} FROM monitor_results WHERE id > @after ORDER BY id LIMIT @pageSize",
                new { after, pageSize }, cancellationToken: cancellationToken))).ToList();
            if (rows.Count == 0)
            {
                yield break;
            }
            after = rows[^1].Id;
            yield return rows.Select(row => row.ToResult()).ToList();
        }
    }

    public async Task<TelemetryCounts> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenReadAsync(cancellationToken);
        var (events, requests, probes, errors, vitals, monitorResults) = await connection.QuerySingleAsync<(long, long, long, long, long, long)>(new CommandDefinition(
            """
            SELECT (SELECT COUNT(*) FROM events), (SELECT COUNT(*) FROM requests), (SELECT COUNT(*) FROM probe_results), (SELECT COUNT(*) FROM errors),
                   (SELECT COUNT(*) FROM web_vitals), (SELECT COUNT(*) FROM monitor_results)
            """,
            cancellationToken: cancellationToken));
        var logs = await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM logs", cancellationToken: cancellationToken));
        var (series, minutes) = await connection.QuerySingleAsync<(long, long)>(new CommandDefinition(
            "SELECT (SELECT COUNT(*) FROM metric_series), (SELECT COUNT(*) FROM metric_minutes)", cancellationToken: cancellationToken));
        return new TelemetryCounts(events, requests, probes, errors, vitals, monitorResults, logs, series, minutes);
    }

    public async ValueTask DisposeAsync()
    {
        if (_writer is not null)
        {
            await _writer.DisposeAsync();
        }
        _writeLock.Dispose();
    }

    /// <summary>
    /// Project ids written into the statement: they are numbers, so nothing can be injected, and a thousand bound
    /// parameters cost more to bind by name than the query takes to run.
    /// </summary>
    private static string Ids(IReadOnlyCollection<long> projectIds) => string.Join(",", projectIds.Select(id => id.ToString(CultureInfo.InvariantCulture)));
}
