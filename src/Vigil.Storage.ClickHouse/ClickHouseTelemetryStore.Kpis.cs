using System.Globalization;
using System.Runtime.CompilerServices;
using Vigil.Core.Storage;
using static System.FormattableString;

namespace Vigil.Storage.ClickHouse;

/// <summary>
/// The product KPIs' reads, aggregated per user in ClickHouse. Property values come from the breakdown arrays the
/// ingest fills (absent: empty). Events are ordered by (project, name, time), so a name and a time range narrow
/// every read; a local-day range is widened by the most any zone is off UTC to bound the times.
/// </summary>
public sealed partial class ClickHouseTelemetryStore : IKpiEventStore
{
    private const string Millis = "(toUInt64(time) * 1000 + millis)";

    public async Task<IReadOnlyList<UserActiveDays>> ReadActiveDaysAsync(long projectId, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var rows = await _client.QueryAsync(
            Invariant($"""
            SELECT distinct_id, arrayStringConcat(arrayMap(day -> toString(toUInt16(day)), arraySort(groupUniqArray(local_day))), ',') FROM events
            WHERE project_id = {projectId} AND time >= {ClickHouseSql.Time(new DateTimeOffset(from.AddDays(-1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero))}
                AND time < {ClickHouseSql.Time(new DateTimeOffset(to.AddDays(2).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero))}
                AND local_day >= {ClickHouseSql.Date(from)} AND local_day <= {ClickHouseSql.Date(to)}
            GROUP BY distinct_id
            """),
            cancellationToken);
        return rows.Select(row => new UserActiveDays(
            row[0], row[1].Split(',').Select(day => DateOnly.FromDayNumber(UnixEpochDay + int.Parse(day, CultureInfo.InvariantCulture))).ToList())).ToList();
    }

    public async Task<IReadOnlyList<FirstOccurrence>> ReadFirstOccurrencesAsync(
        long projectId, string eventName, PropertyExclusion? exclusion, string? property, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var excluded = exclusion is null ? "" : $"AND {PropertyValue(exclusion.Property)} != {ClickHouseSql.String(exclusion.ExcludedValue)}";
        var rows = await _client.QueryAsync(
            Invariant($"""
            SELECT distinct_id, min({Millis}) AS first, argMin({PropertyValue(property)}, {Millis}) FROM events
            WHERE project_id = {projectId} AND name = {ClickHouseSql.String(eventName)} AND time <= {ClickHouseSql.Time(to)} AND {Millis} < {to.ToUnixTimeMilliseconds()} {excluded}
            GROUP BY distinct_id HAVING first >= {from.ToUnixTimeMilliseconds()}
            """),
            cancellationToken);
        return rows.Select(row => new FirstOccurrence(row[0], DateTimeOffset.FromUnixTimeMilliseconds(Long(row[1])), NullIfEmpty(row[2]))).ToList();
    }

    public async Task<IReadOnlyDictionary<string, string>> ReadLatestPropertyValuesAsync(long projectId, string property, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var rows = await _client.QueryAsync(
            Invariant($"""
            SELECT distinct_id, argMax({PropertyValue(property)}, {Millis}) FROM events
            WHERE project_id = {projectId} AND {TimeRange(from, to)} AND has(breakdown_keys, {ClickHouseSql.String(property)})
            GROUP BY distinct_id
            """),
            cancellationToken);
        return rows.ToDictionary(row => row[0], row => row[1], StringComparer.Ordinal);
    }

    public async IAsyncEnumerable<StepEvent> ReadStepEventsAsync(
        long projectId, IReadOnlyCollection<string> eventNames, string? property, DateTimeOffset from, DateTimeOffset to, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var rows = _client.QueryRowsAsync(
            Invariant($"""
            SELECT distinct_id, name, {Millis} AS ms, {PropertyValue(property)} FROM events
            WHERE project_id = {projectId} AND name IN ({string.Join(", ", eventNames.Select(ClickHouseSql.String))}) AND {TimeRange(from, to)}
            ORDER BY distinct_id, ms
            """),
            cancellationToken);
        await foreach (var row in rows)
        {
            yield return new StepEvent(row[0], row[1], DateTimeOffset.FromUnixTimeMilliseconds(Long(row[2])), NullIfEmpty(row[3]));
        }
    }

    public async Task<IReadOnlyDictionary<string, long>> CountEventsPerUserAsync(long projectId, string eventName, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var rows = await _client.QueryAsync(
            Invariant($"""
            SELECT distinct_id, count() FROM events
            WHERE project_id = {projectId} AND name = {ClickHouseSql.String(eventName)} AND {TimeRange(from, to)}
            GROUP BY distinct_id
            """),
            cancellationToken);
        return rows.ToDictionary(row => row[0], row => Long(row[1]), StringComparer.Ordinal);
    }

    /// <summary>[from, to) to the millisecond, with whole-second bounds on the sorting key's time first.</summary>
    private static string TimeRange(DateTimeOffset from, DateTimeOffset to) => Invariant(
        $"time >= {ClickHouseSql.Time(from)} AND time <= {ClickHouseSql.Time(to)} AND {Millis} >= {from.ToUnixTimeMilliseconds()} AND {Millis} < {to.ToUnixTimeMilliseconds()}");

    private static string PropertyValue(string? property) =>
        property is null ? "''" : $"breakdown_values[indexOf(breakdown_keys, {ClickHouseSql.String(property)})]";
}
