using Vigil.Core.Ingest;
using Vigil.Core.Series;
using Vigil.Core.Storage;

namespace Vigil.Testing.Contracts;

/// <summary>How every telemetry store keeps metric series, their states and minute rollups; each engine runs it on a store of its own.</summary>
public abstract class TelemetrySeriesContract<TEngine> : TelemetryContract<TEngine>
    where TEngine : ITelemetryEngine, new()
{
    private static readonly DateTimeOffset Hour = new(2026, 11, 21, 5, 0, 0, TimeSpan.Zero);
    private static readonly Dictionary<long, TimeZoneInfo> Zones = new() { [1] = TimeZoneInfo.Utc, [2] = TimeZoneInfo.Utc };

    private static readonly NamedSeries Memory = Series("process_memory_bytes", SeriesKind.Gauge, ("instance", "a"));
    private static readonly NamedSeries MemoryB = Series("process_memory_bytes", SeriesKind.Gauge, ("instance", "b"));
    private static readonly NamedSeries Requests = Series("http_requests_total", SeriesKind.Counter, ("method", "GET"));
    private static readonly NamedSeries Latency = Series("db_read_latency", SeriesKind.Histogram, ("db", "main"));

    [Fact]
    public async Task ReadMetricSeriesAsync_SeriesOfTheProjectsAndNames_WithLabelsKindAndUnit()
    {
        var other = new NamedSeries(2, "process_memory_bytes", [KeyValuePair.Create("instance", "x \"quoted\" — 한국어")], SeriesKind.Gauge, "By");
        await WriteAsync(Gauge(Memory, Hour, 10), Gauge(MemoryB, Hour, 20), Counter(Requests, Hour, 5), Gauge(other, Hour, 1));

        var all = await Store.ReadMetricSeriesAsync([1], null, CancellationToken.None);
        var memory = await Store.ReadMetricSeriesAsync([1, 2], ["process_memory_bytes"], CancellationToken.None);

        Assert.Equal(new[] { Memory.Id, MemoryB.Id, Requests.Id }.Order(), all.Select(stored => stored.Series.Id).Order());
        Assert.Equal(3, memory.Count);
        var read = Assert.Single(memory, stored => stored.Series.ProjectId == 2).Series;
        Assert.Equal((other.Id, other.Name, other.LabelsJson, SeriesKind.Gauge, "By"), (read.Id, read.Name, read.LabelsJson, read.Kind, read.Unit));
    }

    [Fact]
    public async Task ReadMetricMinutesAsync_GaugeBatchesInOneMinute_MergeToOneValuePerMinute()
    {
        await WriteAsync(Gauge(Memory, Hour.AddSeconds(10), 10), Gauge(Memory, Hour.AddSeconds(20), 30), Gauge(Memory, Hour.AddMinutes(1), 7));
        await WriteAsync(Gauge(Memory, Hour.AddSeconds(40), 20));

        var minutes = await Store.ReadMetricMinutesAsync([1], [Memory.Id], Hour, Hour.AddMinutes(1), CancellationToken.None);
        var perSeries = Merge(minutes);

        Assert.Equal(20, SeriesQueries.Value(SeriesAggregation.Avg, perSeries, TimeSpan.FromMinutes(1)));
        Assert.Equal(10, SeriesQueries.Value(SeriesAggregation.Min, perSeries, TimeSpan.FromMinutes(1)));
        Assert.Equal(30, SeriesQueries.Value(SeriesAggregation.Max, perSeries, TimeSpan.FromMinutes(1)));
        Assert.Equal(20, SeriesQueries.Value(SeriesAggregation.Last, perSeries, TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public async Task WriteAsync_CumulativeCounterAcrossBatches_IncreasesFromTheStoredState()
    {
        await WriteAsync(Counter(Requests, Hour.AddSeconds(10), 100));
        await WriteAsync(Counter(Requests, Hour.AddMinutes(1), 160));
        await WriteAsync(Counter(Requests, Hour.AddMinutes(2), 15, start: Hour.AddMinutes(1).AddSeconds(30)));

        var state = Assert.Single(await Store.ReadMetricSeriesAsync([1], ["http_requests_total"], CancellationToken.None)).State;
        var minutes = await Store.ReadMetricMinutesAsync([1], [Requests.Id], Hour, Hour.AddMinutes(3), CancellationToken.None);

        Assert.Equal(new SeriesState(Hour.AddMinutes(2), Hour.AddMinutes(1).AddSeconds(30), 15, 0, 0, null), state);
        var groups = SeriesQueries.Aggregate([Requests], minutes, SeriesAggregation.Increase, [], Hour, Hour.AddMinutes(3), TimeSpan.FromMinutes(1));
        Assert.Equal([100.0, 60, 15], Assert.Single(groups).Points.Select(point => point.Value));
    }

    [Fact]
    public async Task WriteAsync_CumulativeHistogram_KeepsTheSketchStateAndPerMinuteDifferences()
    {
        await WriteAsync(Histogram(Latency, Hour.AddSeconds(5), [10, 20, 30]));
        await WriteAsync(Histogram(Latency, Hour.AddMinutes(1), [10, 20, 30, 200, 200]));

        var stored = Assert.Single(await Store.ReadMetricSeriesAsync([1], null, CancellationToken.None));
        var minutes = await Store.ReadMetricMinutesAsync([1], [Latency.Id], Hour, Hour.AddMinutes(2), CancellationToken.None);
        var groups = SeriesQueries.Aggregate([Latency], minutes, SeriesAggregation.P50, [], Hour, Hour.AddMinutes(2), TimeSpan.FromMinutes(1));

        Assert.Equal((5L, 460.0), (stored.State!.Count, stored.State.Sum));
        Assert.Equal(5, stored.State.Sketch!.Count);
        var points = Assert.Single(groups).Points;
        Assert.Equal(20, points[0].Value!.Value, 20 * 0.01);
        Assert.Equal(200, points[1].Value!.Value, 200 * 0.01);
        var average = SeriesQueries.Aggregate([Latency], minutes, SeriesAggregation.Avg, [], Hour, Hour.AddMinutes(2), TimeSpan.FromMinutes(2));
        Assert.Equal(460.0 / 5, Assert.Single(Assert.Single(average).Points).Value);
    }

    [Fact]
    public async Task ReadMetricMinutesAsync_RangeAndProjects_LeaveTheRestOut()
    {
        var otherProject = new NamedSeries(2, Memory.Name, Memory.Labels, SeriesKind.Gauge, "");
        await WriteAsync(Gauge(Memory, Hour.AddMinutes(-1), 1), Gauge(Memory, Hour, 2), Gauge(Memory, Hour.AddMinutes(5), 3), Gauge(otherProject, Hour, 9));

        var minutes = await Store.ReadMetricMinutesAsync([1], [Memory.Id], Hour, Hour.AddMinutes(5), CancellationToken.None);

        var minute = Assert.Single(minutes);
        Assert.Equal((1L, Hour, 2.0), (minute.ProjectId, minute.Minute, minute.Rollup.Last));
    }

    private async Task WriteAsync(params MetricPoint[] points)
    {
        var states = (await Store.ReadMetricSeriesAsync([1, 2], null, CancellationToken.None)).ToDictionary(stored => (stored.Series.ProjectId, stored.Series.Id), stored => stored.State);
        var write = SeriesAccumulator.Accumulate(points, series => states.GetValueOrDefault((series.ProjectId, series.Id)));
        await Store.WriteAsync(new IngestBatch([], [], Zones) { Series = write }, CancellationToken.None);
        await MakeReadableAsync();
    }

    private static List<MinuteRollup> Merge(IEnumerable<SeriesMinute> minutes)
    {
        var merged = new MinuteRollup();
        foreach (var minute in minutes)
        {
            merged.Merge(minute.Rollup);
        }
        return [merged];
    }

    private static NamedSeries Series(string name, SeriesKind kind, params (string Name, string Value)[] labels) =>
        new(1, name, labels.Select(label => KeyValuePair.Create(label.Name, label.Value)).ToList(), kind, kind == SeriesKind.Histogram ? "ms" : "");

    private static MetricPoint Gauge(NamedSeries series, DateTimeOffset at, double value) => new(series, at, value);

    private static MetricPoint Counter(NamedSeries series, DateTimeOffset at, double total, DateTimeOffset? start = null) =>
        new(series, at, total, StartTime: start ?? Hour);

    private static MetricPoint Histogram(NamedSeries series, DateTimeOffset at, double[] values)
    {
        var sketch = new Vigil.Core.Metrics.LatencySketch();
        foreach (var value in values)
        {
            sketch.Add(value * HistogramSketches.Scale);
        }
        return new MetricPoint(series, at, 0, StartTime: Hour, Histogram: new HistogramValue(values.Length, values.Sum(), sketch));
    }
}
