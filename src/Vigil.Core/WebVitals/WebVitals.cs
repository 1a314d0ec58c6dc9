using System.Text.RegularExpressions;
using Vigil.Core.Metrics;

namespace Vigil.Core.WebVitals;

public enum WebVitalMetric
{
    Lcp,
    Inp,
    Cls,
    Fcp,
    Ttfb,
}

public enum WebVitalRating
{
    Good,
    NeedsImprovement,
    Poor,
}

/// <summary>One page load's value of one Web Vital, as the browser snippet reports it.</summary>
/// <param name="Page">The page's path with ids replaced (<see cref="WebVitalPages.Normalize"/>).</param>
/// <param name="Value">Milliseconds, except CLS, which has no unit.</param>
public sealed record WebVitalSample(long ProjectId, DateTimeOffset Timestamp, WebVitalMetric Metric, string Page, double Value, string? DistinctId);

/// <summary>One metric on one page over a time range.</summary>
public sealed record WebVitalTotals(string Page, WebVitalAggregate Aggregate);

/// <summary>web.dev's thresholds: good at or below the first, poor above the second (REFERENCE "Web Vitals").</summary>
public static class WebVitalThresholds
{
    public static (double Good, double Poor) Of(WebVitalMetric metric) => metric switch
    {
        WebVitalMetric.Lcp => (2500, 4000),
        WebVitalMetric.Inp => (200, 500),
        WebVitalMetric.Cls => (0.1, 0.25),
        WebVitalMetric.Fcp => (1800, 3000),
        WebVitalMetric.Ttfb => (800, 1800),
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, null),
    };

    public static WebVitalRating Rate(WebVitalMetric metric, double value)
    {
        var (good, poor) = Of(metric);
        return value <= good ? WebVitalRating.Good : value <= poor ? WebVitalRating.NeedsImprovement : WebVitalRating.Poor;
    }

    public static string NameOf(WebVitalMetric metric) => metric.ToString().ToUpperInvariant();
}

/// <summary>
/// Page loads of one metric (on one page, or all): how many were good, needed improvement or were poor, and a sketch of
/// their values for the 75th percentile web.dev judges a page by. CLS is kept in thousandths in the sketch, whose
/// smallest tracked value is a microsecond.
/// </summary>
public sealed class WebVitalAggregate(WebVitalMetric metric)
{
    private const double ClsScale = 1000;

    public WebVitalMetric Metric { get; } = metric;

    public long Good { get; private set; }

    public long NeedsImprovement { get; private set; }

    public long Poor { get; private set; }

    public LatencySketch Sketch { get; } = new();

    public long Count => Good + NeedsImprovement + Poor;

    /// <summary>Null without page loads; a page passes when this is good.</summary>
    public double? P75 => Count == 0 ? null : Sketch.Quantile(0.75) / Scale;

    public WebVitalRating? P75Rating => P75 is { } value ? WebVitalThresholds.Rate(Metric, value) : null;

    private double Scale => Metric == WebVitalMetric.Cls ? ClsScale : 1;

    public void Add(double value)
    {
        AddRated(WebVitalThresholds.Rate(Metric, value), 1);
        Sketch.Add(value * Scale);
    }

    /// <summary>The sketch bucket a value is counted in, for stores that sum counts per bucket themselves.</summary>
    public static int BucketOf(WebVitalMetric metric, double value) => LatencySketch.BucketOf(metric == WebVitalMetric.Cls ? value * ClsScale : value);

    public void AddCounts(long good, long needsImprovement, long poor)
    {
        Good += good;
        NeedsImprovement += needsImprovement;
        Poor += poor;
    }

    public void Merge(WebVitalAggregate other)
    {
        ArgumentNullException.ThrowIfNull(other);
        AddCounts(other.Good, other.NeedsImprovement, other.Poor);
        Sketch.Merge(other.Sketch);
    }

    private void AddRated(WebVitalRating rating, long count)
    {
        switch (rating)
        {
            case WebVitalRating.Good:
                Good += count;
                break;
            case WebVitalRating.NeedsImprovement:
                NeedsImprovement += count;
                break;
            default:
                Poor += count;
                break;
        }
    }
}

/// <summary>Pages as Web Vitals are grouped: a path without query or fragment, ids replaced, so /orders/123 and /orders/456 are one page.</summary>
public static partial class WebVitalPages
{
    public const int MaxLength = 200;

    public static string Normalize(string pageOrUrl)
    {
        ArgumentNullException.ThrowIfNull(pageOrUrl);
        var path = Uri.TryCreate(pageOrUrl, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" ? url.AbsolutePath : pageOrUrl;
        var cut = path.IndexOfAny(['?', '#']);
        if (cut >= 0)
        {
            path = path[..cut];
        }
        if (!path.StartsWith('/'))
        {
            path = "/" + path;
        }
        var normalized = string.Join('/', path.Split('/').Select(segment => IdSegment().IsMatch(segment) ? ":id" : segment));
        if (normalized.Length > 1)
        {
            normalized = normalized.TrimEnd('/');
        }
        return normalized.Length <= MaxLength ? normalized : normalized[..MaxLength];
    }

    // Numbers, UUIDs, and long hex or mixed letter-digit tokens (hashes, object ids, slugs with ids) vary per record.
    [GeneratedRegex(@"^(\d+|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|(?=[a-zA-Z]*\d)[0-9a-fA-F]{12,}|(?=[A-Za-z_-]*\d)(?=[\d_-]*[A-Za-z])[A-Za-z0-9_-]{20,})$")]
    private static partial Regex IdSegment();
}
