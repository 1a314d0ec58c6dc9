using System.Runtime.CompilerServices;
using Dapper;
using Vigil.Core.Metrics;
using Vigil.Core.Series;

namespace Vigil.Storage.Sqlite;

public sealed partial class SqliteTelemetryStore
{
    private const string MinuteColumns = """
        project_id AS ProjectId, series_id AS SeriesId, minute AS Minute, count AS Count, sum AS Sum, min AS Min, max AS Max,
        last AS Last, last_time AS LastTime, sketch AS Sketch
        """;

    /// <summary>Every series' minute rollups in key order, a page at a time (for <c>vigil migrate</c>).</summary>
    public async IAsyncEnumerable<IReadOnlyList<SeriesMinute>> ReadAllMetricMinutesAsync(int pageSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenReadAsync(cancellationToken);
        // The table has no rowid: its primary key is the cursor.
        for (var (project, series, minute) = (-1L, 0L, 0L); ;)
        {
            var rows = (await connection.QueryAsync<MinuteRow>(new CommandDefinition(
                $"""
                SELECT {MinuteColumns} FROM metric_minutes WHERE (project_id, series_id, minute) > (@project, @series, @minute)
                ORDER BY project_id, series_id, minute LIMIT @pageSize
                """,
                new { project, series, minute, pageSize }, cancellationToken: cancellationToken))).ToList();
            if (rows.Count == 0)
            {
                yield break;
            }
            (project, series, minute) = (rows[^1].ProjectId, rows[^1].SeriesId, rows[^1].Minute);
            yield return rows.Select(row => row.ToMinute()).ToList();
        }
    }

    private sealed record MinuteRow(long ProjectId, long SeriesId, long Minute, long Count, double Sum, double Min, double Max, double Last, long LastTime, byte[]? Sketch)
    {
        public SeriesMinute ToMinute() => new(ProjectId, SeriesId, DateTimeOffset.FromUnixTimeSeconds(Minute), new MinuteRollup
        {
            Count = Count,
            Sum = Sum,
            Min = Min,
            Max = Max,
            Last = Last,
            LastTime = DateTimeOffset.FromUnixTimeMilliseconds(LastTime),
            Sketch = Sketch is null ? null : LatencySketch.FromBytes(Sketch),
        });
    }
}
