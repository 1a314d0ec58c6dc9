namespace Vigil.Core.Metrics;

/// <summary>The eight numbers of the realtime panel. Null means no data (no requests, or no health probe configured).</summary>
public sealed record RealtimeMetrics(
    long ActiveUsers,
    long PageViews,
    long Signups,
    long AppsCreated,
    long Orders,
    double? ErrorRate,
    double? AvgResponseTime,
    double? P95ResponseTime,
    double? Uptime,
    DateTimeOffset AsOf,
    RealtimeTrends Trends);

/// <summary>Percent change of each number against the same span one day earlier; null where that span had no data or zero.</summary>
public sealed record RealtimeTrends(
    double? ActiveUsers,
    double? PageViews,
    double? Signups,
    double? AppsCreated,
    double? Orders,
    double? ErrorRate,
    double? AvgResponseTime,
    double? P95ResponseTime,
    double? Uptime);

public enum SeriesMetric
{
    PageViews,
    ActiveUsers,
    Signups,
    Orders,
    ErrorRate,
    P95ResponseTime,
}

public sealed record SeriesPoint(DateTimeOffset Time, double? Value);

public sealed record MetricSeries(string Metric, string Step, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<SeriesPoint> Points);

public sealed record BreakdownItem(string Value, long Count, double Share);

public sealed record MetricBreakdown(string Event, string By, DateTimeOffset From, DateTimeOffset To, long Total, IReadOnlyList<BreakdownItem> Items);
