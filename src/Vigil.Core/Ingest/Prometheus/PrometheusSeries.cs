using System.Globalization;
using Vigil.Core.Ingest.Prometheus.Proto;
using Vigil.Core.Series;

namespace Vigil.Core.Ingest.Prometheus;

/// <summary>What one remote-write request yields: the points to store and why others were refused.</summary>
public sealed record RemoteWriteBatch(IReadOnlyList<MetricPoint> Points, IReadOnlyList<string> Rejected, int SampleCount);

/// <summary>
/// Prometheus samples as series points, shared by remote-write and scrapes. Remote-write 1.0 does not say a series'
/// type, so it is read from the name as Prometheus's conventions write it: <c>_total</c>, and the <c>_bucket</c>,
/// <c>_count</c> and <c>_sum</c> parts of histograms and summaries, are cumulative counters (without a start time, so
/// a series' first sample is only its baseline, as in Prometheus's <c>increase()</c>); everything else is a gauge,
/// unless metadata Prometheus sent earlier names the family a counter. The unit comes from a <c>_seconds</c>,
/// <c>_milliseconds</c> or <c>_bytes</c> suffix. NaN samples (staleness markers among them) carry no value and are passed over.
/// </summary>
public static class PrometheusSeries
{
    private static readonly string[] CounterSuffixes = ["_total", "_bucket", "_count", "_sum"];

    public static RemoteWriteBatch ToPoints(WriteRequest request, long projectId, DateTimeOffset now, Func<string, MetricMetadata.Types.MetricType?> familyType)
    {
        var points = new List<MetricPoint>();
        var rejected = new List<string>();
        var samples = 0;
        for (var index = 0; index < request.Timeseries.Count; index++)
        {
            var timeSeries = request.Timeseries[index];
            samples += timeSeries.Samples.Count;
            var name = timeSeries.Labels.FirstOrDefault(label => label.Name == "__name__")?.Value ?? "";
            var labels = timeSeries.Labels.Where(label => label.Name != "__name__").Select(label => KeyValuePair.Create(label.Name, label.Value)).ToList();
            if (SeriesProblem(name, labels) is { } problem)
            {
                rejected.Add($"timeseries[{index}]: {problem}");
                continue;
            }
            var kind = KindOf(name, familyType);
            var series = new NamedSeries(projectId, name, labels, kind, UnitOf(name));
            foreach (var sample in timeSeries.Samples)
            {
                if (double.IsNaN(sample.Value))
                {
                    continue;
                }
                var time = DateTimeOffset.FromUnixTimeMilliseconds(Math.Clamp(sample.Timestamp, -62_135_596_800_000, 253_402_300_799_999));
                var timeProblem = IngestLimits.TimestampProblem("timestamp", sample.Timestamp.ToString(CultureInfo.InvariantCulture), time, now);
                if (timeProblem is not null || double.IsInfinity(sample.Value))
                {
                    rejected.Add($"timeseries[{index}] {name}: {timeProblem ?? "the value is infinite."}");
                    continue;
                }
                points.Add(new MetricPoint(series, time, sample.Value));
            }
        }
        return new RemoteWriteBatch(points, rejected, samples);
    }

