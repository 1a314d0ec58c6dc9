using Vigil.Core.Metrics;
using Vigil.Core.Series;

namespace Vigil.Core.Tests.Series;

public sealed class SeriesAccumulatorTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 21, 5, 0, 0, TimeSpan.Zero);
    private static readonly NamedSeries Counter = new(1, "jobs_total", [], SeriesKind.Counter, "");
    private static readonly NamedSeries Gauge = new(1, "queue_depth", [KeyValuePair.Create("queue", "mail")], SeriesKind.Gauge, "");
    private static readonly NamedSeries Histogram = new(1, "db_read_latency", [], SeriesKind.Histogram, "ms");

    [Fact]
    public void Accumulate_CumulativeCounterWithDropAndStartChange_IncreaseLikePrometheus()
    {
        // 0 → 10 → 25 → reset to 4 (value drops) → 9 → restart with a new start time at 30 (value grew past the old 9).
        var points = new[] { 0.0, 10, 25, 4, 9 }.Select((value, minute) => new MetricPoint(Counter, Start.AddMinutes(minute), value, StartTime: Start.AddHours(-1)))
            .Append(new MetricPoint(Counter, Start.AddMinutes(5), 30, StartTime: Start.AddMinutes(4).AddSeconds(30)))
            .ToList();

        var write = SeriesAccumulator.Accumulate(points, _ => null);

        Assert.Equal([0.0, 10, 15, 4, 5, 30], Enumerable.Range(0, 6).Select(minute => write.Rollups[(1, Counter.Id, Start.AddMinutes(minute))].Sum));
        Assert.Equal(new SeriesState(Start.AddMinutes(5), Start.AddMinutes(4).AddSeconds(30), 30, 0, 0, null), write.Series[(1, Counter.Id)].State);
    }

    [Fact]
    public void CounterIncrease_FirstPoint_CountsFromItsStartTimeOrIsOnlyTheBaseline()
    {
        Assert.Equal(7, SeriesAccumulator.CounterIncrease(null, new MetricPoint(Counter, Start, 7, StartTime: Start.AddMinutes(-1))));
        Assert.Equal(0, SeriesAccumulator.CounterIncrease(null, new MetricPoint(Counter, Start, 7)));
    }

    [Fact]
    public void CounterIncrease_PointNotNewerThanTheState_AddsNothing()
    {
        var state = new SeriesState(Start, null, 50, 0, 0, null);

        Assert.Null(SeriesAccumulator.CounterIncrease(state, new MetricPoint(Counter, Start, 60)));
        Assert.Equal(10, SeriesAccumulator.CounterIncrease(state, new MetricPoint(Counter, Start.AddSeconds(15), 60)));
    }

    [Fact]
    public void Accumulate_DeltaCounter_AddsEachPoint()
    {
        var write = SeriesAccumulator.Accumulate(
            [new MetricPoint(Counter, Start, 3, Temporality.Delta), new MetricPoint(Counter, Start.AddSeconds(30), 4, Temporality.Delta)],
            _ => throw new InvalidOperationException("delta points need no state"));

        Assert.Equal((2L, 7.0), (write.Rollups[(1, Counter.Id, Start)].Count, write.Rollups[(1, Counter.Id, Start)].Sum));
        Assert.Null(write.Series[(1, Counter.Id)].State);
    }

    [Fact]
    public void Accumulate_Gauge_LastMinMaxSumCountPerMinute()
    {
        var write = SeriesAccumulator.Accumulate(
            [new MetricPoint(Gauge, Start.AddSeconds(50), 2), new MetricPoint(Gauge, Start.AddSeconds(10), 8), new MetricPoint(Gauge, Start.AddSeconds(30), 5), new MetricPoint(Gauge, Start.AddMinutes(1), 1)],
            _ => null);

        var minute = write.Rollups[(1, Gauge.Id, Start)];
        Assert.Equal((3L, 15.0, 2.0, 8.0, 2.0), (minute.Count, minute.Sum, minute.Min, minute.Max, minute.Last));
        Assert.Equal(1, write.Rollups[(1, Gauge.Id, Start.AddMinutes(1))].Last);
    }

    [Fact]
    public void Accumulate_CumulativeHistogram_PerMinuteDifferenceOfTheSketches()
    {
        var previous = new SeriesState(Start.AddMinutes(-1), Start.AddHours(-1), 0, 2, 30, Sketch(10, 20));
        var point = new MetricPoint(Histogram, Start, 0, StartTime: Start.AddHours(-1), Histogram: new HistogramValue(4, 330, Sketch(10, 20, 100, 200)));

        var write = SeriesAccumulator.Accumulate([point], _ => previous);

        var minute = write.Rollups[(1, Histogram.Id, Start)];
        Assert.Equal((2L, 300.0), (minute.Count, minute.Sum));
        Assert.Equal(100, HistogramSketches.Quantile(minute.Sketch!, 0.5)!.Value, 100 * 0.01);
        Assert.Equal(4, write.Series[(1, Histogram.Id)].State!.Count);
    }

    [Fact]
    public void Accumulate_CumulativeHistogramReset_TakesTheWholeNewHistogram()
    {
        var previous = new SeriesState(Start.AddMinutes(-1), Start.AddHours(-1), 0, 3, 60, Sketch(10, 20, 30));
        var point = new MetricPoint(Histogram, Start, 0, StartTime: Start.AddHours(-1), Histogram: new HistogramValue(1, 500, Sketch(500)));

        var minute = SeriesAccumulator.Accumulate([point], _ => previous).Rollups[(1, Histogram.Id, Start)];

        Assert.Equal((1L, 500.0), (minute.Count, minute.Sum));
    }

    private static LatencySketch Sketch(params double[] values)
    {
        var sketch = new LatencySketch();
        foreach (var value in values)
        {
            sketch.Add(value * HistogramSketches.Scale);
        }
        return sketch;
    }
}
