using Vigil.Core.Routes;

namespace Vigil.Storage.ClickHouse;

/// <summary>
/// Tables for events, requests, probe results, monitor checks, errors and Web Vitals (MergeTree, partitioned by month, ordered for the dashboard's
/// queries), and the rollups the dashboard reads, kept by materialized views as rows arrive. With a cluster, each
/// shard holds <c>*_local</c> tables and the plain names are Distributed tables over them. Every statement is
/// idempotent, so nodes starting together may run them all; so is adding <see cref="AddedColumns"/> where missing.
/// </summary>
internal static class ClickHouseSchema
{
    private sealed record Table(string Name, string Columns, string Engine, string? ShardingKey = null);

    private sealed record Rollup(Table Target, string Source, string Select);

    private static readonly Table Events = new(
        "events",
        """
        project_id UInt64, name String, distinct_id String, time DateTime, millis UInt16, properties String,
        local_hour DateTime, local_day Date, breakdown_keys Array(String), breakdown_values Array(String),
        batch_id UInt64, seq UInt32
        """,
        "MergeTree PARTITION BY toYYYYMM(time) ORDER BY (project_id, name, time)",
        // One user's events on one shard keeps per-shard work local; distinct counts are exact either way.
        "sipHash64(distinct_id)");

    private static readonly Table Requests = new(
        "requests",
        """
        project_id UInt64, time DateTime, millis UInt16, method String, route String, status UInt16, duration_ms Float64,
        local_hour DateTime, sketch_bucket Int32, batch_id UInt64, seq UInt32, trace_id String
        """,
        "MergeTree PARTITION BY toYYYYMM(time) ORDER BY (project_id, time)",
        "rand()");

    /// <summary>
    /// Columns added after their table was first created, which ClickHouseTelemetryStore.MigrateAsync adds to older
    /// databases (18.16 has no ADD COLUMN IF NOT EXISTS, so the caller checks system.columns first).
    /// </summary>
    public static IReadOnlyList<(string Table, string Column, string Type)> AddedColumns { get; } = [("requests", "trace_id", "String")];

    /// <summary>The tables holding a table's columns on one server: the local one, and with a cluster the Distributed one over it.</summary>
    public static IEnumerable<string> TablesOf(string table, string? cluster) => cluster is null ? [table] : [Local(table, cluster), table];

    private static readonly Table ProbeResults = new(
        "probe_results",
        "project_id UInt64, time DateTime, millis UInt16, up UInt8, status Nullable(Int32), duration_ms Float64, error Nullable(String)",
        "MergeTree PARTITION BY toYYYYMM(time) ORDER BY (project_id, time)",
        "project_id");

    // One monitor's checks on one shard: its latest check and its series are read per monitor.
    private static readonly Table MonitorResults = new(
        "monitor_results",
        """
        project_id UInt64, monitor_id UInt64, time DateTime, millis UInt16, state UInt8, http_status Nullable(Int32), duration_ms Nullable(Float64),
        sketch_bucket Nullable(Int32), reason Nullable(String), certificate_days_left Nullable(Int32)
        """,
        "MergeTree PARTITION BY toYYYYMM(time) ORDER BY (monitor_id, time)",
        "monitor_id");

    private static readonly Table Errors = new(
        "errors",
        """
        project_id UInt64, fingerprint String, time DateTime, millis UInt16, source String, level String, type String, message String,
        distinct_id String, trace_id String, release String, environment String, frames String, batch_id UInt64, seq UInt32
        """,
        "MergeTree PARTITION BY toYYYYMM(time) ORDER BY (project_id, fingerprint, time)",
        "rand()");

    private static readonly Table WebVitals = new(
        "web_vitals",
        """
        project_id UInt64, time DateTime, millis UInt16, metric String, page String, value Float64, distinct_id String,
        rating UInt8, sketch_bucket Int32, batch_id UInt64, seq UInt32
        """,
        "MergeTree PARTITION BY toYYYYMM(time) ORDER BY (project_id, time)",
        "rand()");

    // Days in UTC, whatever the server's zone: retention drops whole days (ClickHouse 18.16 has no TTL), and a day
    // partition holds one UTC day exactly. No skipping index helps a word search here: 18.16 has none for text.
    private static readonly Table Logs = new(
        "logs",
        """
        project_id UInt64, time DateTime, millis UInt16, observed_ms UInt64, severity_number UInt8, severity_text String, level UInt8,
        body String, service String, trace_id String, span_id String, attributes String, batch_id UInt64, seq UInt32
        """,
        $"MergeTree PARTITION BY {LogPartition} ORDER BY (project_id, time)",
        "rand()");

    /// <summary>The partition of a log row: its UTC day as a number such as 20261121.</summary>
    public const string LogPartition = "toYYYYMMDD(time, 'UTC')";

