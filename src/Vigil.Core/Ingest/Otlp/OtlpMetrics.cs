using System.Globalization;
using Google.Protobuf.Collections;
using Vigil.Core.Ingest.Otlp.Proto.Collector.Metrics;
using Vigil.Core.Ingest.Otlp.Proto.Common;
using Vigil.Core.Ingest.Otlp.Proto.Metrics;
using Vigil.Core.Series;
using OtlpTemporality = Vigil.Core.Ingest.Otlp.Proto.Metrics.AggregationTemporality;

namespace Vigil.Core.Ingest.Otlp;

/// <summary>A data point Vigil refused: where it sits in the export, the field at fault, and why.</summary>
public sealed record PointRejection(string Point, string Field, string Error);

/// <summary>What one metrics export yields: the points to store, the points refused, and how many it held in all.</summary>
public sealed record MetricPointBatch(IReadOnlyList<MetricPoint> Points, IReadOnlyList<PointRejection> Rejected, int PointCount)
{
    /// <summary>The partial-success message of the OTLP answer; null when nothing was refused.</summary>
    public string? ErrorMessage => OtlpRejections.Message(Rejected.Select(rejection => (rejection.Point, rejection.Field, rejection.Error)).ToList(), PointCount, "data points");
}

/// <summary>
/// Turns an OTLP metrics export into series points (README "Metrics from your services"): gauges and non-monotonic
/// cumulative sums are gauges, monotonic sums counters, histograms and exponential histograms histograms. Names and
/// attribute keys are spelled as Prometheus names (<see cref="SeriesLabels.Normalize"/>); the resource's
/// <c>service.name</c> becomes the label <c>job</c> (prefixed by <c>service.namespace/</c> when set) and
/// <c>service.instance.id</c> the label <c>instance</c>, as Prometheus's own OTLP receiver does. Points flagged
/// "no recorded value" are passed over. Summaries, delta non-monotonic sums and unspecified temporality are refused.
/// </summary>
public static class OtlpMetrics
{
    private const uint NoRecordedValue = 1;

    public static MetricPointBatch ToPoints(ExportMetricsServiceRequest export, long projectId, DateTimeOffset now)
    {
        var points = new List<MetricPoint>();
        var rejected = new List<PointRejection>();
        var pointCount = 0;
        for (var resourceIndex = 0; resourceIndex < export.ResourceMetrics.Count; resourceIndex++)
        {
            var resource = export.ResourceMetrics[resourceIndex];
            var resourceLabels = ResourceLabels(resource.Resource?.Attributes);
            for (var scopeIndex = 0; scopeIndex < resource.ScopeMetrics.Count; scopeIndex++)
            {
                var metrics = resource.ScopeMetrics[scopeIndex].Metrics;
                for (var metricIndex = 0; metricIndex < metrics.Count; metricIndex++)
                {
                    var where = $"resourceMetrics[{resourceIndex}].scopeMetrics[{scopeIndex}].metrics[{metricIndex}]";
                    var context = new MetricContext(metrics[metricIndex], projectId, resourceLabels, now, where, points, rejected);
                    pointCount += context.Read();
                }
            }
        }
        return new MetricPointBatch(points, rejected, pointCount);
    }

    private static List<KeyValuePair<string, string>> ResourceLabels(RepeatedField<KeyValue>? attributes)
    {
        string? Attribute(string key) => attributes?.FirstOrDefault(attribute => attribute.Key == key)?.Value is { } value ? Text(value) : null;
        var labels = new List<KeyValuePair<string, string>>();
        if (Attribute("service.name") is { Length: > 0 } service)
        {
            labels.Add(KeyValuePair.Create("job", Attribute("service.namespace") is { Length: > 0 } space ? $"{space}/{service}" : service));
        }
        if (Attribute("service.instance.id") is { Length: > 0 } instance)
        {
            labels.Add(KeyValuePair.Create("instance", instance));
        }
        return labels;
    }

