using Vigil.Core.Metrics;
using Vigil.Core.Storage;

namespace Vigil.Storage.ClickHouse;

public sealed partial class ClickHouseTelemetryStore
{
    public async Task<IReadOnlyList<EventValueSum>> ReadEventValueSumsAsync(
        long projectId, string eventName, string valueProperty, string? groupProperty, DateTimeOffset from, DateTimeOffset to, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var group = groupProperty is null ? "''" : $"visitParamExtractString({CanonicalValue(groupProperty)}, 'v')";
        var (fromMs, toMs) = (from.ToUnixTimeMilliseconds(), to.ToUnixTimeMilliseconds());
        var rows = await _client.QueryAsync(
            $$"""
            SELECT toUInt32(toDate(time, {{ClickHouseSql.String(zone.Id)}})) AS day, {{group}} AS value,
                sum(visitParamExtractFloat({{CanonicalValue(valueProperty)}}, 'v')), count()
            FROM events
            WHERE project_id = {{ClickHouseSql.Number(projectId)}} AND name = {{ClickHouseSql.String(eventName)}}
                AND time >= {{ClickHouseSql.Time(from)}} AND time <= {{ClickHouseSql.Time(to)}}
                AND toUInt64(time) * 1000 + millis >= {{ClickHouseSql.Number(fromMs)}} AND toUInt64(time) * 1000 + millis < {{ClickHouseSql.Number(toMs)}}
            GROUP BY day, value
            """,
            cancellationToken);
        return rows.Select(row => new EventValueSum(
                DateOnly.FromDayNumber(UnixEpochDay + (int)Long(row[0])),
                groupProperty is null ? "" : row[1] is { Length: > 0 } value ? value : DashboardMetrics.NoValueLabel,
                double.Parse(row[2], System.Globalization.CultureInfo.InvariantCulture),
                Long(row[3])))
            .OrderBy(sum => sum.Date).ThenBy(sum => sum.Group, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// The value of a property rewritten as <c>{"v":…}</c>: visitParamExtract* read nothing after <c>"key": </c> with a
    /// space (Python's json.dumps writes one), while visitParamExtractRaw takes the value whatever precedes it.
    /// </summary>
    private static string CanonicalValue(string property) =>
        $$"""concat('{"v":', replaceRegexpAll(visitParamExtractRaw(properties, {{ClickHouseSql.String(property)}}), '^\\s+|\\s+$', ''), '}')""";
}