    // Every batch appends a row per series it touched; readers take the newest state with argMax(…, state_time).
    private static readonly Table MetricSeries = new(
        "metric_series",
        """
        project_id UInt64, series_id Int64, name String, labels String, kind UInt8, unit String, has_state UInt8, state_time Int64, state_start Int64,
        state_value Float64, state_count Int64, state_sum Float64, state_sketch String, batch_id UInt64, seq UInt32
        """,
        "ReplacingMergeTree(state_time) ORDER BY (project_id, name, series_id)",
        "rand()");

    private static readonly Table MetricMinutes = new(
        "metric_minutes",
        """
        project_id UInt64, series_id Int64, minute DateTime, count Int64, sum Float64, min Float64, max Float64, last Float64, last_time Int64,
        sketch String, batch_id UInt64, seq UInt32
        """,
        "MergeTree PARTITION BY toYYYYMM(minute) ORDER BY (project_id, series_id, minute)",
        "rand()");

    // A row of a user-set table holds a whole set of users: with the default 8,192 rows a granule, a query for one day
    // read and decoded every set of the month (140 ms for a 24-hour series at 2 M events; a few ms with this).
    private const string SmallGranules = " SETTINGS index_granularity = 32";

    private static readonly Rollup[] Rollups =
    [
        new(new Table("event_minutes", "project_id UInt64, name String, minute DateTime, count UInt64",
                "SummingMergeTree((count)) PARTITION BY toYYYYMM(minute) ORDER BY (project_id, name, minute)"),
            "events", "SELECT project_id, name, toStartOfMinute(time) AS minute, count() AS count FROM {source} GROUP BY project_id, name, minute"),
        new(new Table("event_hours", "project_id UInt64, name String, local_hour DateTime, count UInt64",
                "SummingMergeTree((count)) PARTITION BY toYYYYMM(local_hour) ORDER BY (project_id, name, local_hour)"),
            "events", "SELECT project_id, name, local_hour, count() AS count FROM {source} GROUP BY project_id, name, local_hour"),
        new(new Table("property_hours", "project_id UInt64, name String, property String, local_hour DateTime, value String, count UInt64",
                "SummingMergeTree((count)) PARTITION BY toYYYYMM(local_hour) ORDER BY (project_id, name, property, local_hour, value)"),
            "events",
            """
            SELECT project_id, name, property, local_hour, value, count() AS count
            FROM {source} ARRAY JOIN breakdown_keys AS property, breakdown_values AS value
            GROUP BY project_id, name, property, local_hour, value
            """),
        new(new Table("user_minutes", "project_id UInt64, minute DateTime, users AggregateFunction(uniqExact, String)",
                "AggregatingMergeTree PARTITION BY toYYYYMM(minute) ORDER BY (project_id, minute)" + SmallGranules),
            "events", "SELECT project_id, toStartOfMinute(time) AS minute, uniqExactState(distinct_id) AS users FROM {source} GROUP BY project_id, minute"),
        // events counts what went into users, in the same row: a bucket whose count has not moved has the same users.
        new(new Table("user_hours", "project_id UInt64, local_hour DateTime, users AggregateFunction(uniqExact, String), events AggregateFunction(count)",
                "AggregatingMergeTree PARTITION BY toYYYYMM(local_hour) ORDER BY (project_id, local_hour)" + SmallGranules),
            "events", "SELECT project_id, local_hour, uniqExactState(distinct_id) AS users, countState() AS events FROM {source} GROUP BY project_id, local_hour"),
        new(new Table("user_days", "project_id UInt64, local_day Date, users AggregateFunction(uniqExact, String), events AggregateFunction(count)",
                "AggregatingMergeTree PARTITION BY toYYYYMM(local_day) ORDER BY (project_id, local_day)" + SmallGranules),
            "events", "SELECT project_id, local_day, uniqExactState(distinct_id) AS users, countState() AS events FROM {source} GROUP BY project_id, local_day"),
        new(new Table("request_minutes", "project_id UInt64, minute DateTime, sketch_bucket Int32, count UInt64, server_errors UInt64, client_errors UInt64, sum_ms Float64",
                "SummingMergeTree((count, server_errors, client_errors, sum_ms)) PARTITION BY toYYYYMM(minute) ORDER BY (project_id, minute, sketch_bucket)"),
            "requests", RequestRollupSelect("toStartOfMinute(time) AS minute", "minute")),
        new(new Table("request_hours", "project_id UInt64, local_hour DateTime, sketch_bucket Int32, count UInt64, server_errors UInt64, client_errors UInt64, sum_ms Float64",
                "SummingMergeTree((count, server_errors, client_errors, sum_ms)) PARTITION BY toYYYYMM(local_hour) ORDER BY (project_id, local_hour, sketch_bucket)"),
            "requests", RequestRollupSelect("local_hour", "local_hour")),
        new(new Table("web_vital_hours", "project_id UInt64, hour DateTime, metric String, page String, sketch_bucket Int32, good UInt64, needs_improvement UInt64, poor UInt64",
                "SummingMergeTree((good, needs_improvement, poor)) PARTITION BY toYYYYMM(hour) ORDER BY (project_id, hour, metric, page, sketch_bucket)"),
            "web_vitals",
            """
            SELECT project_id, toStartOfHour(time) AS hour, metric, page, sketch_bucket, countIf(rating = 0) AS good,
                countIf(rating = 1) AS needs_improvement, countIf(rating = 2) AS poor
            FROM {source} GROUP BY project_id, hour, metric, page, sketch_bucket
            """),
        // UTC hours whatever the server's zone (toStartOfHour would take the server's, off by half an hour in some).
        new(new Table("route_hours", "project_id UInt64, hour DateTime, method String, route String, sketch_bucket Int32, count UInt64, server_errors UInt64, client_errors UInt64, sum_ms Float64",
                "SummingMergeTree((count, server_errors, client_errors, sum_ms)) PARTITION BY toYYYYMM(hour) ORDER BY (project_id, hour, method, route, sketch_bucket)"),
            "requests",
            """
            SELECT project_id, toDateTime(intDiv(toUInt32(time), 3600) * 3600) AS hour, method, route, sketch_bucket, count() AS count,
                countIf(status >= 500) AS server_errors, countIf(status >= 400 AND status < 500) AS client_errors, sum(duration_ms) AS sum_ms
            FROM {source} GROUP BY project_id, hour, method, route, sketch_bucket
            """),
        // Each inserted block's slowest requests per route and hour, in SlowRequest.CompareSlowestFirst's order: the
        // slowest of any range are among them, and a busy route leaves 5 rows a batch instead of all its requests.
        new(new Table("route_slowest", "project_id UInt64, hour DateTime, method String, route String, at UInt64, status UInt16, duration_ms Float64, trace_id String",
                "MergeTree PARTITION BY toYYYYMM(hour) ORDER BY (project_id, hour)"),
            "requests",
            $"""
            SELECT project_id, toDateTime(intDiv(toUInt32(time), 3600) * 3600) AS hour, method, route, toUInt64(time) * 1000 + millis AS at, status,
                duration_ms, trace_id
            FROM {"{source}"} ORDER BY duration_ms DESC, at DESC, trace_id, status LIMIT {RouteAggregate.SlowestKept} BY project_id, hour, method, route
            """),
    ];