    private sealed class MetricContext(
        Metric metric, long projectId, List<KeyValuePair<string, string>> resourceLabels, DateTimeOffset now, string where, List<MetricPoint> points, List<PointRejection> rejected)
    {
        private readonly string _name = SeriesLabels.Normalize(metric.Name);

        /// <returns>How many data points the metric held.</returns>
        public int Read()
        {
            switch (metric.DataCase)
            {
                case Metric.DataOneofCase.Gauge:
                    ReadNumbers("gauge", metric.Gauge.DataPoints, SeriesKind.Gauge, Temporality.Cumulative);
                    return metric.Gauge.DataPoints.Count;
                case Metric.DataOneofCase.Sum:
                    var sum = metric.Sum;
                    if (!sum.IsMonotonic && sum.AggregationTemporality == OtlpTemporality.Delta)
                    {
                        RejectAll("sum", sum.DataPoints.Count, "aggregationTemporality", "a delta non-monotonic sum (UpDownCounter) has no level to show; export it with cumulative temporality.");
                    }
                    else if (TemporalityOf(sum.AggregationTemporality, "sum", sum.DataPoints.Count) is { } temporality)
                    {
                        ReadNumbers("sum", sum.DataPoints, sum.IsMonotonic ? SeriesKind.Counter : SeriesKind.Gauge, temporality);
                    }
                    return sum.DataPoints.Count;
                case Metric.DataOneofCase.Histogram:
                    if (TemporalityOf(metric.Histogram.AggregationTemporality, "histogram", metric.Histogram.DataPoints.Count) is { } histogramTemporality)
                    {
                        ReadHistograms(metric.Histogram.DataPoints, histogramTemporality);
                    }
                    return metric.Histogram.DataPoints.Count;
                case Metric.DataOneofCase.ExponentialHistogram:
                    if (TemporalityOf(metric.ExponentialHistogram.AggregationTemporality, "exponentialHistogram", metric.ExponentialHistogram.DataPoints.Count) is { } exponentialTemporality)
                    {
                        ReadExponentialHistograms(metric.ExponentialHistogram.DataPoints, exponentialTemporality);
                    }
                    return metric.ExponentialHistogram.DataPoints.Count;
                case Metric.DataOneofCase.Summary:
                    RejectAll("summary", metric.Summary.DataPoints.Count, "summary", "summaries are not kept (their quantiles cannot be merged); export a histogram.");
                    return metric.Summary.DataPoints.Count;
                default:
                    rejected.Add(new PointRejection(where, "data", "the metric has no gauge, sum, histogram or exponentialHistogram."));
                    return 1;
            }
        }

        private Temporality? TemporalityOf(OtlpTemporality temporality, string data, int count)
        {
            switch (temporality)
            {
                case OtlpTemporality.Cumulative:
                    return Temporality.Cumulative;
                case OtlpTemporality.Delta:
                    return Temporality.Delta;
                default:
                    RejectAll(data, count, "aggregationTemporality", "aggregationTemporality must be DELTA (1) or CUMULATIVE (2).");
                    return null;
            }
        }

        private void RejectAll(string data, int count, string field, string error)
        {
            for (var index = 0; index < count; index++)
            {
                rejected.Add(new PointRejection($"{where}.{data}.dataPoints[{index}]", field, error));
            }
        }

        private void ReadNumbers(string data, RepeatedField<NumberDataPoint> dataPoints, SeriesKind kind, Temporality temporality)
        {
            for (var index = 0; index < dataPoints.Count; index++)
            {
                var point = dataPoints[index];
                if ((point.Flags & NoRecordedValue) != 0)
                {
                    continue;
                }
                var value = point.ValueCase == NumberDataPoint.ValueOneofCase.AsInt ? point.AsInt : point.AsDouble;
                var problem = !double.IsFinite(value) ? ("value", $"the value {value.ToString(CultureInfo.InvariantCulture)} is not a finite number.")
                    : kind == SeriesKind.Counter && value < 0 ? ("value", "a monotonic sum cannot be negative.")
                    : ((string, string)?)null;
                Add($"{where}.{data}.dataPoints[{index}]", point.Attributes, point.TimeUnixNano, point.StartTimeUnixNano, kind, problem,
                    (series, time, start) => new MetricPoint(series, time, value, temporality, start));
            }
        }

        private void ReadHistograms(RepeatedField<HistogramDataPoint> dataPoints, Temporality temporality)
        {
            for (var index = 0; index < dataPoints.Count; index++)
            {
                var point = dataPoints[index];
                if ((point.Flags & NoRecordedValue) != 0)
                {
                    continue;
                }
                var buckets = point.BucketCounts;
                var problem = buckets.Count != 0 && buckets.Count != point.ExplicitBounds.Count + 1
                    ? ("bucketCounts", $"{buckets.Count} bucket counts for {point.ExplicitBounds.Count} explicit bounds; there must be one more count than bounds.")
                    : !point.ExplicitBounds.All(double.IsFinite) || point.ExplicitBounds.Zip(point.ExplicitBounds.Skip(1)).Any(pair => pair.First >= pair.Second)
                    ? ("explicitBounds", "explicitBounds must be finite numbers in increasing order.")
                    : buckets.Count != 0 && Total(buckets) != point.Count
                    ? ("count", $"count {point.Count} is not the sum of the bucket counts.")
                    : HistogramProblem(point.Count, point.HasSum ? point.Sum : null, point.HasMin ? point.Min : null, point.HasMax ? point.Max : null);
                var sum = point.HasSum ? point.Sum : 0;
                double? max = point.HasMax ? point.Max : null;
                Add($"{where}.histogram.dataPoints[{index}]", point.Attributes, point.TimeUnixNano, point.StartTimeUnixNano, SeriesKind.Histogram, problem,
                    (series, time, start) => new MetricPoint(series, time, 0, temporality, start, new HistogramValue((long)point.Count, sum,
                        buckets.Count == 0
                            ? HistogramSketches.FromExplicit([], [point.Count], max ?? (point.Count == 0 ? 0 : sum / point.Count))
                            : HistogramSketches.FromExplicit(point.ExplicitBounds, buckets, max))));
            }
        }

        private void ReadExponentialHistograms(RepeatedField<ExponentialHistogramDataPoint> dataPoints, Temporality temporality)
        {
            for (var index = 0; index < dataPoints.Count; index++)
            {
                var point = dataPoints[index];
                if ((point.Flags & NoRecordedValue) != 0)
                {
                    continue;
                }
                var positive = point.Positive?.BucketCounts ?? [];
                var negativeTotal = Total(point.Negative?.BucketCounts ?? []);
                var problem = point.Scale is < HistogramSketches.MinExponentialScale or > HistogramSketches.MaxExponentialScale
                    ? ("scale", $"scale {point.Scale} is outside {HistogramSketches.MinExponentialScale}…{HistogramSketches.MaxExponentialScale}.")
                    : point.ZeroCount + Total(positive) + negativeTotal != point.Count
                    ? ("count", $"count {point.Count} is not zeroCount plus the positive and negative bucket counts.")
                    : HighestCountedBucket(point.Positive) is { } highest && !double.IsFinite(HistogramSketches.ExponentialBucketValue(point.Scale, highest))
                    ? ("positive", $"bucket {highest} at scale {point.Scale} holds values beyond the largest double.")
                    : HistogramProblem(point.Count, point.HasSum ? point.Sum : null, point.HasMin ? point.Min : null, point.HasMax ? point.Max : null);
                // Checked above: every count fits a long.
                var negative = (ulong)negativeTotal;
                Add($"{where}.exponentialHistogram.dataPoints[{index}]", point.Attributes, point.TimeUnixNano, point.StartTimeUnixNano, SeriesKind.Histogram, problem,
                    (series, time, start) => new MetricPoint(series, time, 0, temporality, start, new HistogramValue((long)point.Count, point.HasSum ? point.Sum : 0,
                        HistogramSketches.FromExponential(point.Scale, point.ZeroCount, point.Positive?.Offset ?? 0, positive, negative))));
            }
        }

        /// <summary>Counts past what a long holds, or a sum, min or max that is not a number, cannot be stored or queried.</summary>
        private static (string Field, string Error)? HistogramProblem(ulong count, double? sum, double? min, double? max)
        {
            if (count > long.MaxValue)
            {
                return ("count", $"count {count} is more than Vigil stores (at most {long.MaxValue}).");
            }
            foreach (var (field, value) in new[] { ("sum", sum), ("min", min), ("max", max) })
            {
                if (value is { } number && !double.IsFinite(number))
                {
                    return (field, $"{field} {number.ToString(CultureInfo.InvariantCulture)} is not a finite number.");
                }
            }
            return null;
        }

        private static long? HighestCountedBucket(ExponentialHistogramDataPoint.Types.Buckets? buckets)
        {
            for (var position = (buckets?.BucketCounts.Count ?? 0) - 1; position >= 0; position--)
            {
                if (buckets!.BucketCounts[position] != 0)
                {
                    return buckets.Offset + (long)position;
                }
            }
            return null;
        }

        // In decimal: bucket counts are ulongs, and their total may not fit one.
        private static decimal Total(IEnumerable<ulong> counts) => counts.Sum(count => (decimal)count);

        private void Add(
            string at, RepeatedField<KeyValue> attributes, ulong timeUnixNano, ulong startUnixNano, SeriesKind kind, (string Field, string Error)? problem,
            Func<NamedSeries, DateTimeOffset, DateTimeOffset?, MetricPoint> create)
        {
            if (!SeriesLabels.IsValidName(_name))
            {
                rejected.Add(new PointRejection(at, "name", $"the metric name '{metric.Name}' is empty or longer than {SeriesLabels.MaxNameLength} characters."));
                return;
            }
            if (problem is { } found)
            {
                rejected.Add(new PointRejection(at, found.Field, found.Error));
                return;
            }
            var time = ServerSpans.FromUnixNanoseconds(timeUnixNano);
            var timeProblem = timeUnixNano == 0
                ? "timeUnixNano is missing."
                : IngestLimits.TimestampProblem("timeUnixNano", timeUnixNano.ToString(CultureInfo.InvariantCulture), time, now);
            if (timeProblem is not null)
            {
                rejected.Add(new PointRejection(at, "timeUnixNano", timeProblem));
                return;
            }
            var labels = new List<KeyValuePair<string, string>>(resourceLabels);
            foreach (var attribute in attributes)
            {
                var name = SeriesLabels.Normalize(attribute.Key, isLabel: true);
                labels.RemoveAll(label => label.Key == name && resourceLabels.Contains(label));
                labels.Add(KeyValuePair.Create(name, Text(attribute.Value)));
            }
            if (SeriesLabels.Problem(labels) is { } labelProblem)
            {
                rejected.Add(new PointRejection(at, "attributes", labelProblem));
                return;
            }
            var series = new NamedSeries(projectId, _name, labels, kind, metric.Unit);
            points.Add(create(series, time, startUnixNano == 0 ? null : ServerSpans.FromUnixNanoseconds(startUnixNano)));
        }
    }

    private static string Text(AnyValue? value) => value?.ValueCase switch
    {
        AnyValue.ValueOneofCase.StringValue => value.StringValue,
        AnyValue.ValueOneofCase.BoolValue => value.BoolValue ? "true" : "false",
        AnyValue.ValueOneofCase.IntValue => value.IntValue.ToString(CultureInfo.InvariantCulture),
        AnyValue.ValueOneofCase.DoubleValue => value.DoubleValue.ToString(CultureInfo.InvariantCulture),
        null or AnyValue.ValueOneofCase.None => "",
        _ => value.ToString(),
    };
}
