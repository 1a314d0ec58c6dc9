using System.Globalization;
using System.Text;
using Vigil.Core.Logs;
using static System.FormattableString;

namespace Vigil.Storage.ClickHouse;

/// <summary>
/// Log lines in <c>logs</c>, ordered by (project_id, time) and partitioned by UTC day. A search reads the project's
/// time range, newest part first (<see cref="NewestFirstWindows"/>), and filters it: words as case-insensitive
/// substrings (<c>positionCaseInsensitiveUTF8</c>), attributes from their JSON object (<c>visitParam*</c>). A line's
/// id is a hash of its batch id and position, so it is the same at every read and orders lines of one millisecond.
/// </summary>
public sealed partial class ClickHouseTelemetryStore
{
    private const string LineId = "cityHash64(batch_id, seq)";
    private const string LineTime = "(toUInt64(time) * 1000 + millis)";
    private static readonly TimeSpan FirstLogWindow = TimeSpan.FromHours(1);
    private static readonly TimeSpan LastLogWindow = TimeSpan.FromHours(1024);

    public async Task<LogPage> SearchLogsAsync(LogQuery query, CancellationToken cancellationToken)
    {
        var where = new StringBuilder(Invariant($"project_id = {query.ProjectId}"));
        if (query.From is { } from)
        {
            // The whole seconds narrow the scan by the sorting key; the milliseconds make the bound exact.
            where.Append(Invariant($" AND time >= {ClickHouseSql.Time(from.AddSeconds(-1))} AND {LineTime} >= {from.ToUnixTimeMilliseconds()}"));
        }
        if (query.To is { } to)
        {
            where.Append(Invariant($" AND time <= {ClickHouseSql.Time(to)} AND {LineTime} < {to.ToUnixTimeMilliseconds()}"));
        }
        if (query.Before is { } before)
        {
            where.Append(Invariant($" AND time <= {ClickHouseSql.Time(DateTimeOffset.FromUnixTimeMilliseconds(before.TimeMs))}"));
            where.Append(Invariant($" AND ({LineTime} < {before.TimeMs} OR ({LineTime} = {before.TimeMs} AND {LineId} < {before.Id}))"));
        }
        if (query.MinLevel is { } level)
        {
            where.Append(Invariant($" AND level >= {(int)level}"));
        }
        if (query.TraceId is { } traceId)
        {
            where.Append($" AND trace_id = {ClickHouseSql.String(traceId)}");
        }
        foreach (var term in query.Terms)
        {
            where.Append($" AND positionCaseInsensitiveUTF8(body, {ClickHouseSql.String(term.Text)}) > 0");
        }
        foreach (var (key, value) in query.Attributes)
        {
            var name = ClickHouseSql.String(AttributeJsonName(key));
            where.Append($" AND visitParamHas(attributes, {name}) AND visitParamExtractString(attributes, {name}) = {ClickHouseSql.String(value)}");
        }
        var wanted = query.Limit + 1;
        var found = new List<StoredLog>(wanted);
        foreach (var window in NewestFirstWindows(query))
        {
            var rows = await _client.QueryAsync(
                Invariant($"""
                SELECT {LineTime} AS at, {LineId} AS id, observed_ms, severity_number, severity_text, level, body, service, trace_id, span_id, attributes
                FROM logs WHERE {where}{window}
                ORDER BY at DESC, id DESC LIMIT {wanted - found.Count}
                """),
                cancellationToken);
            found.AddRange(rows.Select(row => new StoredLog(ulong.Parse(row[1], CultureInfo.InvariantCulture), new LogRecord(
                query.ProjectId, DateTimeOffset.FromUnixTimeMilliseconds(Long(row[0])), DateTimeOffset.FromUnixTimeMilliseconds(Long(row[2])),
                int.Parse(row[3], CultureInfo.InvariantCulture), row[4], (LogSeverity)int.Parse(row[5], CultureInfo.InvariantCulture), row[6], row[7],
                NullIfEmpty(row[8]), NullIfEmpty(row[9]), LogAttributeJson.Deserialize(row[10])))));
            if (found.Count == wanted)
            {
                break;
            }
        }
        return LogPage.From(found, query.Limit);
    }

    /// <summary>
    /// Whole-second time ranges that together cover everything, newest first: an hour below the search's upper end
    /// (and everything above it), then each range four times the last, the final one open below. 18.16 sorts every
    /// line in range before it applies a LIMIT, so a search reads the newest range, and an older one only while the
    /// page is not full; each range reads only its days' partitions and its part of the (project_id, time) key. Lines
    /// of one millisecond never straddle two ranges.
    /// </summary>
    private IEnumerable<string> NewestFirstWindows(LogQuery query)
    {
        DateTimeOffset? cursorTime = query.Before is { } before ? DateTimeOffset.FromUnixTimeMilliseconds(before.TimeMs) : null;
        var upper = new[] { query.To, cursorTime, _time.GetUtcNow() }.Min()!.Value;
        DateTimeOffset? newer = null;
        for (var span = FirstLogWindow; ; span *= 4)
        {
            var lower = upper - span;
            var last = span >= LastLogWindow || (query.From is { } from && lower <= from);
            var fromLower = last ? "" : Invariant($" AND time >= {ClickHouseSql.Time(lower)}");
            var belowNewer = newer is { } bound ? Invariant($" AND time < {ClickHouseSql.Time(bound)}") : "";
            yield return fromLower + belowNewer;
            if (last)
            {
                yield break;
            }
            newer = lower;
        }
    }

    /// <summary>A key as it is written between the quotes of the JSON object, which is what visitParam* look for.</summary>
    private static string AttributeJsonName(string key)
    {
        var quoted = LogAttributeJson.Serialize([new(key, "")]);
        return quoted[2..quoted.IndexOf("\":", StringComparison.Ordinal)];
    }

    /// <summary>
    /// Drops the UTC days that lie wholly before every project's cutoff, on every shard: a partition drop is instant,
    /// where a delete is a mutation that rewrites whole parts. Lines of a shorter retention that are still stored are
    /// out of every search (<see cref="LogQuery.WithinRetention"/>).
    /// </summary>
    public async Task<long> DeleteExpiredLogsAsync(IReadOnlyDictionary<long, DateTimeOffset> cutoffs, CancellationToken cancellationToken)
    {
        if (cutoffs.Count == 0)
        {
            return 0;
        }
        var settings = _client.Settings;
        var table = ClickHouseSchema.Local("logs", settings.Cluster);
        var firstKeptDay = int.Parse(cutoffs.Values.Min().UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        long dropped = 0;
        foreach (var server in settings.Servers)
        {
            var partitions = await _client.QueryAsync(
                Invariant($"""
                SELECT partition, sum(rows) FROM system.parts
                WHERE database = {ClickHouseSql.String(settings.Database)} AND table = {ClickHouseSql.String(table)} AND active
                GROUP BY partition
                """),
                cancellationToken, server);
            foreach (var partition in partitions.Where(partition => int.Parse(partition[0], CultureInfo.InvariantCulture) < firstKeptDay))
            {
                await _client.ExecuteAsync(Invariant($"ALTER TABLE {settings.Database}.{table} DROP PARTITION {partition[0]}"), cancellationToken, server, withDatabase: false);
                dropped += Long(partition[1]);
            }
        }
        return dropped;
    }
}
