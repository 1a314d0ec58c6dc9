using System.Globalization;
using Vigil.Core.Metrics;
using Vigil.Core.Series;
using static System.FormattableString;

namespace Vigil.Storage.ClickHouse;

public sealed partial class ClickHouseTelemetryStore
{
    public async Task<IReadOnlyList<StoredSeries>> ReadMetricSeriesAsync(IReadOnlyCollection<long> projectIds, IReadOnlyCollection<string>? names, CancellationToken cancellationToken)
    {
        var nameFilter = names is null ? "" : $"AND name IN ({string.Join(", ", names.DefaultIfEmpty("").Select(ClickHouseSql.String))})";
        var rows = await _client.QueryAsync(
            Invariant($"""
            SELECT project_id, name, labels, any(kind), any(unit), argMax(has_state, state_time), max(state_time), argMax(state_start, state_time),
                argMax(state_value, state_time), argMax(state_count, state_time), argMax(state_sum, state_time), argMax(state_sketch, state_time)
            FROM metric_series WHERE project_id IN ({Ids(projectIds)}) {nameFilter}
            GROUP BY project_id, series_id, name, labels
            """),
            cancellationToken);
        return rows.Select(row => new StoredSeries(
            new NamedSeries(Long(row[0]), row[1], SeriesLabels.FromJson(row[2]), (SeriesKind)Long(row[3]), row[4]),
            row[5] == "0" ? null : new SeriesState(
                DateTimeOffset.FromUnixTimeMilliseconds(Long(row[6])), row[7] == "0" ? null : DateTimeOffset.FromUnixTimeMilliseconds(Long(row[7])),
                Double(row[8]), Long(row[9]), Double(row[10]), row[11].Length == 0 ? null : LatencySketch.FromBytes(Convert.FromBase64String(row[11]))))).ToList();
    }

    public async Task<IReadOnlyList<SeriesMinute>> ReadMetricMinutesAsync(
        IReadOnlyCollection<long> projectIds, IReadOnlyCollection<long> seriesIds, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        if (seriesIds.Count == 0)
        {
            return [];
        }
        var rows = await _client.QueryAsync(
            Invariant($"""
            SELECT project_id, series_id, toUInt32(minute), count, sum, min, max, last, last_time, sketch FROM metric_minutes
            WHERE project_id IN ({Ids(projectIds)}) AND series_id IN ({Ids(seriesIds)}) AND minute >= {ClickHouseSql.Time(from)} AND minute < {ClickHouseSql.Time(to)}
            """),
            cancellationToken);
        return rows.Select(row => new SeriesMinute(Long(row[0]), Long(row[1]), Instant(row[2]), new MinuteRollup
        {
            Count = Long(row[3]),
            Sum = Double(row[4]),
            Min = Double(row[5]),
            Max = Double(row[6]),
            Last = Double(row[7]),
            LastTime = DateTimeOffset.FromUnixTimeMilliseconds(Long(row[8])),
            Sketch = row[9].Length == 0 ? null : LatencySketch.FromBytes(Convert.FromBase64String(row[9])),
        })).ToList();
    }

    private static double Double(string value) => double.Parse(value, CultureInfo.InvariantCulture);
}
