using Vigil.Core.Metrics;
using Vigil.Core.Routes;

namespace Vigil.Core.Ingest;

public readonly record struct EventBucketKey(long ProjectId, string EventName, DateTimeOffset BucketStart);

public readonly record struct PropertyBucketKey(long ProjectId, string EventName, string PropertyName, string PropertyValue, DateTimeOffset BucketStart);

public readonly record struct UserBucketKey(long ProjectId, DateTimeOffset BucketStart, string DistinctId);

public readonly record struct UserDayKey(long ProjectId, DateOnly LocalDate, string DistinctId);

public readonly record struct RequestBucketKey(long ProjectId, DateTimeOffset BucketStart);

/// <summary>A route's requests in one UTC hour (routes are read by UTC hour, as Web Vitals are).</summary>
public readonly record struct RouteHourKey(long ProjectId, DateTimeOffset Hour, RouteKey Route);

/// <summary>Request telemetry folded into one bucket; aggregates of the same bucket merge by adding.</summary>
public sealed class RequestAggregate
{
    public long Count { get; set; }
    public long ServerErrors { get; set; }
    public long ClientErrors { get; set; }
    public double SumMs { get; set; }
    public LatencySketch Sketch { get; init; } = new();

    public void Add(RequestSample request)
    {
        Count++;
        if (request.Status >= 500)
        {
            ServerErrors++;
        }
        else if (request.Status >= 400)
        {
            ClientErrors++;
        }
        SumMs += request.DurationMs;
        Sketch.Add(request.DurationMs);
    }

    public void Merge(RequestAggregate other)
    {
        Count += other.Count;
        ServerErrors += other.ServerErrors;
        ClientErrors += other.ClientErrors;
        SumMs += other.SumMs;
        Sketch.Merge(other.Sketch);
    }
}

/// <summary>
/// The dashboard's rollups for one batch: counts per minute and per local hour, distinct users per minute,
/// local hour and local day, request aggregates with latency sketches, and per route and UTC hour the same with the slowest requests. Stores add them to what they hold.
/// </summary>
public sealed class RollupSet
{
    /// <summary>Top-level properties counted for breakdowns; longer values are ids or text, not categories.</summary>
    public const int MaxBreakdownValueLength = 100;
    public const int MaxBreakdownPropertiesPerEvent = 32;

    public Dictionary<EventBucketKey, long> EventMinutes { get; } = new();
    public Dictionary<EventBucketKey, long> EventHours { get; } = new();
    public Dictionary<PropertyBucketKey, long> PropertyHours { get; } = new();
    public HashSet<UserBucketKey> UserMinutes { get; } = new();
    public HashSet<UserBucketKey> UserHours { get; } = new();
    public HashSet<UserDayKey> UserDays { get; } = new();
    public Dictionary<RequestBucketKey, RequestAggregate> RequestMinutes { get; } = new();
    public Dictionary<RequestBucketKey, RequestAggregate> RequestHours { get; } = new();
    public Dictionary<RouteHourKey, RouteAggregate> RouteHours { get; } = new();

    private readonly Dictionary<(TimeZoneInfo Zone, DateTimeOffset Minute), TimeSpan> _offsets = new();

    public static RollupSet From(IEnumerable<ProductEvent> events, IEnumerable<RequestSample> requests, Func<long, TimeZoneInfo> zoneOfProject)
    {
        var rollups = new RollupSet();
        rollups.Add(events, requests, zoneOfProject);
        return rollups;
    }

    public void Add(IEnumerable<ProductEvent> events, IEnumerable<RequestSample> requests, Func<long, TimeZoneInfo> zoneOfProject)
    {
        foreach (var productEvent in events)
        {
            Add(productEvent, zoneOfProject(productEvent.ProjectId));
        }
        foreach (var request in requests)
        {
            Add(request, zoneOfProject(request.ProjectId));
        }
    }

    /// <summary>Empties the set but keeps its capacity, so a writer that reuses one set allocates no new tables per batch.</summary>
    public void Clear()
    {
        EventMinutes.Clear();
        EventHours.Clear();
        PropertyHours.Clear();
        UserMinutes.Clear();
        UserHours.Clear();
        UserDays.Clear();
        RequestMinutes.Clear();
        RequestHours.Clear();
        RouteHours.Clear();
        _offsets.Clear();
    }

    public void Add(ProductEvent productEvent, TimeZoneInfo zone)
    {
        var project = productEvent.ProjectId;
        var minute = TimeBuckets.MinuteStart(productEvent.Timestamp);
        var offset = Offset(zone, minute);
        var hour = TimeBuckets.LocalHourStart(productEvent.Timestamp, offset);
        Increment(EventMinutes, new EventBucketKey(project, productEvent.Name, minute));
        Increment(EventHours, new EventBucketKey(project, productEvent.Name, hour));
        foreach (var (name, value) in productEvent.BreakdownValues)
        {
            Increment(PropertyHours, new PropertyBucketKey(project, productEvent.Name, name, value, hour));
        }
        UserMinutes.Add(new UserBucketKey(project, minute, productEvent.DistinctId));
        UserHours.Add(new UserBucketKey(project, hour, productEvent.DistinctId));
        UserDays.Add(new UserDayKey(project, TimeBuckets.LocalDate(productEvent.Timestamp, offset), productEvent.DistinctId));
    }

    public void Add(RequestSample request, TimeZoneInfo zone)
    {
        var minute = TimeBuckets.MinuteStart(request.Timestamp);
        Aggregate(RequestMinutes, new RequestBucketKey(request.ProjectId, minute)).Add(request);
        Aggregate(RequestHours, new RequestBucketKey(request.ProjectId, TimeBuckets.LocalHourStart(request.Timestamp, Offset(zone, minute)))).Add(request);
        var routeHour = new RouteHourKey(request.ProjectId, TimeBuckets.LocalHourStart(request.Timestamp, TimeSpan.Zero), new RouteKey(request.Method, request.Route));
        if (!RouteHours.TryGetValue(routeHour, out var route))
        {
            RouteHours[routeHour] = route = new RouteAggregate();
        }
        route.Add(request);
    }

    /// <summary>Zone offsets change only on whole minutes, so one lookup serves every item of a minute.</summary>
    private TimeSpan Offset(TimeZoneInfo zone, DateTimeOffset minute)
    {
        if (!_offsets.TryGetValue((zone, minute), out var offset))
        {
            offset = zone.GetUtcOffset(minute);
            _offsets[(zone, minute)] = offset;
        }
        return offset;
    }

    private static void Increment<TKey>(Dictionary<TKey, long> counts, TKey key) where TKey : notnull =>
        counts[key] = counts.GetValueOrDefault(key) + 1;

    private static RequestAggregate Aggregate(Dictionary<RequestBucketKey, RequestAggregate> aggregates, RequestBucketKey key)
    {
        if (!aggregates.TryGetValue(key, out var aggregate))
        {
            aggregate = new RequestAggregate();
            aggregates[key] = aggregate;
        }
        return aggregate;
    }
}
