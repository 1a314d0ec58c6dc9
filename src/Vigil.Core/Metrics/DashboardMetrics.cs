using Vigil.Core.Ingest;
using Vigil.Core.Projects;
using Vigil.Core.Storage;

namespace Vigil.Core.Metrics;

/// <summary>
/// The dashboard's numbers, computed from rollups only. Windows (README "Metrics"):
/// realtime = the current UTC minute and the four before it; today = local midnight to now, in minute buckets;
/// every trend compares with the same span one day earlier; uptime covers the last 24 hours of probes.
/// </summary>
public sealed class DashboardMetrics(ITelemetryStore store, TimeProvider time)
{
    public const int RealtimeWindowMinutes = 5;
    public const string NoValueLabel = "(none)";
    public static readonly TimeSpan UptimeWindow = TimeSpan.FromHours(24);

    public async Task<RealtimeMetrics> GetRealtimeAsync(Project project, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var zone = project.TimeZone;
        var windowEnd = TimeBuckets.MinuteStart(now).AddMinutes(1);
        var windowStart = windowEnd.AddMinutes(-RealtimeWindowMinutes);
        var todayStart = TimeBuckets.StartOfLocalDay(now, zone);
        var yesterdayStart = TimeBuckets.StartOfLocalDay(TimeBuckets.LocalDate(now, zone).AddDays(-1), zone);
        var yesterdayEnd = TimeBuckets.MinuteStart(yesterdayStart + (now - todayStart)).AddMinutes(1);

        async Task<(long Today, long Yesterday)> CountAsync(string eventName)
        {
            var today = SumEventsAsync(project.Id, eventName, todayStart, windowEnd, cancellationToken);
            var yesterday = SumEventsAsync(project.Id, eventName, yesterdayStart, yesterdayEnd, cancellationToken);
            return (await today, await yesterday);
        }

        // The reads are independent: issued together, the panel costs the slowest of them, not their sum (which
        // matters where each is a network round trip, as with ClickHouse).
        var activeUsersTask = store.CountDistinctUsersAsync(project.Id, windowStart, windowEnd, Granularity.Minute, cancellationToken);
        var activeUsersYesterdayTask = store.CountDistinctUsersAsync(project.Id, windowStart.AddDays(-1), windowEnd.AddDays(-1), Granularity.Minute, cancellationToken);
        var pageViewsTask = CountAsync(project.KeyEvents.PageView);
        var signupsTask = CountAsync(project.KeyEvents.Signup);
        var appsCreatedTask = CountAsync(project.KeyEvents.AppCreated);
        var ordersTask = CountAsync(project.KeyEvents.Order);
        var requestsTask = MergeRequestsAsync(project.Id, windowStart, windowEnd, Granularity.Minute, cancellationToken);
        var requestsYesterdayTask = MergeRequestsAsync(project.Id, windowStart.AddDays(-1), windowEnd.AddDays(-1), Granularity.Minute, cancellationToken);
        var uptimeTask = UptimeAsync(now - UptimeWindow, now);
        var uptimeBeforeTask = UptimeAsync(now - 2 * UptimeWindow, now - UptimeWindow);
        await Task.WhenAll(activeUsersTask, activeUsersYesterdayTask, pageViewsTask, signupsTask, appsCreatedTask, ordersTask, requestsTask, requestsYesterdayTask, uptimeTask, uptimeBeforeTask);
        var (activeUsers, activeUsersYesterday) = (activeUsersTask.Result, activeUsersYesterdayTask.Result);
        var (pageViews, signups, appsCreated, orders) = (pageViewsTask.Result, signupsTask.Result, appsCreatedTask.Result, ordersTask.Result);
        var (requests, requestsYesterday) = (requestsTask.Result, requestsYesterdayTask.Result);
        var (uptime, uptimeBefore) = (uptimeTask.Result, uptimeBeforeTask.Result);

        async Task<double?> UptimeAsync(DateTimeOffset from, DateTimeOffset to) =>
            (await store.ReadProbeSummaryAsync(project.Id, from, to, cancellationToken)).UptimePercent;

        return new RealtimeMetrics(
            activeUsers,
            pageViews.Today,
            signups.Today,
            appsCreated.Today,
            orders.Today,
            ErrorRatePercent(requests),
            AverageMs(requests),
            requests.Sketch.Quantile(0.95),
            uptime,
            now,
            new RealtimeTrends(
                Change.Percent(activeUsers, activeUsersYesterday),
                Change.Percent(pageViews.Today, pageViews.Yesterday),
                Change.Percent(signups.Today, signups.Yesterday),
                Change.Percent(appsCreated.Today, appsCreated.Yesterday),
                Change.Percent(orders.Today, orders.Yesterday),
                Change.Percent(ErrorRatePercent(requests), ErrorRatePercent(requestsYesterday)),
                Change.Percent(AverageMs(requests), AverageMs(requestsYesterday)),
                Change.Percent(requests.Sketch.Quantile(0.95), requestsYesterday.Sketch.Quantile(0.95)),
                Change.Percent(uptime, uptimeBefore)));
    }

