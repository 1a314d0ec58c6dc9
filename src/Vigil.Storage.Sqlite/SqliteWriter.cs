using Microsoft.Data.Sqlite;
using Vigil.Core.Errors;
using Vigil.Core.Ingest;
using Vigil.Core.Logs;
using Vigil.Core.Metrics;
using Vigil.Core.Routes;
using Vigil.Core.WebVitals;
using Vigil.Core.Series;

namespace Vigil.Storage.Sqlite;

/// <summary>
/// The one connection that writes telemetry, with its statements prepared once. Only the telemetry store's
/// write lock holder uses it, so its commands never run concurrently.
/// </summary>
internal sealed class SqliteWriter : IAsyncDisposable
{
    private readonly SqliteConnection _connection;
    private readonly RawStatement _insertEvent;
    private readonly RawStatement _insertRequest;
    private readonly SqliteCommand _insertError;
    private readonly SqliteCommand _insertWebVital;
    private readonly SqliteCommand _readWebVitalHour;
    private readonly SqliteCommand _writeWebVitalHour;
    private readonly SqliteCommand _insertLog;
    private readonly SqliteCommand _addEventCount;
    private readonly SqliteCommand _addPropertyCount;
    private readonly SqliteCommand _readRequestRollup;
    private readonly SqliteCommand _writeRequestRollup;
    private readonly SqliteCommand _readRouteHour;
    private readonly SqliteCommand _countRouteHours;
    private readonly SqliteCommand _writeRouteHour;
    private readonly SqliteCommand _writeSeries;
    private readonly SqliteCommand _readSeriesMinute;
    private readonly SqliteCommand _writeSeriesMinute;
    private readonly SqliteUserSets _userSets;
    private readonly SqliteEventRollups _eventRollups;
    private readonly List<long> _eventIds = [];

