using Vigil.Core.Metrics;

namespace Vigil.Core.Series;

/// <summary>What a batch of points writes: minute rollups, and every series it touched with its new state (null when it keeps none).</summary>
public sealed record SeriesWrite(
    IReadOnlyDictionary<(long ProjectId, long SeriesId, DateTimeOffset Minute), MinuteRollup> Rollups,
    IReadOnlyDictionary<(long ProjectId, long SeriesId), (NamedSeries Series, SeriesState? State)> Series)
{
    public static readonly SeriesWrite Empty = new(new Dictionary<(long, long, DateTimeOffset), MinuteRollup>(), new Dictionary<(long, long), (NamedSeries, SeriesState?)>());

    public bool IsEmpty => Series.Count == 0;
}

/// <summary>
/// Rolls points up per series and UTC minute. Cumulative counters and histograms become increases against the
/// series' previous state, as Prometheus's <c>increase()</c> reads them: a total that drops, or a start time that
/// changes, is a reset, after which the whole new total counts. A series' first point counts from its start time
/// when the sender gives one (OTLP); without one (Prometheus) it is only the baseline. A cumulative point not newer
/// than the state (a retried or late export) adds nothing.
/// </summary>
public static class SeriesAccumulator
{
    public static SeriesWrite Accumulate(IEnumerable<MetricPoint> points, Func<NamedSeries, SeriesState?> previousState)
    {
        var rollups = new Dictionary<(long, long, DateTimeOffset), MinuteRollup>();
        var series = new Dictionary<(long, long), (NamedSeries Series, SeriesState? State)>();
        foreach (var point in points.OrderBy(point => point.Time))
        {
            var key = (point.Series.ProjectId, point.Series.Id);
            var keepsState = point.Series.Kind != SeriesKind.Gauge && point.Temporality == Temporality.Cumulative;
            var state = series.TryGetValue(key, out var seen) ? seen.State : keepsState ? previousState(point.Series) : null;
            var rollupKey = (point.Series.ProjectId, point.Series.Id, TimeBuckets.MinuteStart(point.Time));
            if (!rollups.TryGetValue(rollupKey, out var rollup))
            {
                rollups[rollupKey] = rollup = new MinuteRollup();
            }
            switch (point.Series.Kind)
            {
                case SeriesKind.Gauge:
                    rollup.AddGauge(point.Value, point.Time);
                    break;
                case SeriesKind.Counter when point.Temporality == Temporality.Delta:
                    rollup.AddIncrease(point.Value, point.Value, point.Time);
                    break;
                case SeriesKind.Counter:
                    if (CounterIncrease(state, point) is { } increase)
                    {
                        rollup.AddIncrease(increase, point.Value, point.Time);
                        state = new SeriesState(point.Time, point.StartTime, point.Value, 0, 0, null);
                    }
                    break;
                case SeriesKind.Histogram when point.Temporality == Temporality.Delta:
                    rollup.AddHistogram(point.Histogram!.Count, point.Histogram.Sum, point.Histogram.Sketch, point.Time);
                    break;
                case SeriesKind.Histogram:
                    if (HistogramIncrease(state, point) is { } added)
                    {
                        rollup.AddHistogram(added.Count, added.Sum, added.Sketch, point.Time);
                        var histogram = point.Histogram!;
                        state = new SeriesState(point.Time, point.StartTime, 0, histogram.Count, histogram.Sum, histogram.Sketch);
                    }
                    break;
            }
            series[key] = (point.Series, state);
        }
        return new SeriesWrite(rollups, series);
    }

    /// <summary>The increase a cumulative counter point adds, or null for a point not newer than the state.</summary>
    public static double? CounterIncrease(SeriesState? previous, MetricPoint point)
    {
        if (previous is null)
        {
            return point.StartTime is null ? 0 : point.Value;
        }
        if (point.Time <= previous.Time)
        {
            return null;
        }
        return IsReset(previous, point.StartTime, point.Value < previous.Value) ? point.Value : point.Value - previous.Value;
    }

    /// <summary>What a cumulative histogram point adds since the state, or null for a point not newer than it.</summary>
    public static HistogramValue? HistogramIncrease(SeriesState? previous, MetricPoint point)
    {
        var current = point.Histogram!;
        if (previous is null)
        {
            return point.StartTime is null ? new HistogramValue(0, 0, new LatencySketch()) : current;
        }
        if (point.Time <= previous.Time)
        {
            return null;
        }
        var added = previous.Sketch is null ? null : current.Sketch.Minus(previous.Sketch);
        return IsReset(previous, point.StartTime, added is null || current.Count < previous.Count)
            ? current
            : new HistogramValue(current.Count - previous.Count, current.Sum - previous.Sum, added!);
    }

    private static bool IsReset(SeriesState previous, DateTimeOffset? startTime, bool dropped) =>
        dropped || startTime is not null && previous.StartTime is not null && startTime != previous.StartTime;
}
