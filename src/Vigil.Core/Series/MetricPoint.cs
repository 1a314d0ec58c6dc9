using Vigil.Core.Metrics;

namespace Vigil.Core.Series;

/// <summary>Whether a counter or histogram point carries its total since a start time, or only what happened since the last point.</summary>
public enum Temporality
{
    Cumulative,
    Delta,
}

/// <summary>A histogram's observations: how many, their sum, and their distribution as a scaled sketch (<see cref="HistogramSketches"/>).</summary>
public sealed record HistogramValue(long Count, double Sum, LatencySketch Sketch);

/// <summary>
/// One accepted point of a series. Gauges use <see cref="Value"/>; counters use it as their total (cumulative) or
/// their increase (delta); histograms use <see cref="Histogram"/>. <see cref="StartTime"/> is when a cumulative
/// total started counting, when the sender says (OTLP does, Prometheus does not).
/// </summary>
public sealed record MetricPoint(
    NamedSeries Series,
    DateTimeOffset Time,
    double Value,
    Temporality Temporality = Temporality.Cumulative,
    DateTimeOffset? StartTime = null,
    HistogramValue? Histogram = null);

/// <summary>
/// The last cumulative point of a counter or histogram, kept with the series so the next point's increase can be
/// computed, also after a restart.
/// </summary>
public sealed record SeriesState(DateTimeOffset Time, DateTimeOffset? StartTime, double Value, long Count, double Sum, LatencySketch? Sketch);

/// <summary>
/// One series' points of one UTC minute. Gauges: point count, sum, min, max and the last value; counters: the
/// increase in <see cref="Sum"/> (point count in <see cref="Count"/>); histograms: observations in
/// <see cref="Count"/>, their sum and sketch.
/// </summary>
public sealed class MinuteRollup
{
    public long Count { get; set; }
    public double Sum { get; set; }
    public double Min { get; set; } = double.PositiveInfinity;
    public double Max { get; set; } = double.NegativeInfinity;
    public double Last { get; set; }
    public DateTimeOffset LastTime { get; set; } = DateTimeOffset.MinValue;
    public LatencySketch? Sketch { get; set; }

    /// <summary>
    /// Only for a classic histogram put together at query time (<see cref="ClassicHistograms"/>): the increase of each
    /// cumulative bucket, by upper bound. Stores neither write nor read it.
    /// </summary>
    public SortedDictionary<double, double>? Buckets { get; private set; }

    public void AddBucket(double upperBound, double increase)
    {
        Buckets ??= [];
        Buckets[upperBound] = Buckets.GetValueOrDefault(upperBound) + increase;
    }

    public void AddGauge(double value, DateTimeOffset time)
    {
        Count++;
        Sum += value;
        Min = Math.Min(Min, value);
        Max = Math.Max(Max, value);
        SetLast(value, time);
    }

    public void AddIncrease(double increase, double total, DateTimeOffset time)
    {
        Count++;
        Sum += increase;
        SetLast(total, time);
    }

    public void AddHistogram(long count, double sum, LatencySketch sketch, DateTimeOffset time)
    {
        Count += count;
        Sum += sum;
        (Sketch ??= new LatencySketch()).Merge(sketch);
        SetLast(sum, time);
    }

    /// <summary>Adds another rollup of the same series and minute (a later batch, or another node's rows).</summary>
    public void Merge(MinuteRollup other)
    {
        Count += other.Count;
        Sum += other.Sum;
        Min = Math.Min(Min, other.Min);
        Max = Math.Max(Max, other.Max);
        SetLast(other.Last, other.LastTime);
        if (other.Sketch is not null)
        {
            (Sketch ??= new LatencySketch()).Merge(other.Sketch);
        }
        foreach (var (upperBound, increase) in other.Buckets ?? [])
        {
            AddBucket(upperBound, increase);
        }
    }

    private void SetLast(double value, DateTimeOffset time)
    {
        if (time >= LastTime)
        {
            (Last, LastTime) = (value, time);
        }
    }
}

/// <summary>A series as a store keeps it, with the state of its last cumulative point (null for gauges and delta series).</summary>
public sealed record StoredSeries(NamedSeries Series, SeriesState? State);