    private SqliteWriter(SqliteConnection connection)
    {
        _connection = connection;
        _userSets = new SqliteUserSets(connection);
        _eventRollups = new SqliteEventRollups(connection);
        _insertEvent = new RawStatement(connection, "INSERT INTO events (project_id, name, distinct_id, ts, properties) VALUES (?, ?, ?, ?, ?)");
        _insertRequest = new RawStatement(connection, "INSERT INTO requests (project_id, ts, method, route, status, duration_ms, trace_id) VALUES (?, ?, ?, ?, ?, ?, ?)");
        _insertError = SqliteCommands.Prepare(
            connection,
            """
            INSERT INTO errors (project_id, fingerprint, ts, source, level, type, message, distinct_id, trace_id, release, environment, frames)
            VALUES ($p, $f, $t, $s, $l, $y, $m, $d, $r, $v, $e, $x)
            """,
            "$p", "$f", "$t", "$s", "$l", "$y", "$m", "$d", "$r", "$v", "$e", "$x");
        _insertWebVital = SqliteCommands.Prepare(
            connection,
            "INSERT INTO web_vitals (project_id, ts, metric, page, value, distinct_id) VALUES ($p, $t, $m, $g, $v, $d)",
            "$p", "$t", "$m", "$g", "$v", "$d");
        _readWebVitalHour = SqliteCommands.Prepare(
            connection,
            "SELECT good, needs_improvement, poor, sketch FROM web_vital_hours WHERE project_id = $p AND hour = $h AND metric = $m AND page = $g",
            "$p", "$h", "$m", "$g");
        _writeWebVitalHour = SqliteCommands.Prepare(
            connection,
            "INSERT OR REPLACE INTO web_vital_hours (project_id, hour, metric, page, good, needs_improvement, poor, sketch) VALUES ($p, $h, $m, $g, $good, $ni, $poor, $s)",
            "$p", "$h", "$m", "$g", "$good", "$ni", "$poor", "$s");
        _insertLog = SqliteCommands.Prepare(
            connection,
            """
            INSERT INTO logs (project_id, ts, observed_ts, severity_number, severity_text, level, body, service, trace_id, span_id, attributes)
            VALUES ($p, $t, $o, $n, $x, $l, $b, $s, $r, $i, $a)
            """,
            "$p", "$t", "$o", "$n", "$x", "$l", "$b", "$s", "$r", "$i", "$a");
        _addEventCount = SqliteCommands.Prepare(
            connection,
            "INSERT INTO event_counts (project_id, granularity, name, bucket, count) VALUES ($p, $g, $n, $b, $c) ON CONFLICT DO UPDATE SET count = count + excluded.count",
            "$p", "$g", "$n", "$b", "$c");
        _addPropertyCount = SqliteCommands.Prepare(
            connection,
            "INSERT INTO property_counts (project_id, name, property, bucket, value, count) VALUES ($p, $n, $k, $b, $v, $c) ON CONFLICT DO UPDATE SET count = count + excluded.count",
            "$p", "$n", "$k", "$b", "$v", "$c");
        _readRequestRollup = SqliteCommands.Prepare(connection, "SELECT count, server_errors, client_errors, sum_ms, sketch FROM request_rollups WHERE project_id = $p AND granularity = $g AND bucket = $b", "$p", "$g", "$b");
        _writeRequestRollup = SqliteCommands.Prepare(
            connection,
            "INSERT OR REPLACE INTO request_rollups (project_id, granularity, bucket, count, server_errors, client_errors, sum_ms, sketch) VALUES ($p, $g, $b, $c, $se, $ce, $s, $k)",
            "$p", "$g", "$b", "$c", "$se", "$ce", "$s", "$k");
        _readRouteHour = SqliteCommands.Prepare(
            connection,
            "SELECT count, client_errors, server_errors, sum_ms, sketch, slowest FROM route_hours WHERE project_id = $p AND hour = $h AND method = $m AND route = $r",
            "$p", "$h", "$m", "$r");
        _countRouteHours = SqliteCommands.Prepare(connection, "SELECT count(*) FROM route_hours WHERE project_id = $p AND hour = $h", "$p", "$h");
        _writeRouteHour = SqliteCommands.Prepare(
            connection,
            """
            INSERT OR REPLACE INTO route_hours (project_id, hour, method, route, count, client_errors, server_errors, sum_ms, sketch, slowest)
            VALUES ($p, $h, $m, $r, $c, $ce, $se, $s, $k, $x)
            """,
            "$p", "$h", "$m", "$r", "$c", "$ce", "$se", "$s", "$k", "$x");
        _writeSeries = SqliteCommands.Prepare(
            connection,
            """
            INSERT INTO metric_series (project_id, series_id, name, labels, kind, unit, state_time, state_start, state_value, state_count, state_sum, state_sketch)
            VALUES ($p, $i, $n, $l, $k, $u, $t, $s, $v, $c, $m, $x)
            ON CONFLICT DO UPDATE SET state_time = excluded.state_time, state_start = excluded.state_start, state_value = excluded.state_value,
                state_count = excluded.state_count, state_sum = excluded.state_sum, state_sketch = excluded.state_sketch
            """,
            "$p", "$i", "$n", "$l", "$k", "$u", "$t", "$s", "$v", "$c", "$m", "$x");
        _readSeriesMinute = SqliteCommands.Prepare(
            connection, "SELECT count, sum, min, max, last, last_time, sketch FROM metric_minutes WHERE project_id = $p AND series_id = $i AND minute = $b", "$p", "$i", "$b");
        _writeSeriesMinute = SqliteCommands.Prepare(
            connection,
            "INSERT OR REPLACE INTO metric_minutes (project_id, series_id, minute, count, sum, min, max, last, last_time, sketch) VALUES ($p, $i, $b, $c, $s, $n, $x, $l, $t, $k)",
            "$p", "$i", "$b", "$c", "$s", "$n", "$x", "$l", "$t", "$k");
    }

    public static async Task<SqliteWriter> OpenAsync(SqliteDatabase database, CancellationToken cancellationToken) =>
        new(await database.OpenAsync(cancellationToken));

