using System.Text;
using Vigil.Core.WebVitals;

namespace Vigil.Core.Tests.WebVitals;

public sealed class WebVitalsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 5, 30, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(WebVitalMetric.Lcp, 2500, WebVitalRating.Good)]
    [InlineData(WebVitalMetric.Lcp, 2500.1, WebVitalRating.NeedsImprovement)]
    [InlineData(WebVitalMetric.Lcp, 4000, WebVitalRating.NeedsImprovement)]
    [InlineData(WebVitalMetric.Lcp, 4000.1, WebVitalRating.Poor)]
    [InlineData(WebVitalMetric.Inp, 200, WebVitalRating.Good)]
    [InlineData(WebVitalMetric.Inp, 501, WebVitalRating.Poor)]
    [InlineData(WebVitalMetric.Cls, 0.1, WebVitalRating.Good)]
    [InlineData(WebVitalMetric.Cls, 0.25, WebVitalRating.NeedsImprovement)]
    [InlineData(WebVitalMetric.Cls, 0.26, WebVitalRating.Poor)]
    [InlineData(WebVitalMetric.Fcp, 1800, WebVitalRating.Good)]
    [InlineData(WebVitalMetric.Fcp, 3000.5, WebVitalRating.Poor)]
    [InlineData(WebVitalMetric.Ttfb, 800, WebVitalRating.Good)]
    [InlineData(WebVitalMetric.Ttfb, 1800, WebVitalRating.NeedsImprovement)]
    public void Rate_WebDevThresholds_GoodAtOrBelowPoorAbove(WebVitalMetric metric, double value, WebVitalRating expected)
    {
        Assert.Equal(expected, WebVitalThresholds.Rate(metric, value));
    }

    [Fact]
    public void Aggregate_OneToAHundredSeconds_P75WithinOnePercentAndSharesCounted()
    {
        var aggregate = new WebVitalAggregate(WebVitalMetric.Lcp);
        foreach (var second in Enumerable.Range(1, 100))
        {
            aggregate.Add(second * 100);
        }

        Assert.InRange(aggregate.P75!.Value, 7500 * 0.99, 7500 * 1.01);
        Assert.Equal(WebVitalRating.Poor, aggregate.P75Rating);
        Assert.Equal((25L, 15L, 60L), (aggregate.Good, aggregate.NeedsImprovement, aggregate.Poor));
    }

    [Fact]
    public void Aggregate_Cls_P75InItsOwnUnitThroughTheSketch()
    {
        var aggregate = new WebVitalAggregate(WebVitalMetric.Cls);
        foreach (var value in new[] { 0.01, 0.02, 0.05, 0.3 })
        {
            aggregate.Add(value);
        }

        Assert.InRange(aggregate.P75!.Value, 0.05 * 0.99, 0.05 * 1.01);
        Assert.Equal(WebVitalRating.Good, aggregate.P75Rating);
    }

    [Fact]
    public void Aggregate_Empty_NoP75()
    {
        var aggregate = new WebVitalAggregate(WebVitalMetric.Inp);

        Assert.Null(aggregate.P75);
        Assert.Null(aggregate.P75Rating);
    }

    [Theory]
    [InlineData("/pricing", "/pricing")]
    [InlineData("/pricing/", "/pricing")]
    [InlineData("/", "/")]
    [InlineData("https://shop.example/orders/123?tab=items#top", "/orders/:id")]
    [InlineData("/users/550e8400-e29b-41d4-a716-446655440000/settings", "/users/:id/settings")]
    [InlineData("/docs/getting-started", "/docs/getting-started")]
    [InlineData("/p/507f1f77bcf86cd799439011", "/p/:id")]
    [InlineData("checkout", "/checkout")]
    public void Normalize_PathWithIdsReplaced(string page, string expected)
    {
        Assert.Equal(expected, WebVitalPages.Normalize(page));
    }

    [Fact]
    public void Parse_Vitals_NormalizedPageAndMetricByName()
    {
        var batch = WebVitalIngestParser.Parse(Encoding.UTF8.GetBytes("""
            {"vitals":[{"name":"lcp","value":2412.5,"page":"https://shop.example/orders/42","distinct_id":"u1"},
                       {"name":"CLS","value":0.12,"page":"/"}]}
            """), 3, Now);

        Assert.Equal(
            [new WebVitalSample(3, Now, WebVitalMetric.Lcp, "/orders/:id", 2412.5, "u1"), new WebVitalSample(3, Now, WebVitalMetric.Cls, "/", 0.12, null)],
            batch.Accepted);
    }

    [Theory]
    [InlineData("""{"name":"FID","value":10,"page":"/"}""", "name")]
    [InlineData("""{"value":10,"page":"/"}""", "name")]
    [InlineData("""{"name":"LCP","page":"/"}""", "value")]
    [InlineData("""{"name":"LCP","value":-1,"page":"/"}""", "value")]
    [InlineData("""{"name":"LCP","value":700000,"page":"/"}""", "value")]
    [InlineData("""{"name":"CLS","value":101,"page":"/"}""", "value")]
    [InlineData("""{"name":"LCP","value":10}""", "page")]
    public void Parse_BadItem_RejectedNamingTheField(string item, string field)
    {
        var batch = WebVitalIngestParser.Parse(Encoding.UTF8.GetBytes($$"""{"vitals":[{{item}}]}"""), 3, Now);

        Assert.Equal(field, Assert.Single(batch.Rejected).Field);
    }

    [Fact]
    public void Report_SiteWideAndBusiestPagesFirst()
    {
        static WebVitalTotals Totals(string page, WebVitalMetric metric, params double[] values)
        {
            var aggregate = new WebVitalAggregate(metric);
            foreach (var value in values)
            {
                aggregate.Add(value);
            }
            return new WebVitalTotals(page, aggregate);
        }

        var report = WebVitalReport.From(
            [
                Totals("/", WebVitalMetric.Lcp, 1000, 2000, 3000, 5000),
                Totals("/pricing", WebVitalMetric.Lcp, 1000),
                Totals("/pricing", WebVitalMetric.Cls, 0.3, 0.3),
            ],
            maxPages: 1);

        var lcp = report.Metrics.Single(metric => metric.Name == "LCP");
        Assert.Equal(5, lcp.PageLoads);
        Assert.Equal((0.6, 0.2, 0.2), (lcp.Good, lcp.NeedsImprovement, lcp.Poor));
        Assert.Equal(5, report.Metrics.Count);
        var page = Assert.Single(report.Pages);
        Assert.Equal(("/", 4L), (page.Page, page.PageLoads));
        Assert.Null(page.Metrics.Single(metric => metric.Name == "INP").P75);
    }
}
