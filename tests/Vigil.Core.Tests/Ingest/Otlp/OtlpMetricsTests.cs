using Vigil.Core.Ingest.Otlp;
using Vigil.Core.Ingest.Otlp.Proto.Collector.Metrics;
using Vigil.Core.Ingest.Otlp.Proto.Metrics;
using Vigil.Core.Series;
using Vigil.Core.Tests.Support;
using OtlpTemporality = Vigil.Core.Ingest.Otlp.Proto.Metrics.AggregationTemporality;

namespace Vigil.Core.Tests.Ingest.Otlp;

/// <summary>
/// What <see cref="OtlpMetrics"/> refuses, each refusal named by the point's position and field so the exporter's
/// partial_success says what to fix, and what it still keeps from the same export.
/// </summary>
public sealed class OtlpMetricsTests
{
    private const string FirstMetric = "resourceMetrics[0].scopeMetrics[0].metrics[0]";

    private static readonly ulong Time = Some.UnixNanoseconds(Some.Now.AddSeconds(-10));
    private static readonly ulong Start = Some.UnixNanoseconds(Some.Now.AddMinutes(-5));

    private static MetricPointBatch Map(params Metric[] metrics) => OtlpMetrics.ToPoints(
        new ExportMetricsServiceRequest
        {
            ResourceMetrics =
            {
                new ResourceMetrics
                {
                    Resource = new() { Attributes = { Some.Attribute("service.name", "shop-api") } },
                    ScopeMetrics = { new ScopeMetrics { Metrics = { metrics } } },
                },
            },
        },
        Some.ProjectId, Some.Now);

    private static NumberDataPoint Number(double value) => new() { AsDouble = value, TimeUnixNano = Time, StartTimeUnixNano = Start };

    private static Metric Gauge(string name, params NumberDataPoint[] points) => new() { Name = name, Gauge = new Gauge { DataPoints = { points } } };

    private static Metric Sum(string name, bool monotonic, OtlpTemporality temporality, params NumberDataPoint[] points) => new()
    {
        Name = name,
        Sum = new Sum { IsMonotonic = monotonic, AggregationTemporality = temporality, DataPoints = { points } },
    };

    private static HistogramDataPoint Histogram(ulong count, double sum, double[] bounds, ulong[] buckets) => new()
    {
        Count = count,
        Sum = sum,
        ExplicitBounds = { bounds },
        BucketCounts = { buckets },
        TimeUnixNano = Time,
        StartTimeUnixNano = Start,
    };

    private static Metric Histograms(params HistogramDataPoint[] points) => new()
    {
        Name = "db.read.latency",
        Unit = "ms",
        Histogram = new Histogram { AggregationTemporality = OtlpTemporality.Cumulative, DataPoints = { points } },
    };

    private static Metric Exponential(int scale) => new()
    {
        Name = "queue.wait",
        Unit = "s",
        ExponentialHistogram = new ExponentialHistogram
        {
            AggregationTemporality = OtlpTemporality.Delta,
            DataPoints =
            {
                new ExponentialHistogramDataPoint
                {
                    Scale = scale,
                    Count = 3,
                    Sum = 0.6,
                    ZeroCount = 0,
                    Positive = new ExponentialHistogramDataPoint.Types.Buckets { Offset = -3, BucketCounts = { 1, 2 } },
                    TimeUnixNano = Time,
                    StartTimeUnixNano = Start,
                },
            },
        },
    };

    private static void AssertRefused(MetricPointBatch batch, string point, string field, string errorPart)
    {
        Assert.Empty(batch.Points);
        var rejection = Assert.Single(batch.Rejected);
        Assert.Equal((point, field), (rejection.Point, rejection.Field));
        Assert.Contains(errorPart, rejection.Error);
        Assert.Contains($"{point} ({field}): ", batch.ErrorMessage);
    }

    [Fact]
    public void ToPoints_Summary_EveryPointRefusedAskingForAHistogram()
    {
        var summary = new Metric
        {
            Name = "rpc.duration",
            Summary = new Summary
            {
                DataPoints =
                {
                    new SummaryDataPoint { Count = 4, Sum = 10, TimeUnixNano = Time },
                    new SummaryDataPoint { Count = 2, Sum = 3, TimeUnixNano = Time },
                },
            },
        };

        var batch = Map(summary, Gauge("ws.connections", Number(42)));

        Assert.Equal(3, batch.PointCount);
        Assert.Equal(
            [$"{FirstMetric}.summary.dataPoints[0]", $"{FirstMetric}.summary.dataPoints[1]"],
            batch.Rejected.Select(rejection => rejection.Point));
        Assert.All(batch.Rejected, rejection => Assert.Contains("export a histogram", rejection.Error));
        Assert.Equal("ws_connections", Assert.Single(batch.Points).Series.Name);
        Assert.StartsWith("Rejected 2 of 3 data points: ", batch.ErrorMessage);
    }

