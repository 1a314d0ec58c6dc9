using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Vigil.Core.Errors;
using Vigil.Core.Ingest;
using Vigil.Core.Metrics;
using Vigil.Core.Monitors;
using Vigil.Core.Routes;
using Vigil.Core.Storage;
using Vigil.Core.WebVitals;
using Vigil.Storage.ClickHouse.Spool;
using static System.FormattableString;

namespace Vigil.Storage.ClickHouse;

/// <summary>
/// Events, requests, probe results and monitor checks in ClickHouse. A write is durable once it is in this node's spool, so ingest
/// keeps answering while ClickHouse is away; the shipper moves it on, and reads see it within the flush interval.
/// </summary>
public sealed partial class ClickHouseTelemetryStore : ITelemetryStore, IDisposable
{
    private readonly ClickHouseClient _client;
    private readonly IngestSpool _spool;
    private readonly SpoolShipper _shipper;
    private readonly TimeProvider _time;
    private const int UnixEpochDay = 719_162; // DateOnly day number of 1970-01-01

    // Distinct users of an hour or day bucket, with the events they were counted from; see DistinctUsersPerBucketAsync.
    private readonly ConcurrentDictionary<(long ProjectId, string Table, long Bucket), (long Events, long Users)> _usersPerBucket = new();

    public ClickHouseTelemetryStore(HttpClient http, ClickHouseSettings settings, string spoolDirectory, TimeProvider time, TimeSpan flushInterval)
    {
        _client = new ClickHouseClient(http, settings);
        _spool = IngestSpool.Open(spoolDirectory);
        _shipper = new SpoolShipper(_spool, _client, time, flushInterval, maxBatchBytes: 16L << 20);
        _time = time;
    }

    public SpoolStatus SpoolStatus => _shipper.Status;

