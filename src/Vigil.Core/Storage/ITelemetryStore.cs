using Vigil.Core.Errors;
using Vigil.Core.Ingest;
using Vigil.Core.Logs;
using Vigil.Core.Metrics;
using Vigil.Core.Monitors;
using Vigil.Core.Routes;
using Vigil.Core.WebVitals;
using Vigil.Core.Series;

namespace Vigil.Core.Storage;

public readonly record struct CountBucket(DateTimeOffset Start, long Count);

public sealed record RequestBucket(DateTimeOffset Start, RequestAggregate Aggregate);

public readonly record struct PropertyCount(string Value, long Count);

/// <summary>Events of one local date (and one value of a grouping property): how many, and the sum of a numeric property.</summary>
public readonly record struct EventValueSum(DateOnly Date, string Group, double Sum, long Count);

/// <summary>Raw rows a telemetry store holds, which <c>vigil migrate</c> compares between engines.</summary>
/// <param name="MetricSeries">Distinct metric series (a scaled-out store keeps a row per batch that touched one).</param>
/// <param name="MetricMinutes">Rows of per-minute series rollups.</param>
public sealed record TelemetryCounts(long Events, long Requests, long ProbeResults, long Errors, long WebVitals, long MonitorResults, long Logs, long MetricSeries, long MetricMinutes);

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

    /// <summary>
    /// Checks of all of each project's monitors (and health probes kept before monitors existed) with timestamps in
    /// (from, to], up or not: the project's uptime. Projects without any are absent.
    /// </summary>
    Task<IReadOnlyDictionary<long, ProbeSummary>> ReadProbeSummariesAsync(IReadOnlyCollection<long> projectIds, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    Task WriteMonitorResultAsync(MonitorResult result, CancellationToken cancellationToken);

    /// <summary>Per monitor, its checks with timestamps in (from, to]; monitors without checks are absent.</summary>
    Task<IReadOnlyDictionary<long, MonitorSummary>> ReadMonitorSummariesAsync(IReadOnlyCollection<long> monitorIds, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>Per monitor, its newest check with a timestamp in (from, to]; monitors without checks are absent.</summary>
    Task<IReadOnlyDictionary<long, MonitorResult>> ReadLatestMonitorResultsAsync(IReadOnlyCollection<long> monitorIds, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>One monitor's checks with timestamps in (from, to], oldest first.</summary>
    Task<IReadOnlyList<MonitorResult>> ReadMonitorResultsAsync(long monitorId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>Per issue with any occurrence in [from, to): count, distinct users, first and last occurrence in the range.</summary>
    Task<IReadOnlyList<ErrorGroupTotals>> ReadErrorGroupsAsync(long projectId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>Occurrences per issue and UTC hour starting in [from, to), in hour order; hours without any are absent.</summary>
    Task<IReadOnlyDictionary<string, IReadOnlyList<CountBucket>>> ReadErrorHourlyCountsAsync(long projectId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>Web Vitals per metric and page over the UTC hours starting in [from, to); pairs without page loads are absent.</summary>
    Task<IReadOnlyList<WebVitalTotals>> ReadWebVitalsAsync(long projectId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>
    /// Per method and route, its requests in the UTC hours starting in [from, to) with its slowest ones; routes without
    /// requests are absent. A store may answer routes beyond its per-hour limit as <see cref="RouteKey.Other"/>.
    /// </summary>
    Task<IReadOnlyList<RouteTotals>> ReadRoutesAsync(long projectId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>The newest occurrences of one issue, newest first.</summary>
    Task<IReadOnlyList<ErrorEvent>> ReadErrorSamplesAsync(long projectId, string fingerprint, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Log lines matching every condition of the query, newest first (time, then id), at most its limit, with the cursor
    /// of the next page when more match. Terms match whole words on SQLite (full-text index) and substrings on
    /// ClickHouse, case-insensitively on both.
    /// </summary>
    Task<LogPage> SearchLogsAsync(LogQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes log lines older than their project's cutoff; every project with logs must have one. SQLite deletes
    /// exactly, a few thousand lines per transaction; ClickHouse drops whole days older than every project's cutoff (a
    /// shorter retention's older lines stay stored, out of every search, until then). Answers how many lines went.
    /// </summary>
    Task<long> DeleteExpiredLogsAsync(IReadOnlyDictionary<long, DateTimeOffset> cutoffs, CancellationToken cancellationToken);
    /// <summary>
    /// Per local date (in <paramref name="zone"/>) and value of <paramref name="groupProperty"/>, the events named
    /// <paramref name="eventName"/> with timestamps in [from, to): how many, and the sum of their top-level property
    /// <paramref name="valueProperty"/> (a number or a numeric string; anything else adds 0). Without a group property
    /// the group is empty; an event without a string value of it is in <see cref="Metrics.DashboardMetrics.NoValueLabel"/>.
    /// Reads raw events: meant for rare events such as orders.
    /// </summary>
    Task<IReadOnlyList<EventValueSum>> ReadEventValueSumsAsync(long projectId, string eventName, string valueProperty, string? groupProperty, DateTimeOffset from, DateTimeOffset to, TimeZoneInfo zone, CancellationToken cancellationToken);

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
