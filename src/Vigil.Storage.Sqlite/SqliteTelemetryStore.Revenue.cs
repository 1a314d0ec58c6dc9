using Dapper;
using Vigil.Core.Metrics;
using Vigil.Core.Storage;

namespace Vigil.Storage.Sqlite;

public sealed partial class SqliteTelemetryStore
{
    public async Task<IReadOnlyList<EventValueSum>> ReadEventValueSumsAsync(
        long projectId, string eventName, string valueProperty, string? groupProperty, DateTimeOffset from, DateTimeOffset to, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenReadAsync(cancellationToken);
        // CAST takes the longest numeric prefix of a string, as ClickHouse's visitParamExtractFloat does.
        var rows = await connection.QueryAsync<(long Ts, double Value, string? Group)>(new CommandDefinition(
            $"""
            SELECT e.ts,
                CASE WHEN json_type(properties, @valuePath) IN ('integer', 'real', 'text') THEN CAST(json_extract(properties, @valuePath) AS REAL) ELSE 0.0 END,
                CASE WHEN @groupPath IS NOT NULL AND json_type(properties, @groupPath) = 'text' THEN json_extract(properties, @groupPath) END
            FROM {EventsInTimeRange}
                AND e.name = @eventName
            """,
            new
            {
                projectId,
                eventName,
                valuePath = JsonPath(valueProperty),
                groupPath = groupProperty is null ? null : JsonPath(groupProperty),
                from = from.ToUnixTimeMilliseconds(),
                to = to.ToUnixTimeMilliseconds(),
            },
            cancellationToken: cancellationToken));
        return rows
            .GroupBy(row => (
                Date: TimeBuckets.LocalDate(DateTimeOffset.FromUnixTimeMilliseconds(row.Ts), zone),
                Group: groupProperty is null ? "" : row.Group is { Length: > 0 } value ? value : DashboardMetrics.NoValueLabel))
            .Select(group => new EventValueSum(group.Key.Date, group.Key.Group, group.Sum(row => row.Value), group.LongCount()))
            .OrderBy(sum => sum.Date).ThenBy(sum => sum.Group, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>A JSON path to one top-level key, quoted so that any name (dots, spaces) is a single key.</summary>
    private static string JsonPath(string property) => "$.\"" + property.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