    /// <summary>
    /// A scrape's families as points at <paramref name="scrapedAt"/> (or each sample's own timestamp), with the target's
    /// labels (<c>job</c>, <c>instance</c>) over the sample's own. Unlike remote-write, a scrape holds whole families:
    /// a histogram's <c>_bucket</c>, <c>_sum</c> and <c>_count</c> become one cumulative histogram series (quantiles
    /// answerable); a summary's quantiles become gauges (label <c>quantile</c>) and its <c>_sum</c> and <c>_count</c> counters.
    /// </summary>
    public static RemoteWriteBatch FromScrape(IReadOnlyList<TextFamily> families, long projectId, IReadOnlyList<KeyValuePair<string, string>> targetLabels, DateTimeOffset scrapedAt)
    {
        var points = new List<MetricPoint>();
        var rejected = new List<string>();
        var samples = 0;
        foreach (var family in families)
        {
            samples += family.Samples.Count;
            if (family.Type == "histogram")
            {
                foreach (var group in family.Samples.GroupBy(sample => SeriesLabels.ToJson(Merge(sample.Labels.Where(label => label.Key != "le").ToList(), targetLabels))))
                {
                    var labels = SeriesLabels.FromJson(group.Key);
                    if (SeriesProblem(family.Name, labels) is { } problem)
                    {
                        rejected.Add($"{family.Name}: {problem}");
                        continue;
                    }
                    var buckets = group.Where(sample => sample.Name == family.Name + "_bucket")
                        .Select(sample => (Bound: PrometheusText.ParseValue(sample.Labels.FirstOrDefault(label => label.Key == "le").Value ?? "") ?? double.NaN, sample.Value))
                        .Where(bucket => !double.IsNaN(bucket.Bound) && !double.IsPositiveInfinity(bucket.Bound))
                        .OrderBy(bucket => bucket.Bound).ToList();
                    var count = group.FirstOrDefault(sample => sample.Name == family.Name + "_count")?.Value ?? 0;
                    var sum = group.FirstOrDefault(sample => sample.Name == family.Name + "_sum")?.Value ?? 0;
                    var perBucket = buckets.Select((bucket, index) => (ulong)Math.Max(0, bucket.Value - (index == 0 ? 0 : buckets[index - 1].Value)))
                        .Append((ulong)Math.Max(0, count - (buckets.Count == 0 ? 0 : buckets[^1].Value))).ToList();
                    var series = new NamedSeries(projectId, family.Name, labels, SeriesKind.Histogram, UnitOf(family.Name));
                    var at = group.First().TimestampMs is { } milliseconds ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds) : scrapedAt;
                    points.Add(new MetricPoint(series, at, 0, Histogram: new HistogramValue((long)count, sum,
                        HistogramSketches.FromExplicit(buckets.Select(bucket => bucket.Bound).ToList(), perBucket, max: null))));
                }
                continue;
            }
            foreach (var sample in family.Samples.Where(sample => !double.IsNaN(sample.Value) && !sample.Name.EndsWith("_created", StringComparison.Ordinal)))
            {
                var labels = Merge(sample.Labels, targetLabels);
                if (SeriesProblem(sample.Name, labels) is { } problem || double.IsInfinity(sample.Value))
                {
                    rejected.Add($"{sample.Name}: {SeriesProblem(sample.Name, labels) ?? "the value is infinite."}");
                    continue;
                }
                var kind = family.Type == "counter" ? SeriesKind.Counter
                    : family.Type == "summary" && sample.Name == family.Name ? SeriesKind.Gauge
                    : family.Type is "gauge" ? SeriesKind.Gauge
                    : KindOf(sample.Name, _ => null);
                var at = sample.TimestampMs is { } milliseconds ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds) : scrapedAt;
                points.Add(new MetricPoint(new NamedSeries(projectId, sample.Name, labels, kind, UnitOf(sample.Name)), at, sample.Value));
            }
        }
        return new RemoteWriteBatch(points, rejected, samples);
    }

    private static List<KeyValuePair<string, string>> Merge(IReadOnlyList<KeyValuePair<string, string>> own, IReadOnlyList<KeyValuePair<string, string>> target) =>
        own.Where(label => target.All(targetLabel => targetLabel.Key != label.Key)).Concat(target).ToList();

    /// <summary>Why a metric name and its labels cannot be a series, or null.</summary>
    public static string? SeriesProblem(string name, IReadOnlyList<KeyValuePair<string, string>> labels) =>
        !SeriesLabels.IsValidName(name) ? $"the metric name '{name}' is not [a-zA-Z_:][a-zA-Z0-9_:]* of at most {SeriesLabels.MaxNameLength} characters."
        : SeriesLabels.Problem(labels);

    public static SeriesKind KindOf(string name, Func<string, MetricMetadata.Types.MetricType?> familyType)
    {
        if (CounterSuffixes.Any(suffix => name.EndsWith(suffix, StringComparison.Ordinal)))
        {
            return SeriesKind.Counter;
        }
        return familyType(name) == MetricMetadata.Types.MetricType.Counter ? SeriesKind.Counter : SeriesKind.Gauge;
    }

    public static string UnitOf(string name)
    {
        var family = CounterSuffixes.Aggregate(name, (trimmed, suffix) => trimmed.EndsWith(suffix, StringComparison.Ordinal) ? trimmed[..^suffix.Length] : trimmed);
        return family.EndsWith("_seconds", StringComparison.Ordinal) ? "s"
            : family.EndsWith("_milliseconds", StringComparison.Ordinal) ? "ms"
            : family.EndsWith("_bytes", StringComparison.Ordinal) ? "By"
            : "";
    }
}
