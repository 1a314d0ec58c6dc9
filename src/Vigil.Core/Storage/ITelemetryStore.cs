using Vigil.Core.Errors;
using Vigil.Core.Ingest;
using Vigil.Core.Metrics;
using Vigil.Core.Monitors;
using Vigil.Core.Series;

namespace Vigil.Core.Storage;

public readonly record struct CountBucket(DateTimeOffset Start, long Count);

public sealed record RequestBucket(DateTimeOffset Start, RequestAggregate Aggregate);

public readonly record struct PropertyCount(string Value, long Count);

/// <summary>Raw rows a telemetry store holds, which <c>vigil migrate</c> compares between engines.</summary>
public sealed record TelemetryCounts(long Events, long Requests, long ProbeResults, long Errors);

/// <summary>
/// Events, request telemetry, probe results and the rollups the dashboard reads. Every read takes [from, to)
/// in bucket starts of the given granularity; minute and hour buckets are those of <see cref="TimeBuckets"/>.
/// </summary>
public interface ITelemetryStore
{
    Task MigrateAsync(CancellationToken cancellationToken);

    /// <summary>Writes raw rows and rollups atomically and durably: when this returns, the batch survives a crash.</summary>
    Task WriteAsync(IngestBatch batch, CancellationToken cancellationToken);

    Task<IReadOnlyList<CountBucket>> ReadEventCountsAsync(long projectId, string eventName, DateTimeOffset from, DateTimeOffset to, Granularity granularity, CancellationToken cancellationToken);

    Task<IReadOnlyList<RequestBucket>> ReadRequestBucketsAsync(long projectId, DateTimeOffset from, DateTimeOffset to, Granularity granularity, CancellationToken cancellationToken);

    /// <summary>Distinct users per minute or hour bucket starting in [from, to); buckets without users are absent.</summary>
    Task<IReadOnlyList<CountBucket>> ReadDistinctUsersPerBucketAsync(long projectId, DateTimeOffset from, DateTimeOffset to, Granularity granularity, CancellationToken cancellationToken);

    /// <summary>Distinct users per local date in [from, to]; dates without users are absent.</summary>
    Task<IReadOnlyList<(DateOnly Date, long Users)>> ReadDistinctUsersPerDayAsync(long projectId, DateOnly from, DateOnly to, CancellationToken cancellationToken);

    /// <summary>Event counts per value of a top-level property over hour buckets starting in [from, to).</summary>
    Task<IReadOnlyList<PropertyCount>> ReadPropertyCountsAsync(long projectId, string eventName, string propertyName, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>
    /// Totals over the minute or hour buckets starting in [from, to), for many projects in one read (the alert evaluator
    /// reads every project each cycle). Projects without requests are absent.
    /// </summary>
    Task<IReadOnlyDictionary<long, RequestAggregate>> ReadRequestTotalsAsync(IReadOnlyCollection<long> projectIds, DateTimeOffset from, DateTimeOffset to, Granularity granularity, CancellationToken cancellationToken);

    /// <summary>Event counts over the buckets starting in [from, to), for every pair of the given projects and names that has any.</summary>
    Task<IReadOnlyDictionary<(long ProjectId, string EventName), long>> ReadEventTotalsAsync(IReadOnlyCollection<long> projectIds, IReadOnlyCollection<string> eventNames, DateTimeOffset from, DateTimeOffset to, Granularity granularity, CancellationToken cancellationToken);

    /// <summary>Distinct users per project over the buckets starting in [from, to); projects without users are absent.</summary>
    Task<IReadOnlyDictionary<long, long>> CountDistinctUsersAsync(IReadOnlyCollection<long> projectIds, DateTimeOffset from, DateTimeOffset to, Granularity granularity, CancellationToken cancellationToken);

    /// <summary>Probe results per project with timestamps in (from, to]; projects without probes are absent.</summary>
    Task<IReadOnlyDictionary<long, ProbeSummary>> ReadProbeSummariesAsync(IReadOnlyCollection<long> projectIds, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    Task WriteProbeResultAsync(ProbeResult result, CancellationToken cancellationToken);

    /// <summary>Per issue with any occurrence in [from, to): count, distinct users, first and last occurrence in the range.</summary>
    Task<IReadOnlyList<ErrorGroupTotals>> ReadErrorGroupsAsync(long projectId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>Occurrences per issue and UTC hour starting in [from, to), in hour order; hours without any are absent.</summary>
    Task<IReadOnlyDictionary<string, IReadOnlyList<CountBucket>>> ReadErrorHourlyCountsAsync(long projectId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>The newest occurrences of one issue, newest first.</summary>
    Task<IReadOnlyList<ErrorEvent>> ReadErrorSamplesAsync(long projectId, string fingerprint, int limit, CancellationToken cancellationToken);

    /// <summary>The metric series of the projects, only those named <paramref name="names"/> when given, each with its latest state.</summary>
    Task<IReadOnlyList<StoredSeries>> ReadMetricSeriesAsync(IReadOnlyCollection<long> projectIds, IReadOnlyCollection<string>? names, CancellationToken cancellationToken);

    /// <summary>
    /// Minute rollups of the given series of the given projects, minutes in [from, to). A store may answer several rows
    /// for one series and minute (written by different batches); readers merge them.
    /// </summary>
    Task<IReadOnlyList<SeriesMinute>> ReadMetricMinutesAsync(IReadOnlyCollection<long> projectIds, IReadOnlyCollection<long> seriesIds, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);
}

/// <summary>One project's answers of the reads that take many projects.</summary>
public static class TelemetryStoreExtensions
{
    /// <summary>Distinct users with any event in the minute or hour buckets starting in [from, to).</summary>
    public static async Task<long> CountDistinctUsersAsync(this ITelemetryStore store, long projectId, DateTimeOffset from, DateTimeOffset to, Granularity granularity, CancellationToken cancellationToken) =>
        (await store.CountDistinctUsersAsync([projectId], from, to, granularity, cancellationToken)).GetValueOrDefault(projectId);

    /// <summary>Probe results with timestamps in (from, to].</summary>
    public static async Task<ProbeSummary> ReadProbeSummaryAsync(this ITelemetryStore store, long projectId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        (await store.ReadProbeSummariesAsync([projectId], from, to, cancellationToken)).GetValueOrDefault(projectId) ?? new ProbeSummary(0, 0);
}
