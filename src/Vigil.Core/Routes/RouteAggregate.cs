using Vigil.Core.Ingest;

namespace Vigil.Core.Routes;

/// <summary>One request kept as an example of a slow one: enough to name it and to find its trace's logs.</summary>
public sealed record SlowRequest(DateTimeOffset Timestamp, string Method, string Route, int Status, double DurationMs, string? TraceId)
{
    public static SlowRequest Of(RequestSample request) =>
        new(request.Timestamp, request.Method, request.Route, request.Status, request.DurationMs, request.TraceId);

    /// <summary>
    /// Slowest first; among equals the newer first, then by trace id (none first) and status: requests this order
    /// cannot tell apart show the same, so a list of the slowest reads the same however and wherever it was merged.
    /// </summary>
    public static int CompareSlowestFirst(SlowRequest left, SlowRequest right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        var byDuration = right.DurationMs.CompareTo(left.DurationMs);
        if (byDuration != 0)
        {
            return byDuration;
        }
        var byTime = right.Timestamp.CompareTo(left.Timestamp);
        if (byTime != 0)
        {
            return byTime;
        }
        var byTrace = string.CompareOrdinal(left.TraceId, right.TraceId);
        return byTrace != 0 ? byTrace : left.Status.CompareTo(right.Status);
    }
}

/// <summary>A route's key as stored: the method and the route, or <see cref="RouteReport.OtherRoute"/> with an empty method.</summary>
public readonly record struct RouteKey(string Method, string Route)
{
    public static RouteKey Other { get; } = new("", RouteReport.OtherRoute);

    public bool IsOther => Method.Length == 0 && Route == RouteReport.OtherRoute;
}

/// <summary>
/// One route's requests over some time: the counts and latency sketch of <see cref="RequestAggregate"/>, and its
/// <see cref="SlowestKept"/> slowest requests. Aggregates merge by adding, and the slowest of a merge are the slowest
/// of the parts, so hourly rows answer any range of hours exactly.
/// </summary>
public sealed class RouteAggregate
{
    public const int SlowestKept = 5;

    private readonly List<SlowRequest> _slowest = new(SlowestKept + 1);

    public RequestAggregate Requests { get; } = new();

    /// <summary>Slowest first, at most <see cref="SlowestKept"/>.</summary>
    public IReadOnlyList<SlowRequest> Slowest => _slowest;

    public void Add(RequestSample request)
    {
        Requests.Add(request);
        // Most requests of a busy route are not among its slowest: no example is made for them at ingest.
        if (_slowest.Count < SlowestKept || request.DurationMs >= _slowest[^1].DurationMs)
        {
            Offer(SlowRequest.Of(request));
        }
    }

    public void Merge(RouteAggregate other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Requests.Merge(other.Requests);
        foreach (var request in other._slowest)
        {
            Offer(request);
        }
    }

    /// <summary>Keeps the request if it is among the slowest so far.</summary>
    public void Offer(SlowRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var at = _slowest.BinarySearch(request, Comparer<SlowRequest>.Create(SlowRequest.CompareSlowestFirst));
        at = at < 0 ? ~at : at;
        if (at >= SlowestKept)
        {
            return;
        }
        _slowest.Insert(at, request);
        if (_slowest.Count > SlowestKept)
        {
            _slowest.RemoveAt(SlowestKept);
        }
    }
}

/// <summary>A route's requests over a range as a store answers them.</summary>
public sealed record RouteTotals(RouteKey Key, RouteAggregate Aggregate);