    public void Write(IngestBatch batch, RollupSet rollups)
    {
        using var transaction = _connection.BeginTransaction();
        foreach (var command in Commands)
        {
            command.Transaction = transaction;
        }
        _eventIds.Clear();
        foreach (var productEvent in batch.Events)
        {
            _insertEvent.Bind(1, productEvent.ProjectId);
            _insertEvent.Bind(2, productEvent.Name);
            _insertEvent.Bind(3, productEvent.DistinctId);
            _insertEvent.Bind(4, productEvent.Timestamp.ToUnixTimeMilliseconds());
            _insertEvent.Bind(5, productEvent.PropertiesJson);
            _insertEvent.Execute();
            _eventIds.Add(_insertEvent.LastInsertRowId);
        }
        foreach (var request in batch.Requests)
        {
            _insertRequest.Bind(1, request.ProjectId);
            _insertRequest.Bind(2, request.Timestamp.ToUnixTimeMilliseconds());
            _insertRequest.Bind(3, request.Method);
            _insertRequest.Bind(4, request.Route);
            _insertRequest.Bind(5, request.Status);
            _insertRequest.Bind(6, request.DurationMs);
            _insertRequest.Bind(7, request.TraceId);
            _insertRequest.Execute();
        }
        foreach (var error in batch.Errors)
        {
            SqliteCommands.Run(_insertError, error.ProjectId, error.Fingerprint, error.Timestamp.ToUnixTimeMilliseconds(), error.Source, error.Level,
                error.Type, error.Message, error.DistinctId, error.TraceId, error.Release, error.Environment, ErrorFrameJson.Serialize(error.Frames));
        }
        WriteWebVitals(batch.WebVitals);
        foreach (var log in batch.Logs)
        {
            SqliteCommands.Run(_insertLog, log.ProjectId, log.Timestamp.ToUnixTimeMilliseconds(), log.ObservedTimestamp.ToUnixTimeMilliseconds(), log.SeverityNumber,
                log.SeverityText, (int)log.Level, log.Body, log.ServiceName, log.TraceId, log.SpanId, LogAttributeJson.Serialize(log.Attributes));
        }
        WriteEventCounts(rollups.EventMinutes, Granularity.Minute);
        WriteEventCounts(rollups.EventHours, Granularity.Hour);
        foreach (var (key, count) in rollups.PropertyHours)
        {
            SqliteCommands.Run(_addPropertyCount, key.ProjectId, key.EventName, key.PropertyName, key.BucketStart.ToUnixTimeSeconds(), key.PropertyValue, count);
        }
        _userSets.Write(rollups, transaction);
        _eventRollups.Write(batch.Events, _eventIds, _userSets.Number, transaction);
        WriteRequestRollups(rollups.RequestMinutes, Granularity.Minute);
        WriteRequestRollups(rollups.RequestHours, Granularity.Hour);
        WriteRouteHours(rollups.RouteHours);
        WriteSeries(batch.Series);
        transaction.Commit();
    }

    private IEnumerable<SqliteCommand> Commands =>
        [_insertError, _insertWebVital, _readWebVitalHour, _writeWebVitalHour, _insertLog, _addEventCount, _addPropertyCount, _readRequestRollup, _writeRequestRollup, _readRouteHour, _countRouteHours, _writeRouteHour, _writeSeries, _readSeriesMinute, _writeSeriesMinute];