    [Fact]
    public void ToPoints_DeltaNonMonotonicSum_RefusedAsHavingNoLevel()
    {
        var batch = Map(Sum("queue.depth", monotonic: false, OtlpTemporality.Delta, Number(-2)));

        AssertRefused(batch, $"{FirstMetric}.sum.dataPoints[0]", "aggregationTemporality", "export it with cumulative temporality");
    }

    [Fact]
    public void ToPoints_DeltaMonotonicAndCumulativeNonMonotonicSums_AreKept()
    {
        var batch = Map(
            Sum("jobs.processed", monotonic: true, OtlpTemporality.Delta, Number(5)),
            Sum("queue.depth", monotonic: false, OtlpTemporality.Cumulative, Number(-2)));

        Assert.Empty(batch.Rejected);
        Assert.Equal(
            [("jobs_processed", SeriesKind.Counter, Temporality.Delta, 5.0), ("queue_depth", SeriesKind.Gauge, Temporality.Cumulative, -2.0)],
            batch.Points.Select(point => (point.Series.Name, point.Series.Kind, point.Temporality, point.Value)));
    }

    [Fact]
    public void ToPoints_UnspecifiedTemporality_Refused()
    {
        var batch = Map(Sum("jobs.processed", monotonic: true, OtlpTemporality.Unspecified, Number(5)));

        AssertRefused(batch, $"{FirstMetric}.sum.dataPoints[0]", "aggregationTemporality", "DELTA (1) or CUMULATIVE (2)");
    }

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    public void ToPoints_NonFiniteGaugeValue_RefusedNamingTheValue(double value, string shown)
    {
        var batch = Map(Gauge("cpu.usage", Number(value)));

        AssertRefused(batch, $"{FirstMetric}.gauge.dataPoints[0]", "value", $"the value {shown} is not a finite number");
    }

