using Microsoft.Data.Sqlite;
using Vigil.Core.Ingest;

namespace Vigil.Storage.Sqlite;

/// <summary>
/// What the product KPIs read instead of an index on events, kept per commit: <c>event_id_blocks</c> holds, per
/// project and block of 1,024 event ids, the oldest and newest timestamp of its events, so a read of a time range
/// visits only the ids that can hold it; <c>user_first_events</c> holds each user's first event of each name (its
/// time and id), so "first ever" reads need not scan all history. A commit writes one block row per block it filled
/// and a first-event row only for a (user, name) that is new or earlier than the one stored, where an index on
/// events wrote an entry per event. Names starting with <c>$</c> (page views and the SDKs' other automatic events, most
/// of the traffic) get no first-event rows: every user has one per name, a random B-tree write each, which cost ingest
/// its latency target; the first-event reads scan events for them instead (a signup or paid event is the app's own).
/// </summary>
/// <remarks>
/// The first-event cache mirrors committed rows plus the current transaction's; it is only valid because this is the
/// file's one writer and because the writer, caches included, is thrown away when a write fails.
/// </remarks>
internal sealed class SqliteEventRollups : IDisposable
{
    /// <summary>A block is the ids sharing <c>id &gt;&gt; 10</c>, as the schema's migration computes it.</summary>
    public const int BlockBits = 10;

    private const int MaxCachedFirsts = 2_000_000;
    private const int MaxCachedNames = 10_000;

    private readonly SqliteCommand _writeBlock;
    private readonly SqliteCommand _readFirst;
    private readonly SqliteCommand _writeFirst;
    private readonly Dictionary<FirstKey, long> _firstTimes = new();
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);
    private readonly Dictionary<(long ProjectId, long Block), (long MinTs, long MaxTs)> _batchBlocks = new();
    private readonly Dictionary<FirstKey, FirstEvent> _batchFirsts = new();

    // The user is their number in the project's user sets, the name one shared string: a key holds no copy of either.
    private readonly record struct FirstKey(long ProjectId, int User, string Name);

    private readonly record struct FirstEvent(string DistinctId, long Ts, long Id);

    public SqliteEventRollups(SqliteConnection connection)
    {
        _writeBlock = SqliteCommands.Prepare(
            connection,
            """
            INSERT INTO event_id_blocks (project_id, block, min_ts, max_ts) VALUES ($p, $b, $min, $max)
            ON CONFLICT DO UPDATE SET min_ts = min(min_ts, excluded.min_ts), max_ts = max(max_ts, excluded.max_ts)
            """,
            "$p", "$b", "$min", "$max");
        _readFirst = SqliteCommands.Prepare(connection, "SELECT ts FROM user_first_events WHERE project_id = $p AND name = $n AND distinct_id = $d", "$p", "$n", "$d");
        _writeFirst = SqliteCommands.Prepare(
            connection,
            "INSERT OR REPLACE INTO user_first_events (project_id, name, distinct_id, ts, event_id) VALUES ($p, $n, $d, $t, $i)",
            "$p", "$n", "$d", "$t", "$i");
    }

    private IEnumerable<SqliteCommand> Commands => [_writeBlock, _readFirst, _writeFirst];

    /// <summary>
    /// Adds the batch's events, which got the ids in <paramref name="ids"/>, within the transaction. Of events at the
    /// same millisecond the one stored first stays a user's first.
    /// </summary>
    public void Write(IReadOnlyList<ProductEvent> events, IReadOnlyList<long> ids, Func<long, string, int> userNumber, SqliteTransaction transaction)
    {
        foreach (var command in Commands)
        {
            command.Transaction = transaction;
        }
        _batchBlocks.Clear();
        _batchFirsts.Clear();
        for (var index = 0; index < events.Count; index++)
        {
            var (productEvent, id) = (events[index], ids[index]);
            var ts = productEvent.Timestamp.ToUnixTimeMilliseconds();
            var block = (productEvent.ProjectId, id >> BlockBits);
            _batchBlocks[block] = _batchBlocks.TryGetValue(block, out var span) ? (Math.Min(span.MinTs, ts), Math.Max(span.MaxTs, ts)) : (ts, ts);

            if (productEvent.Name.StartsWith('$'))
            {
                continue;
            }
            var key = new FirstKey(productEvent.ProjectId, userNumber(productEvent.ProjectId, productEvent.DistinctId), Shared(productEvent.Name));
            if ((_firstTimes.TryGetValue(key, out var known) && known <= ts) || (_batchFirsts.TryGetValue(key, out var earlier) && earlier.Ts <= ts))
            {
                continue;
            }
            _batchFirsts[key] = new FirstEvent(productEvent.DistinctId, ts, id);
        }

        foreach (var ((projectId, block), (minTs, maxTs)) in _batchBlocks)
        {
            SqliteCommands.Run(_writeBlock, projectId, block, minTs, maxTs);
        }
        if (_firstTimes.Count + _batchFirsts.Count > MaxCachedFirsts)
        {
            _firstTimes.Clear();
        }
        foreach (var (key, first) in _batchFirsts)
        {
            if (!_firstTimes.TryGetValue(key, out var stored))
            {
                SqliteCommands.Bind(_readFirst, key.ProjectId, key.Name, first.DistinctId);
                stored = _readFirst.ExecuteScalar() is long committed ? committed : long.MaxValue;
            }
            if (stored <= first.Ts)
            {
                _firstTimes[key] = stored;
                continue;
            }
            SqliteCommands.Run(_writeFirst, key.ProjectId, key.Name, first.DistinctId, first.Ts, first.Id);
            _firstTimes[key] = first.Ts;
        }
    }

    public void Dispose()
    {
        foreach (var command in Commands)
        {
            command.Dispose();
        }
    }

    private string Shared(string name)
    {
        if (_names.TryGetValue(name, out var shared))
        {
            return shared;
        }
        if (_names.Count >= MaxCachedNames)
        {
            _names.Clear();
        }
        _names[name] = name;
        return name;
    }
}