    public async Task<MetricSeries> GetSeriesAsync(Project project, SeriesMetric metric, SeriesRange range, CancellationToken cancellationToken)
    {
        var zone = project.TimeZone;
        var starts = TimeBuckets.Starts(range.From, range.To, range.Granularity, zone);
        var readFrom = starts[0];
        var readTo = TimeBuckets.NextBucketStart(starts[^1], range.Granularity, zone);
        // Day buckets are built from local-hour rollups: a local day is always a whole number of them.
        var rollup = range.Granularity == Granularity.Day ? Granularity.Hour : range.Granularity;

        IReadOnlyList<double?> values = metric switch
        {
            SeriesMetric.PageViews => await EventSeriesAsync(project.KeyEvents.PageView),
            SeriesMetric.Signups => await EventSeriesAsync(project.KeyEvents.Signup),
            SeriesMetric.Orders => await EventSeriesAsync(project.KeyEvents.Order),
            SeriesMetric.ActiveUsers => await ActiveUserSeriesAsync(),
            SeriesMetric.ErrorRate => (await RequestSeriesAsync()).Select(ErrorRatePercent).ToList(),
            SeriesMetric.P95ResponseTime => (await RequestSeriesAsync()).Select(aggregate => aggregate.Sketch.Quantile(0.95)).ToList(),
            _ => throw new ArgumentOutOfRangeException(nameof(metric)),
        };
        var points = starts.Select((start, index) => new SeriesPoint(start, values[index])).ToList();
        return new MetricSeries(SeriesRange.MetricName(metric), SeriesRange.StepName(range.Granularity), range.From, range.To, points);

        async Task<IReadOnlyList<double?>> EventSeriesAsync(string eventName)
        {
            var counts = new double?[starts.Count];
            Array.Fill(counts, 0);
            foreach (var bucket in await store.ReadEventCountsAsync(project.Id, eventName, readFrom, readTo, rollup, cancellationToken))
            {
                counts[IndexOf(starts, bucket.Start)] += bucket.Count;
            }
            return counts;
        }

        async Task<IReadOnlyList<RequestAggregate>> RequestSeriesAsync()
        {
            var aggregates = starts.Select(_ => new RequestAggregate()).ToArray();
            foreach (var bucket in await store.ReadRequestBucketsAsync(project.Id, readFrom, readTo, rollup, cancellationToken))
            {
                aggregates[IndexOf(starts, bucket.Start)].Merge(bucket.Aggregate);
            }
            return aggregates;
        }

        async Task<IReadOnlyList<double?>> ActiveUserSeriesAsync()
        {
            var users = new double?[starts.Count];
            Array.Fill(users, 0);
            if (range.Granularity == Granularity.Day)
            {
                var firstDate = TimeBuckets.LocalDate(readFrom, zone);
                var lastDate = TimeBuckets.LocalDate(starts[^1], zone);
                foreach (var (date, count) in await store.ReadDistinctUsersPerDayAsync(project.Id, firstDate, lastDate, cancellationToken))
                {
                    users[date.DayNumber - firstDate.DayNumber] = count;
                }
                return users;
            }
            foreach (var bucket in await store.ReadDistinctUsersPerBucketAsync(project.Id, readFrom, readTo, range.Granularity, cancellationToken))
            {
                users[IndexOf(starts, bucket.Start)] = bucket.Count;
            }
            return users;
        }
    }

    public async Task<MetricBreakdown> GetBreakdownAsync(Project project, string eventName, string propertyName, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var readFrom = TimeBuckets.LocalHourStart(from, project.TimeZone);
        var total = await SumEventsAsync(project.Id, eventName, readFrom, to, Granularity.Hour, cancellationToken);
        var counts = await store.ReadPropertyCountsAsync(project.Id, eventName, propertyName, readFrom, to, cancellationToken);
        var withoutValue = total - counts.Sum(count => count.Count);
        var items = counts
            .Append(new PropertyCount(NoValueLabel, withoutValue))
            .Where(count => count.Count > 0)
            .OrderByDescending(count => count.Count)
            .ThenBy(count => count.Value, StringComparer.Ordinal)
            .Select(count => new BreakdownItem(count.Value, count.Count, Math.Round(100.0 * count.Count / total, 2)))
            .ToList();
        return new MetricBreakdown(eventName, propertyName, from, to, total, items);
    }

    private async Task<long> SumEventsAsync(long projectId, string eventName, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        await SumEventsAsync(projectId, eventName, from, to, Granularity.Minute, cancellationToken);

    private async Task<long> SumEventsAsync(long projectId, string eventName, DateTimeOffset from, DateTimeOffset to, Granularity granularity, CancellationToken cancellationToken) =>
        (await store.ReadEventCountsAsync(projectId, eventName, from, to, granularity, cancellationToken)).Sum(bucket => bucket.Count);

    private async Task<RequestAggregate> MergeRequestsAsync(long projectId, DateTimeOffset from, DateTimeOffset to, Granularity granularity, CancellationToken cancellationToken)
    {
        var total = new RequestAggregate();
        foreach (var bucket in await store.ReadRequestBucketsAsync(projectId, from, to, granularity, cancellationToken))
        {
            total.Merge(bucket.Aggregate);
        }
        return total;
    }

    private static double? ErrorRatePercent(RequestAggregate requests) =>
        requests.Count == 0 ? null : 100.0 * requests.ServerErrors / requests.Count;

    private static double? AverageMs(RequestAggregate requests) =>
        requests.Count == 0 ? null : requests.SumMs / requests.Count;

    /// <summary>The series bucket holding a rollup bucket: the last series start at or before it.</summary>
    private static int IndexOf(IReadOnlyList<DateTimeOffset> starts, DateTimeOffset rollupStart)
    {
        var low = 0;
        var high = starts.Count - 1;
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            if (starts[middle] <= rollupStart)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }
        return low;
    }
}