    [Fact]
    public void ToPoints_NegativeMonotonicSum_Refused()
    {
        var batch = Map(Sum("jobs.processed", monotonic: true, OtlpTemporality.Cumulative, Number(-1)));

        AssertRefused(batch, $"{FirstMetric}.sum.dataPoints[0]", "value", "cannot be negative");
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void ToPoints_HistogramWithNonFiniteSum_Refused(double sum)
    {
        var batch = Map(Histograms(Histogram(3, sum, [10, 100], [1, 1, 1])));

        AssertRefused(batch, $"{FirstMetric}.histogram.dataPoints[0]", "sum", "is not a finite number");
    }

    [Fact]
    public void ToPoints_HistogramWithNonFiniteMax_Refused()
    {
        var point = Histogram(3, 150, [10, 100], [1, 1, 1]);
        point.Max = double.NaN;

        var batch = Map(Histograms(point));

        AssertRefused(batch, $"{FirstMetric}.histogram.dataPoints[0]", "max", "is not a finite number");
    }

    [Fact]
    public void ToPoints_ExponentialHistogramWithNonFiniteSum_Refused()
    {
        var metric = Exponential(3);
        metric.ExponentialHistogram.DataPoints[0].Sum = double.NaN;

        var batch = Map(metric);

        AssertRefused(batch, $"{FirstMetric}.exponentialHistogram.dataPoints[0]", "sum", "is not a finite number");
    }

    [Fact]
    public void ToPoints_BucketCountsNotOneMoreThanBounds_Refused()
    {
        var batch = Map(Histograms(Histogram(3, 150, [10, 100], [1, 2])));

        AssertRefused(batch, $"{FirstMetric}.histogram.dataPoints[0]", "bucketCounts", "2 bucket counts for 2 explicit bounds");
    }

    [Fact]
    public void ToPoints_BucketCountsNotAddingUpToCount_Refused()
    {
        var batch = Map(Histograms(Histogram(5, 150, [10, 100], [1, 1, 1])));

        AssertRefused(batch, $"{FirstMetric}.histogram.dataPoints[0]", "count", "count 5 is not the sum of the bucket counts");
    }

    [Fact]
    public void ToPoints_BucketCountsAddingUpBeyondWhatACountHolds_RefusedNotThrown()
    {
        var batch = Map(Histograms(Histogram(ulong.MaxValue, 150, [10, 100], [ulong.MaxValue, ulong.MaxValue, 1])));

        AssertRefused(batch, $"{FirstMetric}.histogram.dataPoints[0]", "count", "is not the sum of the bucket counts");
    }

    [Fact]
    public void ToPoints_CountBeyondWhatVigilStores_Refused()
    {
        var huge = (ulong)long.MaxValue + 1;

        var batch = Map(Histograms(Histogram(huge, 150, [10, 100], [huge, 0, 0])));

        AssertRefused(batch, $"{FirstMetric}.histogram.dataPoints[0]", "count", $"at most {long.MaxValue}");
    }

    [Theory]
    [InlineData(new[] { 10.0, double.NaN })]
    [InlineData(new[] { 10.0, double.PositiveInfinity })]
    [InlineData(new[] { 100.0, 10.0 })]
    [InlineData(new[] { 10.0, 10.0 })]
    public void ToPoints_BoundsNotFiniteAndIncreasing_Refused(double[] bounds)
    {
        var batch = Map(Histograms(Histogram(3, 150, bounds, [1, 1, 1])));

        AssertRefused(batch, $"{FirstMetric}.histogram.dataPoints[0]", "explicitBounds", "finite numbers in increasing order");
    }

    [Fact]
    public void ToPoints_ValidHistogram_KeptWithCountSumAndQuantiles()
    {
        var batch = Map(Histograms(Histogram(3, 150, [10, 100], [1, 1, 1])));

        Assert.Empty(batch.Rejected);
        var histogram = Assert.Single(batch.Points).Histogram!;
        Assert.Equal((3, 150.0), (histogram.Count, histogram.Sum));
        Assert.InRange(HistogramSketches.Quantile(histogram.Sketch, 0.5)!.Value, 99, 101);
    }

    [Theory]
    [InlineData(-11)]
    [InlineData(21)]
    public void ToPoints_ExponentialScaleOutOfRange_Refused(int scale)
    {
        var batch = Map(Exponential(scale));

        AssertRefused(batch, $"{FirstMetric}.exponentialHistogram.dataPoints[0]", "scale", $"scale {scale} is outside -10…20");
    }

    [Theory]
    [InlineData(-10)]
    [InlineData(0)]
    [InlineData(20)]
    public void ToPoints_ExponentialScaleInRange_Kept(int scale)
    {
        var batch = Map(Exponential(scale));

        Assert.Empty(batch.Rejected);
        var point = Assert.Single(batch.Points);
        Assert.Equal((SeriesKind.Histogram, Temporality.Delta, 3L), (point.Series.Kind, point.Temporality, point.Histogram!.Count));
        Assert.Equal(3, point.Histogram.Sketch.Count);
    }

    [Fact]
    public void ToPoints_CoarsestScaleWithValuesAboveOne_EveryValueInTheSketch()
    {
        var metric = Exponential(HistogramSketches.MinExponentialScale);
        // Scale −10: bucket 0 is (1, 2^1024], a base beyond any double.
        metric.ExponentialHistogram.DataPoints[0].Positive = new() { Offset = 0, BucketCounts = { 3 } };

        var batch = Map(metric);

        var sketch = Assert.Single(batch.Points).Histogram!.Sketch;
        Assert.Equal(3, sketch.Count);
        Assert.InRange(HistogramSketches.Quantile(sketch, 0.5)!.Value, 1.98, 2.02);
    }

    [Fact]
    public void ToPoints_ExponentialBucketBeyondTheLargestDouble_Refused()
    {
        var metric = Exponential(0);
        metric.ExponentialHistogram.DataPoints[0].Positive = new() { Offset = 1100, BucketCounts = { 0, 3 } };

        var batch = Map(metric);

        AssertRefused(batch, $"{FirstMetric}.exponentialHistogram.dataPoints[0]", "positive", "bucket 1101 at scale 0 holds values beyond the largest double");
    }

    [Fact]
    public void ToPoints_ExponentialBucketsNotAddingUpToCount_Refused()
    {
        var metric = Exponential(3);
        metric.ExponentialHistogram.DataPoints[0].ZeroCount = 4;

        var batch = Map(metric);

        AssertRefused(batch, $"{FirstMetric}.exponentialHistogram.dataPoints[0]", "count", "count 3 is not zeroCount plus the positive and negative bucket counts");
    }

    [Fact]
    public void ToPoints_ManyRefusals_MessageNamesTheFirstTenAndCountsTheRest()
    {
        var batch = Map(Gauge("cpu.usage", [.. Enumerable.Range(0, 12).Select(_ => Number(double.NaN)), Number(0.5)]));

        Assert.Equal(12, batch.Rejected.Count);
        Assert.Single(batch.Points);
        Assert.StartsWith("Rejected 12 of 13 data points: ", batch.ErrorMessage);
        Assert.Contains($"{FirstMetric}.gauge.dataPoints[9] (value)", batch.ErrorMessage);
        Assert.DoesNotContain("dataPoints[10]", batch.ErrorMessage);
        Assert.EndsWith("; and 2 more.", batch.ErrorMessage);
    }
}
