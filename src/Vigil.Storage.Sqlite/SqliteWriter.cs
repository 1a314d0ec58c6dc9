using Microsoft.Data.Sqlite;
using Vigil.Core.Ingest;
using Vigil.Core.Metrics;

namespace Vigil.Storage.Sqlite;

/// <summary>
/// The one connection that writes telemetry, with its statements prepared once. Only the telemetry store's
/// write lock holder uses it, so its commands never run concurrently.
/// </summary>
internal sealed class SqliteWriter : IAsyncDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _insertEvent;
    private readonly SqliteCommand _insertRequest;
    private readonly SqliteCommand _addEventCount;
    private readonly SqliteCommand _addPropertyCount;
    private readonly SqliteCommand _insertBucketUser;
    private readonly SqliteCommand _insertDayUser;
    private readonly SqliteCommand _addUserCount;
    private readonly SqliteCommand _readRequestRollup;
    private readonly SqliteCommand _writeRequestRollup;

    // Users already known to be in their bucket, so repeat visitors cost no insert. This connection is the only
    // writer of the file, so what it committed stays true; keys join only after their commit succeeded, and
    // forgetting them (when the sets grow large) costs only the redundant inserts.
    private const int MaxKnownUsers = 500_000;
    private readonly HashSet<(int Granularity, UserBucketKey Key)> _knownBucketUsers = new();
    private readonly HashSet<UserDayKey> _knownDayUsers = new();

    private SqliteWriter(SqliteConnection connection)
    {
        _connection = connection;
        _insertEvent = Prepare("INSERT INTO events (project_id, name, distinct_id, ts, properties) VALUES ($p, $n, $d, $t, $j)", "$p", "$n", "$d", "$t", "$j");
        _insertRequest = Prepare("INSERT INTO requests (project_id, ts, method, route, status, duration_ms) VALUES ($p, $t, $m, $r, $s, $d)", "$p", "$t", "$m", "$r", "$s", "$d");
        _addEventCount = Prepare(
            "INSERT INTO event_counts (project_id, granularity, name, bucket, count) VALUES ($p, $g, $n, $b, $c) ON CONFLICT DO UPDATE SET count = count + excluded.count",
            "$p", "$g", "$n", "$b", "$c");
        _addPropertyCount = Prepare(
            "INSERT INTO property_counts (project_id, name, property, bucket, value, count) VALUES ($p, $n, $k, $b, $v, $c) ON CONFLICT DO UPDATE SET count = count + excluded.count",
            "$p", "$n", "$k", "$b", "$v", "$c");
        _insertBucketUser = Prepare("INSERT OR IGNORE INTO bucket_users (project_id, granularity, bucket, distinct_id) VALUES ($p, $g, $b, $d)", "$p", "$g", "$b", "$d");
        _insertDayUser = Prepare("INSERT OR IGNORE INTO day_users (project_id, day, distinct_id) VALUES ($p, $b, $d)", "$p", "$b", "$d");
        _addUserCount = Prepare(
            "INSERT INTO user_counts (project_id, granularity, bucket, users) VALUES ($p, $g, $b, $c) ON CONFLICT DO UPDATE SET users = users + excluded.users",
            "$p", "$g", "$b", "$c");
        _readRequestRollup = Prepare("SELECT count, server_errors, client_errors, sum_ms, sketch FROM request_rollups WHERE project_id = $p AND granularity = $g AND bucket = $b", "$p", "$g", "$b");
        _writeRequestRollup = Prepare(
            "INSERT OR REPLACE INTO request_rollups (project_id, granularity, bucket, count, server_errors, client_errors, sum_ms, sketch) VALUES ($p, $g, $b, $c, $se, $ce, $s, $k)",
            "$p", "$g", "$b", "$c", "$se", "$ce", "$s", "$k");
    }

    public static async Task<SqliteWriter> OpenAsync(SqliteDatabase database, CancellationToken cancellationToken) =>
        new(await database.OpenAsync(cancellationToken));

    public void Write(IngestBatch batch)
    {
        using var transaction = _connection.BeginTransaction();
        foreach (var command in Commands)
        {
            command.Transaction = transaction;
        }
        foreach (var productEvent in batch.Events)
        {
            Run(_insertEvent, productEvent.ProjectId, productEvent.Name, productEvent.DistinctId, productEvent.Timestamp.ToUnixTimeMilliseconds(), productEvent.PropertiesJson);
        }
        foreach (var request in batch.Requests)
        {
            Run(_insertRequest, request.ProjectId, request.Timestamp.ToUnixTimeMilliseconds(), request.Method, request.Route, request.Status, request.DurationMs);
        }
        var rollups = batch.Rollups;
        WriteEventCounts(rollups.EventMinutes, Granularity.Minute);
        WriteEventCounts(rollups.EventHours, Granularity.Hour);
        foreach (var (key, count) in rollups.PropertyHours)
        {
            Run(_addPropertyCount, key.ProjectId, key.EventName, key.PropertyName, key.BucketStart.ToUnixTimeSeconds(), key.PropertyValue, count);
        }
        var bucketUsers = rollups.UserMinutes.Select(key => ((int)Granularity.Minute, key))
            .Concat(rollups.UserHours.Select(key => ((int)Granularity.Hour, key)))
            .Where(user => !_knownBucketUsers.Contains(user))
            .ToList();
        var newUsersPerBucket = new Dictionary<(long ProjectId, int Granularity, long Bucket), long>();
        foreach (var (granularity, key) in bucketUsers)
        {
            var bucket = key.BucketStart.ToUnixTimeSeconds();
            if (Run(_insertBucketUser, key.ProjectId, granularity, bucket, key.DistinctId) == 1)
            {
                newUsersPerBucket[(key.ProjectId, granularity, bucket)] = newUsersPerBucket.GetValueOrDefault((key.ProjectId, granularity, bucket)) + 1;
            }
        }
        var dayUsers = rollups.UserDays.Where(key => !_knownDayUsers.Contains(key)).ToList();
        foreach (var key in dayUsers)
        {
            if (Run(_insertDayUser, key.ProjectId, key.LocalDate.DayNumber, key.DistinctId) == 1)
            {
                var bucket = (key.ProjectId, (int)Granularity.Day, (long)key.LocalDate.DayNumber);
                newUsersPerBucket[bucket] = newUsersPerBucket.GetValueOrDefault(bucket) + 1;
            }
        }
        foreach (var ((projectId, granularity, bucket), users) in newUsersPerBucket)
        {
            Run(_addUserCount, projectId, granularity, bucket, users);
        }
        WriteRequestRollups(rollups.RequestMinutes, Granularity.Minute);
        WriteRequestRollups(rollups.RequestHours, Granularity.Hour);
        transaction.Commit();
        Remember(_knownBucketUsers, bucketUsers);
        Remember(_knownDayUsers, dayUsers);
    }

    private static void Remember<T>(HashSet<T> known, List<T> committed)
    {
        if (known.Count + committed.Count > MaxKnownUsers)
        {
            known.Clear();
        }
        known.UnionWith(committed);
    }

    private IEnumerable<SqliteCommand> Commands =>
        [_insertEvent, _insertRequest, _addEventCount, _addPropertyCount, _insertBucketUser, _insertDayUser, _addUserCount, _readRequestRollup, _writeRequestRollup];

    private void WriteEventCounts(Dictionary<EventBucketKey, long> counts, Granularity granularity)
    {
        foreach (var (key, count) in counts)
        {
            Run(_addEventCount, key.ProjectId, (int)granularity, key.EventName, key.BucketStart.ToUnixTimeSeconds(), count);
        }
    }

    private void WriteRequestRollups(Dictionary<RequestBucketKey, RequestAggregate> aggregates, Granularity granularity)
    {
        foreach (var (key, aggregate) in aggregates)
        {
            var bucket = key.BucketStart.ToUnixTimeSeconds();
            var merged = new RequestAggregate();
            merged.Merge(aggregate);
            Bind(_readRequestRollup, key.ProjectId, (int)granularity, bucket);
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
            Run(_writeRequestRollup, key.ProjectId, (int)granularity, bucket, merged.Count, merged.ServerErrors, merged.ClientErrors, merged.SumMs, merged.Sketch.ToBytes());
        }
    }

    private SqliteCommand Prepare(string sql, params string[] parameterNames)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameterNames)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }
        return command;
    }

    private static void Bind(SqliteCommand command, params object?[] values)
    {
        for (var index = 0; index < values.Length; index++)
        {
            command.Parameters[index].Value = values[index] ?? DBNull.Value;
        }
    }

    private static int Run(SqliteCommand command, params object?[] values)
    {
        Bind(command, values);
        return command.ExecuteNonQuery();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var command in Commands)
        {
            await command.DisposeAsync();
        }
        await _connection.DisposeAsync();
    }
}
