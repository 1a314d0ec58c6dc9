namespace Vigil.Core.WebVitals;

/// <summary>A metric over some page loads: its 75th percentile and rating, and the share of page loads in each rating.</summary>
/// <param name="P75">Milliseconds (CLS: no unit); null without page loads.</param>
/// <param name="Good">Share of page loads rated good, 0–1.</param>
public sealed record WebVitalSummary(
    string Name, long PageLoads, double? P75, WebVitalRating? Rating, double Good, double NeedsImprovement, double Poor)
{
    public static WebVitalSummary Of(WebVitalAggregate aggregate)
    {
        ArgumentNullException.ThrowIfNull(aggregate);
        var count = aggregate.Count;
        return new WebVitalSummary(
            WebVitalThresholds.NameOf(aggregate.Metric),
            count,
            aggregate.P75,
            aggregate.P75Rating,
            count == 0 ? 0 : (double)aggregate.Good / count,
            count == 0 ? 0 : (double)aggregate.NeedsImprovement / count,
            count == 0 ? 0 : (double)aggregate.Poor / count);
    }
}

/// <summary>One page's five metrics.</summary>
/// <param name="PageLoads">The most page loads any metric of the page has (not every metric is reported on every load).</param>
public sealed record WebVitalPage(string Page, long PageLoads, IReadOnlyList<WebVitalSummary> Metrics);

/// <summary>What the dashboard shows: every metric over the whole site, then the busiest pages.</summary>
public sealed record WebVitalReport(IReadOnlyList<WebVitalSummary> Metrics, IReadOnlyList<WebVitalPage> Pages)
{
    public static WebVitalReport From(IEnumerable<WebVitalTotals> totals, int maxPages)
    {
        ArgumentNullException.ThrowIfNull(totals);
        var byPage = totals.GroupBy(total => total.Page).ToList();
        var site = Enum.GetValues<WebVitalMetric>().ToDictionary(metric => metric, metric => new WebVitalAggregate(metric));
        foreach (var total in byPage.SelectMany(page => page))
        {
            site[total.Aggregate.Metric].Merge(total.Aggregate);
        }
        var pages = byPage
            .Select(page =>
            {
                var metrics = Enum.GetValues<WebVitalMetric>()
                    .Select(metric => page.FirstOrDefault(total => total.Aggregate.Metric == metric)?.Aggregate ?? new WebVitalAggregate(metric))
                    .Select(WebVitalSummary.Of)
                    .ToList();
                return new WebVitalPage(page.Key, metrics.Max(metric => metric.PageLoads), metrics);
            })
            .OrderByDescending(page => page.PageLoads)
            .ThenBy(page => page.Page, StringComparer.Ordinal)
            .Take(maxPages)
            .ToList();
        return new WebVitalReport(site.Values.Select(WebVitalSummary.Of).ToList(), pages);
    }
}
