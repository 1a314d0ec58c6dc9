namespace Vigil.Core.Routes;

/// <summary>One route's numbers over a range.</summary>
/// <param name="Method">Empty for <see cref="RouteReport.OtherRoute"/>.</param>
/// <param name="RequestsPerSecond">Count over the seconds the range has run so far.</param>
/// <param name="P50Ms">Percentiles within 1% (the latency sketch's accuracy); null without requests.</param>
/// <param name="ClientErrorRate">Share of requests answered 4xx, 0–1.</param>
/// <param name="ServerErrorRate">Share of requests answered 5xx, 0–1.</param>
public sealed record RouteStats(
    string Method, string Route, long Count, double RequestsPerSecond, double? P50Ms, double? P95Ms, double? P99Ms, double? AverageMs,
    double ClientErrorRate, double ServerErrorRate);

/// <summary>What the Routes page and API show: the busiest routes, the rest as one row, and the slowest requests.</summary>
public sealed record RouteReport(IReadOnlyList<RouteStats> Routes, IReadOnlyList<SlowRequest> Slowest)
{
    /// <summary>The row routes beyond the limits are merged into (by the API's limit, and by a store's per-hour limit).</summary>
    public const string OtherRoute = "(other)";

    /// <param name="elapsed">The part of the range that has passed: requests per second divide by it.</param>
    /// <param name="maxRoutes">The most rows answered, <see cref="OtherRoute"/> included.</param>
    public static RouteReport From(IEnumerable<RouteTotals> totals, TimeSpan elapsed, int maxRoutes)
    {
        ArgumentNullException.ThrowIfNull(totals);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRoutes, 2);
        var all = totals.ToList();
        var named = all.Where(total => !total.Key.IsOther)
            .OrderByDescending(total => total.Aggregate.Requests.Count)
            .ThenBy(total => total.Key.Route, StringComparer.Ordinal)
            .ThenBy(total => total.Key.Method, StringComparer.Ordinal)
            .ToList();
        var stored = all.Where(total => total.Key.IsOther).ToList();
        var keep = named.Count + (stored.Count > 0 ? 1 : 0) > maxRoutes ? maxRoutes - 1 : named.Count;
        var rest = named.Skip(keep).Concat(stored).ToList();
        var rows = named.Take(keep).ToList();
        if (rest.Count > 0)
        {
            var other = new RouteAggregate();
            foreach (var total in rest)
            {
                other.Merge(total.Aggregate);
            }
            rows.Add(new RouteTotals(RouteKey.Other, other));
        }
        var seconds = Math.Max(1, elapsed.TotalSeconds);
        return new RouteReport(rows.Select(row => Stats(row, seconds)).ToList(), SlowestOf(all));
    }

    /// <summary>The slowest requests of the routes, slowest first, at most <see cref="RouteAggregate.SlowestKept"/>.</summary>
    public static IReadOnlyList<SlowRequest> SlowestOf(IEnumerable<RouteTotals> totals)
    {
        ArgumentNullException.ThrowIfNull(totals);
        var slowest = new RouteAggregate();
        foreach (var request in totals.SelectMany(total => total.Aggregate.Slowest))
        {
            slowest.Offer(request);
        }
        return slowest.Slowest;
    }

    private static RouteStats Stats(RouteTotals total, double seconds)
    {
        var requests = total.Aggregate.Requests;
        var count = requests.Count;
        return new RouteStats(
            total.Key.Method,
            total.Key.Route,
            count,
            count / seconds,
            requests.Sketch.Quantile(0.50),
            requests.Sketch.Quantile(0.95),
            requests.Sketch.Quantile(0.99),
            count == 0 ? null : requests.SumMs / count,
            count == 0 ? 0 : (double)requests.ClientErrors / count,
            count == 0 ? 0 : (double)requests.ServerErrors / count);
    }
}
