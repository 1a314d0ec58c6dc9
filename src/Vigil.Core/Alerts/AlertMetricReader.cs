using Vigil.Core.Ingest;
using Vigil.Core.Metrics;
using Vigil.Core.Projects;
using Vigil.Core.Storage;

namespace Vigil.Core.Alerts;

/// <summary>
/// Reads the numbers alert conditions compare, from the same rollups and with the same definitions as the dashboard
/// (README "Alert conditions"): windows end with the current minute; "today" runs from local midnight, and its baseline
/// the same span of the earlier local day.
/// </summary>
public sealed class AlertMetricReader(ITelemetryStore store)
{
    public async Task<double?> ReadAsync(Project project, MetricQuery query, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (from, to) = Span(project, query, now);
        switch (query.Metric)
        {
            case AlertMetric.Uptime:
                return project.HealthUrl is null
                    ? null
                    : (await store.ReadProbeSummaryAsync(project.Id, now.AddDays(-query.DaysBack) - query.Window!.Value, now.AddDays(-query.DaysBack), cancellationToken)).UptimePercent;
            case AlertMetric.ActiveUsers:
                return await store.CountDistinctUsersAsync(project.Id, from, to, Granularity.Minute, cancellationToken);
            case AlertMetric.ErrorRate or AlertMetric.AvgResponseTime or AlertMetric.P95ResponseTime or AlertMetric.P99ResponseTime:
                var requests = new RequestAggregate();
                foreach (var bucket in await store.ReadRequestBucketsAsync(project.Id, from, to, Granularity.Minute, cancellationToken))
                {
                    requests.Merge(bucket.Aggregate);
                }
                return requests.Count == 0 ? null : query.Metric switch
                {
                    AlertMetric.ErrorRate => 100.0 * requests.ServerErrors / requests.Count,
                    AlertMetric.AvgResponseTime => requests.SumMs / requests.Count,
                    AlertMetric.P95ResponseTime => requests.Sketch.Quantile(0.95),
                    _ => requests.Sketch.Quantile(0.99),
                };
            default:
                return await CountEventsAsync(project, EventName(project, query), from, to, wholeHours: query.Window is null, cancellationToken);
        }
    }

    /// <summary>The minute-bucket span [from, to) a query covers.</summary>
    public static (DateTimeOffset From, DateTimeOffset To) Span(Project project, MetricQuery query, DateTimeOffset now)
    {
        var end = TimeBuckets.MinuteStart(now).AddMinutes(1);
        if (query.Window is { } window)
        {
            return (end.AddDays(-query.DaysBack) - window, end.AddDays(-query.DaysBack));
        }
        var zone = project.TimeZone;
        var todayStart = TimeBuckets.StartOfLocalDay(now, zone);
        var dayStart = TimeBuckets.StartOfLocalDay(TimeBuckets.LocalDate(now, zone).AddDays(-query.DaysBack), zone);
        return (dayStart, query.DaysBack == 0 ? end : TimeBuckets.MinuteStart(dayStart + (now - todayStart)).AddMinutes(1));
    }

    private static string EventName(Project project, MetricQuery query) => query.Metric switch
    {
        AlertMetric.PageViews => project.KeyEvents.PageView,
        AlertMetric.Signups => project.KeyEvents.Signup,
        AlertMetric.Orders => project.KeyEvents.Order,
        AlertMetric.AppsCreated => project.KeyEvents.AppCreated,
        _ => query.EventName ?? throw new ArgumentException("events{} needs a name.", nameof(query)),
    };

    // A day so far reads whole local hours from the hour rollup and only the current hour minute by minute.
    private async Task<long> CountEventsAsync(Project project, string eventName, DateTimeOffset from, DateTimeOffset to, bool wholeHours, CancellationToken cancellationToken)
    {
        var minutesFrom = wholeHours ? TimeBuckets.LocalHourStart(to.AddMinutes(-1), project.TimeZone) : from;
        var total = 0L;
        if (minutesFrom > from)
        {
            total += (await store.ReadEventCountsAsync(project.Id, eventName, from, minutesFrom, Granularity.Hour, cancellationToken)).Sum(bucket => bucket.Count);
        }
        total += (await store.ReadEventCountsAsync(project.Id, eventName, minutesFrom, to, Granularity.Minute, cancellationToken)).Sum(bucket => bucket.Count);
        return total;
    }
}
