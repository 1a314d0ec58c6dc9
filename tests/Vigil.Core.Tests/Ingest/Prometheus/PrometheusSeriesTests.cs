using Vigil.Core.Ingest.Prometheus;
using Vigil.Core.Series;

namespace Vigil.Core.Tests.Ingest.Prometheus;

public sealed class PrometheusSeriesTests
{
    private static readonly DateTimeOffset ScrapedAt = new(2026, 11, 21, 5, 0, 0, TimeSpan.Zero);
    private static readonly IReadOnlyList<KeyValuePair<string, string>> Target = [new("instance", "10.0.0.5:9100"), new("job", "scrape")];

    [Fact]
    public void FromScrape_HistogramFamily_OneHistogramPointWithItsBucketsCountAndSum()
    {
        var (families, _) = PrometheusText.Parse("""
            # TYPE http_request_duration_seconds histogram
            http_request_duration_seconds_bucket{le="0.05"} 60
            http_request_duration_seconds_bucket{le="0.1"} 90
            http_request_duration_seconds_bucket{le="+Inf"} 100
            http_request_duration_seconds_sum 7.5
            http_request_duration_seconds_count 100
            """);

        var point = Assert.Single(PrometheusSeries.FromScrape(families, 1, Target, ScrapedAt).Points);

        Assert.Equal(("http_request_duration_seconds", SeriesKind.Histogram, "s"), (point.Series.Name, point.Series.Kind, point.Series.Unit));
        Assert.Equal(Target, point.Series.Labels);
        Assert.Equal((100L, 7.5), (point.Histogram!.Count, point.Histogram.Sum));
        Assert.Equal(0.05, HistogramSketches.Quantile(point.Histogram.Sketch, 0.5)!.Value, 0.05 * 0.01);
        Assert.Equal(0.1, HistogramSketches.Quantile(point.Histogram.Sketch, 0.95)!.Value, 0.1 * 0.01);
    }

    [Fact]
    public void FromScrape_CountersGaugesSummariesAndTargetLabels_KindsAsTyped()
    {
        var (families, _) = PrometheusText.Parse("""
            # TYPE jobs_total counter
            jobs_total{queue="mail",job="worker"} 12
            jobs_created 1700000000
            # TYPE queue_depth gauge
            queue_depth{queue="mail"} 3 1795000000000
            # TYPE rpc_duration_seconds summary
            rpc_duration_seconds{quantile="0.99"} 0.2
            rpc_duration_seconds_sum 40
            rpc_duration_seconds_count 200
            stale_thing NaN
            """);

        var points = PrometheusSeries.FromScrape(families, 1, Target, ScrapedAt).Points;

        Assert.Equal(
            ["jobs_total:Counter", "queue_depth:Gauge", "rpc_duration_seconds:Gauge", "rpc_duration_seconds_sum:Counter", "rpc_duration_seconds_count:Counter"],
            points.Select(point => $"{point.Series.Name}:{point.Series.Kind}"));
        Assert.Equal("scrape", points[0].Series.Label("job"));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1795000000000), points[1].Time);
        Assert.Equal(ScrapedAt, points[0].Time);
    }
}