    private void WriteWebVitals(IReadOnlyList<WebVitalSample> vitals)
    {
        var hours = new Dictionary<(long ProjectId, long Hour, WebVitalMetric Metric, string Page), WebVitalAggregate>();
        foreach (var vital in vitals)
        {
            SqliteCommands.Run(_insertWebVital, vital.ProjectId, vital.Timestamp.ToUnixTimeMilliseconds(), (int)vital.Metric, vital.Page, vital.Value, vital.DistinctId);
            var key = (vital.ProjectId, vital.Timestamp.ToUnixTimeSeconds() / 3600, vital.Metric, vital.Page);
            if (!hours.TryGetValue(key, out var aggregate))
            {
                hours[key] = aggregate = new WebVitalAggregate(vital.Metric);
            }
            aggregate.Add(vital.Value);
        }
        foreach (var ((projectId, hour, metric, page), aggregate) in hours)
        {
            SqliteCommands.Bind(_readWebVitalHour, projectId, hour, (int)metric, page);
            using (var reader = _readWebVitalHour.ExecuteReader())
            {
                if (reader.Read())
                {
                    aggregate.AddCounts(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
                    aggregate.Sketch.MergeBytes((byte[])reader.GetValue(3));
                }
            }
            SqliteCommands.Run(_writeWebVitalHour, projectId, hour, (int)metric, page, aggregate.Good, aggregate.NeedsImprovement, aggregate.Poor, aggregate.Sketch.ToBytes());
        }
    }

    private void WriteEventCounts(Dictionary<EventBucketKey, long> counts, Granularity granularity)
    {
        foreach (var (key, count) in counts)
        {
            SqliteCommands.Run(_addEventCount, key.ProjectId, (int)granularity, key.EventName, key.BucketStart.ToUnixTimeSeconds(), count);
        }
    }

    private void WriteRequestRollups(Dictionary<RequestBucketKey, RequestAggregate> aggregates, Granularity granularity)
    {
        foreach (var (key, aggregate) in aggregates)
        {
            var bucket = key.BucketStart.ToUnixTimeSeconds();
            var merged = new RequestAggregate();
            merged.Merge(aggregate);
            SqliteCommands.Bind(_readRequestRollup, key.ProjectId, (int)granularity, bucket);
            using (var reader = _readRequestRollup.ExecuteReader())
            {
                if (reader.Read())
                {
                    merged.Count += reader.GetInt64(0);
                    merged.ServerErrors += reader.GetInt64(1);
                    merged.ClientErrors += reader.GetInt64(2);
                    merged.SumMs += reader.GetDouble(3);
                    merged.Sketch.MergeBytes((byte[])reader.GetValue(4));
                }
            }
            SqliteCommands.Run(_writeRequestRollup, key.ProjectId, (int)granularity, bucket, merged.Count, merged.ServerErrors, merged.ClientErrors, merged.SumMs, merged.Sketch.ToBytes());
        }
    }

    /// <summary>
    /// One read and one write per route and hour the batch touched. A project-hour keeps at most
    /// <see cref="MaxRoutesPerHour"/> rows, the (other) row included: a route first seen after that goes into (other),
    /// so raw paths sent as routes cannot grow the table without bound.
    /// </summary>
    private void WriteRouteHours(Dictionary<RouteHourKey, RouteAggregate> hours)
    {
        foreach (var (key, aggregate) in hours)
        {
            var hour = key.Hour.ToUnixTimeSeconds();
            var route = key.Route;
            var stored = ReadRouteHour(key.ProjectId, hour, route);
            if (stored is null && !route.IsOther && CountRouteHours(key.ProjectId, hour) >= MaxRoutesPerHour - 1)
            {
                route = RouteKey.Other;
                stored = ReadRouteHour(key.ProjectId, hour, route);
            }
            var merged = stored ?? new RouteAggregate();
            merged.Merge(aggregate);
            var requests = merged.Requests;
            SqliteCommands.Run(_writeRouteHour, key.ProjectId, hour, route.Method, route.Route, requests.Count, requests.ClientErrors, requests.ServerErrors,
                requests.SumMs, requests.Sketch.ToBytes(), SlowRequestJson.Serialize(merged.Slowest));
        }
    }

    /// <summary>The most rows one project keeps for one hour in route_hours; see <see cref="WriteRouteHours"/>.</summary>
    public const int MaxRoutesPerHour = 200;

    private RouteAggregate? ReadRouteHour(long projectId, long hour, RouteKey route)
    {
        SqliteCommands.Bind(_readRouteHour, projectId, hour, route.Method, route.Route);
        using var reader = _readRouteHour.ExecuteReader();
        return reader.Read()
            ? SlowRequestJson.AddRow(new RouteAggregate(), reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetDouble(3), (byte[])reader.GetValue(4), reader.GetString(5))
            : null;
    }

    private long CountRouteHours(long projectId, long hour)
    {
        SqliteCommands.Bind(_countRouteHours, projectId, hour);
        return (long)_countRouteHours.ExecuteScalar()!;
    }

    private void WriteSeries(SeriesWrite write)
    {
        foreach (var (series, state) in write.Series.Values)
        {
            SqliteCommands.Run(_writeSeries, series.ProjectId, series.Id, series.Name, series.LabelsJson, (int)series.Kind, series.Unit,
                state?.Time.ToUnixTimeMilliseconds(), state?.StartTime?.ToUnixTimeMilliseconds(), state?.Value, state?.Count, state?.Sum, state?.Sketch?.ToBytes());
        }
        foreach (var ((projectId, seriesId, minute), rollup) in write.Rollups)
        {
            var bucket = minute.ToUnixTimeSeconds();
            var merged = new MinuteRollup();
            merged.Merge(rollup);
            SqliteCommands.Bind(_readSeriesMinute, projectId, seriesId, bucket);
            using (var reader = _readSeriesMinute.ExecuteReader())
            {
                if (reader.Read())
                {
                    merged.Merge(new MinuteRollup
                    {
                        Count = reader.GetInt64(0),
                        Sum = reader.GetDouble(1),
                        Min = reader.GetDouble(2),
                        Max = reader.GetDouble(3),
                        Last = reader.GetDouble(4),
                        LastTime = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)),
                        Sketch = reader.IsDBNull(6) ? null : LatencySketch.FromBytes((byte[])reader.GetValue(6)),
                    });
                }
            }
            SqliteCommands.Run(_writeSeriesMinute, projectId, seriesId, bucket, merged.Count, merged.Sum, merged.Min, merged.Max, merged.Last,
                merged.LastTime.ToUnixTimeMilliseconds(), merged.Sketch?.ToBytes());
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var command in Commands)
        {
            await command.DisposeAsync();
        }
        _insertEvent.Dispose();
        _insertRequest.Dispose();
        _userSets.Dispose();
        _eventRollups.Dispose();
        await _connection.DisposeAsync();
    }
}