    /// <summary>The statements one server runs first, in order: the database and every table, rollups' included.</summary>
    public static IReadOnlyList<string> TableStatements(string database, string? cluster)
    {
        var statements = new List<string> { $"CREATE DATABASE IF NOT EXISTS {database}" };
        foreach (var table in new[] { Events, Requests, ProbeResults, Errors, WebVitals, MonitorResults, Logs, MetricSeries, MetricMinutes })
        {
            statements.AddRange(Create(table, database, cluster));
        }
        foreach (var rollup in Rollups)
        {
            statements.AddRange(Create(rollup.Target, database, cluster));
        }
        return statements;
    }

    /// <summary>
    /// The materialized views that keep the rollups, which one server runs once <see cref="AddedColumns"/> are in
    /// place (a view reading a column its source lacks cannot be created).
    /// </summary>
    public static IReadOnlyList<string> ViewStatements(string database, string? cluster) =>
        Rollups.Select(rollup =>
                $"CREATE MATERIALIZED VIEW IF NOT EXISTS {database}.{rollup.Target.Name}_mv TO {database}.{Local(rollup.Target.Name, cluster)} AS " +
                rollup.Select.Replace("{source}", $"{database}.{Local(rollup.Source, cluster)}", StringComparison.Ordinal))
            .ToList();

    private static IEnumerable<string> Create(Table table, string database, string? cluster)
    {
        yield return $"CREATE TABLE IF NOT EXISTS {database}.{Local(table.Name, cluster)} ({table.Columns}) ENGINE = {table.Engine}";
        if (cluster is not null)
        {
            var shardingKey = table.ShardingKey is null ? "" : $", {table.ShardingKey}";
            yield return $"CREATE TABLE IF NOT EXISTS {database}.{table.Name} AS {database}.{Local(table.Name, cluster)} " +
                $"ENGINE = Distributed({cluster}, {database}, {Local(table.Name, cluster)}{shardingKey})";
        }
    }

    /// <summary>The table on each shard that holds the rows: the plain name without a cluster.</summary>
    public static string Local(string name, string? cluster) => cluster is null ? name : name + "_local";

    private static string RequestRollupSelect(string bucketExpression, string bucket) =>
        $"""
        SELECT project_id, {bucketExpression}, sketch_bucket, count() AS count, countIf(status >= 500) AS server_errors,
            countIf(status >= 400 AND status < 500) AS client_errors, sum(duration_ms) AS sum_ms
        FROM {"{source}"} GROUP BY project_id, {bucket}, sketch_bucket
        """;
}
