using Vigil.Core.Series;

namespace Vigil.Core.Tests.Series;

public sealed class ClassicHistogramsTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 21, 5, 0, 0, TimeSpan.Zero);

    // Prometheus's own test histograms (promql/testdata/histograms.test, testhistogram_bucket): one starting above 0, one below.
    private static readonly Dictionary<double, double> Positive = new() { [0.1] = 50, [0.2] = 70, [1] = 110, [double.PositiveInfinity] = 120 };
    private static readonly Dictionary<double, double> Negative = new() { [-0.2] = 10, [-0.1] = 20, [0.3] = 20, [double.PositiveInfinity] = 30 };

    [Theory]
    [InlineData(0, 0, -0.2)]
    [InlineData(0.25, 0.06, -0.2)]
    [InlineData(0.5, 0.15, -0.15)]
    [InlineData(0.8, 0.72, 0.3)]
    [InlineData(0.99, 1, 0.3)]
    [InlineData(1, 1, 0.3)]
    public void BucketQuantile_PrometheusTestHistograms_AnswersAsHistogramQuantile(double q, double positive, double negative)
    {
        Assert.Equal(positive, ClassicHistograms.BucketQuantile(q, Positive)!.Value, 9);
        Assert.Equal(negative, ClassicHistograms.BucketQuantile(q, Negative)!.Value, 9);
    }

    [Fact]
    public void BucketQuantile_CountDroppingToAHigherBound_IsRaisedToTheOneBefore()
    {
        var racing = new Dictionary<double, double> { [0.1] = 10, [0.2] = 8, [double.PositiveInfinity] = 20 };

        Assert.Equal(0.1, ClassicHistograms.BucketQuantile(0.5, racing)!.Value, 9);
    }

    [Fact]
    public void BucketQuantile_WithoutInfBucketOrObservations_IsNull()
    {
        Assert.Null(ClassicHistograms.BucketQuantile(0.5, new Dictionary<double, double> { [0.1] = 1, [0.2] = 2 }));
        Assert.Null(ClassicHistograms.BucketQuantile(0.5, new Dictionary<double, double> { [0.1] = 0, [double.PositiveInfinity] = 0 }));
        Assert.Null(ClassicHistograms.BucketQuantile(0.5, new Dictionary<double, double> { [double.PositiveInfinity] = 4 }));
    }

    [Fact]
    public void Assemble_PartsOfTwoInstances_QuantileAverageAndRatePerInstanceAndTogether()
    {
        // Instance a: 10 requests, 4 up to 0.1 s, 8 up to 0.5 s; instance b: 10 requests, all up to 0.1 s. Over two minutes.
        var parts = new[]
        {
            Part("a", "0.1"), Part("a", "0.5"), Part("a", "+Inf"), Part("a", null, "_sum"), Part("a", null, "_count"),
            Part("b", "0.1"), Part("b", "0.5"), Part("b", "+Inf"), Part("b", null, "_sum"), Part("b", null, "_count"),
        };
        double[] increases = [2, 4, 5, 1.1, 5, 5, 5, 5, 0.25, 5];
        var minutes = parts.SelectMany((part, index) => new[] { Increase(part, 0, increases[index]), Increase(part, 1, increases[index]) }).ToList();

        var (histograms, histogramMinutes) = ClassicHistograms.Assemble("http_request_duration_seconds", parts, minutes);

        Assert.Equal(2, histograms.Count);
        Assert.All(histograms, histogram => Assert.Equal(("http_request_duration_seconds", SeriesKind.Histogram, "s"), (histogram.Name, histogram.Kind, histogram.Unit)));
        var twoMinutes = TimeSpan.FromMinutes(2);
        var perInstance = SeriesQueries.Aggregate(histograms, histogramMinutes, SeriesAggregation.P50, ["instance"], Start, Start.AddMinutes(2), twoMinutes);
        // a: rank 5 of 10 falls in (0.1, 0.5] holding 4, one in: 0.1 + 0.4 × 1/4.
        Assert.Equal(0.2, perInstance[0].Points[0].Value!.Value, 9);
        Assert.Equal(0.05, perInstance[1].Points[0].Value!.Value, 9);
        // Together: 20 requests, 14 up to 0.1 s: p90 = rank 18 of (0.1, 0.5] holding 4 from 14: 0.1 + 0.4 × 4/4.
        Assert.Equal(0.5, Single(histograms, histogramMinutes, SeriesAggregation.P90), 9);
        Assert.Equal((2 * 1.1 + 2 * 0.25) / 20, Single(histograms, histogramMinutes, SeriesAggregation.Avg), 9);
        Assert.Equal(20, Single(histograms, histogramMinutes, SeriesAggregation.Increase), 9);
        Assert.Equal(20 / twoMinutes.TotalSeconds, Single(histograms, histogramMinutes, SeriesAggregation.Rate), 9);
    }

    [Fact]
    public void Parts_SummaryWithoutBuckets_IsNoHistogram()
    {
        var summary = new[] { Part("a", null, "_sum"), Part("a", null, "_count") };

        Assert.Empty(ClassicHistograms.Parts("http_request_duration_seconds", summary));
        Assert.Equal(3, ClassicHistograms.Parts("http_request_duration_seconds", [.. summary, Part("a", "+Inf")]).Count);
    }

    private static double Single(IReadOnlyList<NamedSeries> histograms, IReadOnlyList<SeriesMinute> minutes, SeriesAggregation aggregation) =>
        SeriesQueries.Aggregate(histograms, minutes, aggregation, [], Start, Start.AddMinutes(2), TimeSpan.FromMinutes(2)).Single().Points.Single().Value!.Value;

    private static NamedSeries Part(string instance, string? le, string suffix = "_bucket") =>
        new(1, "http_request_duration_seconds" + suffix,
            [KeyValuePair.Create("instance", instance), .. le is null ? [] : new[] { KeyValuePair.Create("le", le) }],
            SeriesKind.Counter, "s");

    private static SeriesMinute Increase(NamedSeries series, int minute, double increase)
    {
        var rollup = new MinuteRollup();
        rollup.AddIncrease(increase, increase, Start.AddMinutes(minute));
        return new SeriesMinute(series.ProjectId, series.Id, Start.AddMinutes(minute), rollup);
    }
}