    /// <summary>Runs until stopped: moves spooled batches into ClickHouse, retrying while it is unreachable.</summary>
    public Task ShipAsync(CancellationToken stoppingToken) => _shipper.RunAsync(stoppingToken);

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        var settings = _client.Settings;
        foreach (var server in settings.Servers)
        {
            foreach (var statement in ClickHouseSchema.TableStatements(settings.Database, settings.Cluster))
            {
                await _client.ExecuteAsync(statement, cancellationToken, server, withDatabase: false);
            }
            foreach (var (table, column, type) in ClickHouseSchema.AddedColumns)
            {
                foreach (var name in ClickHouseSchema.TablesOf(table, settings.Cluster))
                {
                    var present = await _client.QueryAsync(
                        $"SELECT count() FROM system.columns WHERE database = {ClickHouseSql.String(settings.Database)} AND table = {ClickHouseSql.String(name)} AND name = {ClickHouseSql.String(column)}",
                        cancellationToken, server);
                    if (present[0][0] == "0")
                    {
                        await _client.ExecuteAsync($"ALTER TABLE {settings.Database}.{name} ADD COLUMN {column} {type}", cancellationToken, server, withDatabase: false);
                    }
                }
            }
            foreach (var statement in ClickHouseSchema.ViewStatements(settings.Database, settings.Cluster))
            {
                await _client.ExecuteAsync(statement, cancellationToken, server, withDatabase: false);
            }
        }
    }

    public Task WriteAsync(IngestBatch batch, CancellationToken cancellationToken)
    {
        _spool.Append(ClickHouseRows.From(batch, NewBatchId()).ToPayload());
        return Task.CompletedTask;
    }

    public async Task<IReadOnlyList<CountBucket>> ReadEventCountsAsync(long projectId, string eventName, DateTimeOffset from, DateTimeOffset to, Granularity granularity, CancellationToken cancellationToken)
    {
        var (table, bucket) = Bucketed(granularity, "event_minutes", "event_hours");
        var rows = await _client.QueryAsync(
            Invariant($"""
            SELECT toUInt32({bucket}), sum(count) FROM {table}
            WHERE project_id = {projectId} AND name = {ClickHouseSql.String(eventName)} AND {bucket} >= {ClickHouseSql.Time(from)} AND {bucket} < {ClickHouseSql.Time(to)}
            GROUP BY {bucket} ORDER BY {bucket}
            """),
            cancellationToken);
        return rows.Select(row => new CountBucket(Instant(row[0]), Long(row[1]))).ToList();
    }

    public async Task<IReadOnlyList<RequestBucket>> ReadRequestBucketsAsync(long projectId, DateTimeOffset from, DateTimeOffset to, Granularity granularity, CancellationToken cancellationToken)
    {
        var (table, bucket) = Bucketed(granularity, "request_minutes", "request_hours");
        var rows = await _client.QueryAsync(
            Invariant($"""
            SELECT toUInt32({bucket}), sketch_bucket, sum(count), sum(server_errors), sum(client_errors), sum(sum_ms) FROM {table}
            WHERE project_id = {projectId} AND {bucket} >= {ClickHouseSql.Time(from)} AND {bucket} < {ClickHouseSql.Time(to)}
            GROUP BY {bucket}, sketch_bucket ORDER BY {bucket}
            """),
            cancellationToken);
        var buckets = new List<RequestBucket>();
        foreach (var row in rows)
        {
            var start = Instant(row[0]);
            if (buckets.Count == 0 || buckets[^1].Start != start)
            {
                buckets.Add(new RequestBucket(start, new RequestAggregate()));
            }
            var aggregate = buckets[^1].Aggregate;
            var count = Long(row[2]);
            aggregate.Sketch.AddToBucket(int.Parse(row[1], CultureInfo.InvariantCulture), count);
            aggregate.Count += count;
            aggregate.ServerErrors += Long(row[3]);
            aggregate.ClientErrors += Long(row[4]);
            aggregate.SumMs += double.Parse(row[5], CultureInfo.InvariantCulture);
        }
        return buckets;
    }

    public async Task<IReadOnlyDictionary<long, long>> CountDistinctUsersAsync(IReadOnlyCollection<long> projectIds, DateTimeOffset from, DateTimeOffset to, Granularity granularity, CancellationToken cancellationToken)
    {
        var (table, bucket) = Bucketed(granularity, "user_minutes", "user_hours");
        var rows = await _client.QueryAsync(
            Invariant($"""
            SELECT project_id, uniqExactMerge(users) FROM {table}
            WHERE project_id IN ({Ids(projectIds)}) AND {bucket} >= {ClickHouseSql.Time(from)} AND {bucket} < {ClickHouseSql.Time(to)}
            GROUP BY project_id
            """),
            cancellationToken);
        return rows.ToDictionary(row => Long(row[0]), row => Long(row[1]));
    }

    public async Task<IReadOnlyDictionary<long, RequestAggregate>> ReadRequestTotalsAsync(IReadOnlyCollection<long> projectIds, DateTimeOffset from, DateTimeOffset to, Granularity granularity, CancellationToken cancellationToken)
    {
        var (table, bucket) = Bucketed(granularity, "request_minutes", "request_hours");
        var rows = await _client.QueryAsync(
            Invariant($"""
            SELECT project_id, sketch_bucket, sum(count), sum(server_errors), sum(client_errors), sum(sum_ms) FROM {table}
            WHERE project_id IN ({Ids(projectIds)}) AND {bucket} >= {ClickHouseSql.Time(from)} AND {bucket} < {ClickHouseSql.Time(to)}
            GROUP BY project_id, sketch_bucket
            """),
            cancellationToken);
        var totals = new Dictionary<long, RequestAggregate>();
        foreach (var row in rows)
        {
            var projectId = Long(row[0]);
            if (!totals.TryGetValue(projectId, out var total))
            {
                totals[projectId] = total = new RequestAggregate();
            }
            var count = Long(row[2]);
            total.Sketch.AddToBucket(int.Parse(row[1], CultureInfo.InvariantCulture), count);
            total.Count += count;
            total.ServerErrors += Long(row[3]);
            total.ClientErrors += Long(row[4]);
            total.SumMs += double.Parse(row[5], CultureInfo.InvariantCulture);
        }
        return totals;
    }

    public async Task<IReadOnlyDictionary<(long ProjectId, string EventName), long>> ReadEventTotalsAsync(
        IReadOnlyCollection<long> projectIds, IReadOnlyCollection<string> eventNames, DateTimeOffset from, DateTimeOffset to, Granularity granularity, CancellationToken cancellationToken)
    {
        var (table, bucket) = Bucketed(granularity, "event_minutes", "event_hours");
        var rows = await _client.QueryAsync(
            Invariant($"""
            SELECT project_id, name, sum(count) FROM {table}
            WHERE project_id IN ({Ids(projectIds)}) AND name IN ({string.Join(", ", eventNames.Select(ClickHouseSql.String))})
                AND {bucket} >= {ClickHouseSql.Time(from)} AND {bucket} < {ClickHouseSql.Time(to)}
            GROUP BY project_id, name
            """),
            cancellationToken);
        return rows.ToDictionary(row => (Long(row[0]), row[1]), row => Long(row[2]));
    }

    public async Task<IReadOnlyList<CountBucket>> ReadDistinctUsersPerBucketAsync(long projectId, DateTimeOffset from, DateTimeOffset to, Granularity granularity, CancellationToken cancellationToken)
    {
        if (granularity == Granularity.Hour)
        {
            var hours = await DistinctUsersPerBucketAsync(
                projectId, "user_hours", "local_hour", Invariant($"local_hour >= {ClickHouseSql.Time(from)} AND local_hour < {ClickHouseSql.Time(to)}"),
                hour => ClickHouseSql.Time(DateTimeOffset.FromUnixTimeSeconds(hour)), cancellationToken);
            return hours.Select(hour => new CountBucket(DateTimeOffset.FromUnixTimeSeconds(hour.Bucket), hour.Users)).ToList();
        }
        var (table, bucket) = Bucketed(granularity, "user_minutes", "user_hours");
        var rows = await _client.QueryAsync(
            Invariant($"""
            SELECT toUInt32({bucket}), uniqExactMerge(users) FROM {table}
            WHERE project_id = {projectId} AND {bucket} >= {ClickHouseSql.Time(from)} AND {bucket} < {ClickHouseSql.Time(to)}
            GROUP BY {bucket} ORDER BY {bucket}
            """),
            cancellationToken);
        return rows.Select(row => new CountBucket(Instant(row[0]), Long(row[1]))).ToList();
    }

    public async Task<IReadOnlyList<(DateOnly Date, long Users)>> ReadDistinctUsersPerDayAsync(long projectId, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var days = await DistinctUsersPerBucketAsync(
            projectId, "user_days", "local_day", Invariant($"local_day >= {ClickHouseSql.Date(from)} AND local_day <= {ClickHouseSql.Date(to)}"),
            day => ClickHouseSql.Date(DateOnly.FromDayNumber(UnixEpochDay + (int)day)), cancellationToken);
        return days.Select(day => (DateOnly.FromDayNumber(UnixEpochDay + (int)day.Bucket), day.Users)).ToList();
    }

    /// <summary>
    /// Exact distinct users per local hour or day. Merging a day of hourly user sets, or a month of daily ones, costs
    /// hundreds of milliseconds at 100 M events, so each bucket's answer is kept with the count of events it covers
    /// (kept in the same rollup row as the set), and only buckets whose count has moved since (the current one, and
    /// any that got late events) are merged again. Buckets are Unix seconds (hours) or days since 1970 (days).
    /// </summary>
    private async Task<List<(long Bucket, long Users)>> DistinctUsersPerBucketAsync(
        long projectId, string table, string bucket, string range, Func<long, string> literal, CancellationToken cancellationToken)
    {
        var events = (await _client.QueryAsync(
                Invariant($"SELECT toUInt32({bucket}), countMerge(events) FROM {table} WHERE project_id = {projectId} AND {range} GROUP BY {bucket}"),
                cancellationToken))
            .ToDictionary(row => Long(row[0]), row => Long(row[1]));
        var stale = events.Where(pair => !_usersPerBucket.TryGetValue((projectId, table, pair.Key), out var known) || known.Events != pair.Value).Select(pair => pair.Key).ToList();
        if (stale.Count > 0)
        {
            var rows = await _client.QueryAsync(
                Invariant($"""
                SELECT toUInt32({bucket}), uniqExactMerge(users), countMerge(events) FROM {table}
                WHERE project_id = {projectId} AND {bucket} IN ({string.Join(", ", stale.Select(literal))}) GROUP BY {bucket}
                """),
                cancellationToken);
            foreach (var row in rows)
            {
                _usersPerBucket[(projectId, table, Long(row[0]))] = (Long(row[2]), Long(row[1]));
            }
        }
        return events.Keys.Order()
            .Where(key => _usersPerBucket.ContainsKey((projectId, table, key)))
            .Select(key => (key, _usersPerBucket[(projectId, table, key)].Users))
            .ToList();
    }

    public async Task<IReadOnlyList<PropertyCount>> ReadPropertyCountsAsync(long projectId, string eventName, string propertyName, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var rows = await _client.QueryAsync(
            Invariant($"""
            SELECT value, sum(count) FROM property_hours
            WHERE project_id = {projectId} AND name = {ClickHouseSql.String(eventName)} AND property = {ClickHouseSql.String(propertyName)}
                AND local_hour >= {ClickHouseSql.Time(from)} AND local_hour < {ClickHouseSql.Time(to)}
            GROUP BY value
            """),
            cancellationToken);
        return rows.Select(row => new PropertyCount(row[0], Long(row[1]))).ToList();
    }

    public Task WriteMonitorResultAsync(MonitorResult result, CancellationToken cancellationToken) => ImportMonitorResultsAsync([result], cancellationToken);

    /// <summary>Inserts checks straight into ClickHouse: a check not stored is simply a check missed, nothing acknowledged.</summary>
    public Task ImportMonitorResultsAsync(IReadOnlyList<MonitorResult> results, CancellationToken cancellationToken) =>
        InsertWithTimesAsync("monitor_results", results, result => result.Timestamp, result => new Dictionary<string, object?>
        {
            ["project_id"] = result.ProjectId,
            ["monitor_id"] = result.MonitorId,
            ["state"] = (int)result.State,
            ["http_status"] = result.HttpStatus,
            ["duration_ms"] = result.DurationMs,
            ["sketch_bucket"] = result.SketchBucket,
            ["reason"] = result.Reason,
            ["certificate_days_left"] = result.CertificateDaysLeft,
        }, cancellationToken);

    public async Task<IReadOnlyDictionary<long, MonitorSummary>> ReadMonitorSummariesAsync(IReadOnlyCollection<long> monitorIds, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var rows = await _client.QueryAsync(
            Invariant($"""
            SELECT monitor_id, sketch_bucket, count(), countIf(state != 0), count(duration_ms), sum(ifNull(duration_ms, 0)) FROM monitor_results
            WHERE monitor_id IN ({Ids(monitorIds)}) AND {CheckTimeRange(from, to)}
            GROUP BY monitor_id, sketch_bucket
            """),
            cancellationToken);
        var summaries = new Dictionary<long, MonitorSummary>();
        foreach (var row in rows)
        {
            if (!summaries.TryGetValue(Long(row[0]), out var summary))
            {
                summaries[Long(row[0])] = summary = new MonitorSummary();
            }
            summary.Add(NullableInt(row[1]), Long(row[2]), Long(row[3]), Long(row[4]), double.Parse(row[5], CultureInfo.InvariantCulture));
        }
        return summaries;
    }

    public async Task<IReadOnlyDictionary<long, MonitorResult>> ReadLatestMonitorResultsAsync(IReadOnlyCollection<long> monitorIds, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        // argMax skips NULLs, so nullable columns go in as values that cannot occur and come back out as null.
        var rows = await _client.QueryAsync(
            Invariant($"""
            SELECT monitor_id, any(project_id), max({MonitorCheckTime}) AS at, argMax(state, {MonitorCheckTime}),
                argMax(ifNull(http_status, 0), {MonitorCheckTime}), argMax(ifNull(duration_ms, -1), {MonitorCheckTime}),
                argMax(ifNull(reason, ''), {MonitorCheckTime}), argMax(ifNull(certificate_days_left, {int.MinValue}), {MonitorCheckTime})
            FROM monitor_results
            WHERE monitor_id IN ({Ids(monitorIds)}) AND {CheckTimeRange(from, to)}
            GROUP BY monitor_id
            """),
            cancellationToken);
        return rows.ToDictionary(row => Long(row[0]), row => new MonitorResult(
            Long(row[1]), Long(row[0]), DateTimeOffset.FromUnixTimeMilliseconds(Long(row[2])), (MonitorState)Long(row[3]),
            row[4] == "0" ? null : int.Parse(row[4], CultureInfo.InvariantCulture),
            double.Parse(row[5], CultureInfo.InvariantCulture) is var duration && duration >= 0 ? duration : null,
            NullIfEmpty(row[6]),
            int.Parse(row[7], CultureInfo.InvariantCulture) is var days && days != int.MinValue ? days : null));
    }

    public async Task<IReadOnlyList<MonitorResult>> ReadMonitorResultsAsync(long monitorId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var rows = await _client.QueryAsync(
            Invariant($"""
            SELECT project_id, {MonitorCheckTime} AS at, state, http_status, duration_ms, isNull(reason), ifNull(reason, ''), certificate_days_left
            FROM monitor_results
            WHERE monitor_id = {monitorId} AND {CheckTimeRange(from, to)}
            ORDER BY at
            """),
            cancellationToken);
        return rows.Select(row => new MonitorResult(
            Long(row[0]), monitorId, DateTimeOffset.FromUnixTimeMilliseconds(Long(row[1])), (MonitorState)Long(row[2]), NullableInt(row[3]),
            row[4] == NullField ? null : double.Parse(row[4], CultureInfo.InvariantCulture), row[5] == "1" ? null : row[6], NullableInt(row[7]))).ToList();
    }

    private const string MonitorCheckTime = "toUInt64(time) * 1000 + millis";

    /// <summary>A NULL in TabSeparated (<c>\N</c>) after unescaping; unambiguous only in columns that hold numbers.</summary>
    private const string NullField = "N";

    private static int? NullableInt(string field) => field == NullField ? null : int.Parse(field, CultureInfo.InvariantCulture);

    // (from, to] in milliseconds; the whole seconds narrow the scan by the sorting key.
    private static string CheckTimeRange(DateTimeOffset from, DateTimeOffset to) => Invariant(
        $"time >= {ClickHouseSql.Time(from)} AND time <= {ClickHouseSql.Time(to)} AND {MonitorCheckTime} > {from.ToUnixTimeMilliseconds()} AND {MonitorCheckTime} <= {to.ToUnixTimeMilliseconds()}");

    /// <summary>
    /// Inserts a batch straight into ClickHouse, past the spool, under a fresh batch id: for <c>vigil migrate</c>,
    /// which compares the counts afterwards.
    /// </summary>
    public async Task ImportAsync(IngestBatch batch, CancellationToken cancellationToken)
    {
        foreach (var rows in ClickHouseRows.From(batch, NewBatchId()).Tables.Where(rows => rows.Count > 0))
        {
            await _client.InsertAsync(rows.Table, rows.Lines, cancellationToken);
        }
    }

    public Task ImportProbeResultsAsync(IReadOnlyList<ProbeResult> results, CancellationToken cancellationToken) =>
        InsertWithTimesAsync("probe_results", results, result => result.Timestamp, result => new Dictionary<string, object?>
        {
            ["project_id"] = result.ProjectId,
            ["up"] = result.Up ? 1 : 0,
            ["status"] = result.Status,
            ["duration_ms"] = result.DurationMs,
            ["error"] = result.Error,
        }, cancellationToken);

    /// <summary>Inserts rows straight into a table, each with its <c>time</c> (seconds) and <c>millis</c> columns.</summary>
    private async Task InsertWithTimesAsync<T>(
        string table, IReadOnlyList<T> items, Func<T, DateTimeOffset> timeOf, Func<T, Dictionary<string, object?>> columnsOf, CancellationToken cancellationToken)
    {
        if (items.Count == 0)
        {
            return;
        }
        using var body = new MemoryStream();
        foreach (var item in items)
        {
            var columns = columnsOf(item);
            var milliseconds = timeOf(item).ToUnixTimeMilliseconds();
            columns["time"] = milliseconds / 1000;
            columns["millis"] = milliseconds % 1000;
            JsonSerializer.Serialize(body, columns);
            body.WriteByte((byte)'\n');
        }
        await _client.InsertAsync(table, body.GetBuffer().AsMemory(0, (int)body.Length), cancellationToken);
    }

    public async Task<TelemetryCounts> CountAsync(CancellationToken cancellationToken)
    {
        var rows = await _client.QueryAsync(
            """
            SELECT (SELECT count() FROM events), (SELECT count() FROM requests), (SELECT count() FROM probe_results), (SELECT count() FROM errors),
                (SELECT count() FROM web_vitals), (SELECT count() FROM monitor_results), (SELECT count() FROM logs),
                (SELECT uniqExact(project_id, series_id) FROM metric_series), (SELECT count() FROM metric_minutes)
            """, cancellationToken);
        return new TelemetryCounts(
            Long(rows[0][0]), Long(rows[0][1]), Long(rows[0][2]), Long(rows[0][3]), Long(rows[0][4]), Long(rows[0][5]), Long(rows[0][6]), Long(rows[0][7]), Long(rows[0][8]));
    }

    public async Task<IReadOnlyDictionary<long, ProbeSummary>> ReadProbeSummariesAsync(IReadOnlyCollection<long> projectIds, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var rows = await _client.QueryAsync(
            Invariant($"""
            SELECT project_id, count(), sum(up) FROM (
                SELECT project_id, up FROM probe_results WHERE project_id IN ({Ids(projectIds)}) AND {CheckTimeRange(from, to)}
                UNION ALL
                SELECT project_id, state != 0 AS up FROM monitor_results WHERE project_id IN ({Ids(projectIds)}) AND {CheckTimeRange(from, to)})
            GROUP BY project_id
            """),
            cancellationToken);
        return rows.ToDictionary(row => Long(row[0]), row => new ProbeSummary(Long(row[1]), Long(row[2])));
    }

    public async Task<IReadOnlyList<ErrorGroupTotals>> ReadErrorGroupsAsync(long projectId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var rows = await _client.QueryAsync(
            Invariant($"""
            SELECT fingerprint, count(), uniqExactIf(distinct_id, distinct_id != ''), min(toUInt64(time) * 1000 + millis), max(toUInt64(time) * 1000 + millis)
            FROM errors
            WHERE project_id = {projectId} AND {ErrorTimeRange(from, to)}
            GROUP BY fingerprint
            """),
            cancellationToken);
        return rows.Select(row => new ErrorGroupTotals(
            row[0], Long(row[1]), Long(row[2]), DateTimeOffset.FromUnixTimeMilliseconds(Long(row[3])), DateTimeOffset.FromUnixTimeMilliseconds(Long(row[4])))).ToList();
    }

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<CountBucket>>> ReadErrorHourlyCountsAsync(long projectId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var rows = await _client.QueryAsync(
            Invariant($"""
            SELECT fingerprint, intDiv(toUInt32(time), 3600) AS hour, count() FROM errors
            WHERE project_id = {projectId} AND {ErrorTimeRange(from, to)}
            GROUP BY fingerprint, hour ORDER BY fingerprint, hour
            """),
            cancellationToken);
        return rows.GroupBy(row => row[0]).ToDictionary(
            issue => issue.Key,
            issue => (IReadOnlyList<CountBucket>)issue.Select(row => new CountBucket(DateTimeOffset.FromUnixTimeSeconds(Long(row[1]) * 3600), Long(row[2]))).ToList());
    }

    public async Task<IReadOnlyList<ErrorEvent>> ReadErrorSamplesAsync(long projectId, string fingerprint, int limit, CancellationToken cancellationToken)
    {
        var rows = await _client.QueryAsync(
            Invariant($"""
            SELECT toUInt64(time) * 1000 + millis AS at, source, level, type, message, distinct_id, trace_id, release, environment, frames
            FROM errors
            WHERE project_id = {projectId} AND fingerprint = {ClickHouseSql.String(fingerprint)}
            ORDER BY at DESC, batch_id, seq LIMIT {limit}
            """),
            cancellationToken);
        return rows.Select(row => new ErrorEvent(
            projectId, DateTimeOffset.FromUnixTimeMilliseconds(Long(row[0])), fingerprint, row[1], row[2], NullIfEmpty(row[3]), row[4],
            NullIfEmpty(row[5]), NullIfEmpty(row[6]), NullIfEmpty(row[7]), NullIfEmpty(row[8]), ErrorFrameJson.Deserialize(row[9]))).ToList();
    }

    // The whole seconds narrow the scan by the sorting key; the milliseconds make the range exact.
    private static string ErrorTimeRange(DateTimeOffset from, DateTimeOffset to) => Invariant(
        $"time >= {ClickHouseSql.Time(from.AddSeconds(-1))} AND time <= {ClickHouseSql.Time(to)} AND toUInt64(time) * 1000 + millis >= {from.ToUnixTimeMilliseconds()} AND toUInt64(time) * 1000 + millis < {to.ToUnixTimeMilliseconds()}");

    public async Task<IReadOnlyList<WebVitalTotals>> ReadWebVitalsAsync(long projectId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var rows = await _client.QueryAsync(
            Invariant($"""
            SELECT metric, page, sketch_bucket, sum(good), sum(needs_improvement), sum(poor) FROM web_vital_hours
            WHERE project_id = {projectId} AND hour >= {ClickHouseSql.Time(from)} AND hour < {ClickHouseSql.Time(to)}
            GROUP BY metric, page, sketch_bucket
            """),
            cancellationToken);
        var totals = new Dictionary<(WebVitalMetric, string), WebVitalAggregate>();
        foreach (var row in rows)
        {
            var metric = Enum.Parse<WebVitalMetric>(row[0], ignoreCase: true);
            if (!totals.TryGetValue((metric, row[1]), out var aggregate))
            {
                totals[(metric, row[1])] = aggregate = new WebVitalAggregate(metric);
            }
            var (good, needsImprovement, poor) = (Long(row[3]), Long(row[4]), Long(row[5]));
            aggregate.AddCounts(good, needsImprovement, poor);
            aggregate.Sketch.AddToBucket(int.Parse(row[2], CultureInfo.InvariantCulture), good + needsImprovement + poor);
        }
        return totals.Select(pair => new WebVitalTotals(pair.Key.Item2, pair.Value)).ToList();
    }

    /// <summary>
    /// Counts and sketches from route_hours; the slowest requests from route_slowest, the slowest few of every batch.
    /// </summary>
    public async Task<IReadOnlyList<RouteTotals>> ReadRoutesAsync(long projectId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var rows = await _client.QueryAsync(
            Invariant($"""
            SELECT method, route, sketch_bucket, sum(count), sum(server_errors), sum(client_errors), sum(sum_ms) FROM route_hours
            WHERE project_id = {projectId} AND hour >= {ClickHouseSql.Time(from)} AND hour < {ClickHouseSql.Time(to)}
            GROUP BY method, route, sketch_bucket
            """),
            cancellationToken);
        var totals = new Dictionary<RouteKey, RouteAggregate>();
        foreach (var row in rows)
        {
            var key = new RouteKey(row[0], row[1]);
            if (!totals.TryGetValue(key, out var total))
            {
                totals[key] = total = new RouteAggregate();
            }
            var count = Long(row[3]);
            total.Requests.Sketch.AddToBucket(int.Parse(row[2], CultureInfo.InvariantCulture), count);
            total.Requests.Count += count;
            total.Requests.ServerErrors += Long(row[4]);
            total.Requests.ClientErrors += Long(row[5]);
            total.Requests.SumMs += double.Parse(row[6], CultureInfo.InvariantCulture);
        }
        var slowest = await _client.QueryAsync(
            Invariant($"""
            SELECT method, route, at, status, duration_ms, trace_id FROM route_slowest
            WHERE project_id = {projectId} AND hour >= {ClickHouseSql.Time(from)} AND hour < {ClickHouseSql.Time(to)}
            ORDER BY duration_ms DESC, at DESC, trace_id, status LIMIT {RouteAggregate.SlowestKept} BY method, route
            """),
            cancellationToken);
        foreach (var row in slowest)
        {
            if (totals.TryGetValue(new RouteKey(row[0], row[1]), out var total))
            {
                total.Offer(new SlowRequest(
                    DateTimeOffset.FromUnixTimeMilliseconds(Long(row[2])), row[0], row[1], int.Parse(row[3], CultureInfo.InvariantCulture),
                    double.Parse(row[4], CultureInfo.InvariantCulture), NullIfEmpty(row[5])));
            }
        }
        return totals.Select(pair => new RouteTotals(pair.Key, pair.Value)).ToList();
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    private static string Ids(IReadOnlyCollection<long> projectIds) => string.Join(", ", projectIds.Select(id => id.ToString(CultureInfo.InvariantCulture)));

    public void Dispose() => _spool.Dispose();

    private static (string Table, string Bucket) Bucketed(Granularity granularity, string minuteTable, string hourTable) => granularity switch
    {
        Granularity.Minute => (minuteTable, "minute"),
        Granularity.Hour => (hourTable, "local_hour"),
        _ => throw new ArgumentOutOfRangeException(nameof(granularity), granularity, "Days are read per local date."),
    };

    private static ulong NewBatchId() => BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8));

    private static DateTimeOffset Instant(string unixSeconds) => DateTimeOffset.FromUnixTimeSeconds(Long(unixSeconds));

    private static long Long(string value) => long.Parse(value, CultureInfo.InvariantCulture);
}
