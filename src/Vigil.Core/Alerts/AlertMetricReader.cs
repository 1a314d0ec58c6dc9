using Vigil.Core.Ingest;
using Vigil.Core.Metrics;
using Vigil.Core.Monitors;
using Vigil.Core.Projects;
using Vigil.Core.Series;
using Vigil.Core.Storage;

namespace Vigil.Core.Alerts;

/// <summary>
/// Reads the numbers alert conditions compare, from the same rollups and with the same definitions as the dashboard
/// (README "Alert conditions"): windows end with the current minute; "today" runs from local midnight, and its baseline
/// the same span of the earlier local day. One read serves every project that needs the same span, so a cycle over a
/// thousand projects costs a handful of queries, not thousands; monitors are read alike, every monitor named in any rule
/// in one read per window.
/// </summary>
public sealed class AlertMetricReader(ITelemetryStore store, IErrorIssueStore issues, IMonitorStore monitorStore)
{
    // Bounds the statement size (SQLite's variable limit, ClickHouse's max_query_size) however many projects there are.
    private const int ProjectsPerRead = 2000;

    private sealed class Plan
    {
        public Dictionary<(DateTimeOffset From, DateTimeOffset To), HashSet<long>> Requests { get; } = [];
        public Dictionary<(DateTimeOffset From, DateTimeOffset To), HashSet<long>> Users { get; } = [];
        public Dictionary<(DateTimeOffset From, DateTimeOffset To), HashSet<long>> Probes { get; } = [];
        public Dictionary<(DateTimeOffset From, DateTimeOffset To), HashSet<long>> Issues { get; } = [];
        public Dictionary<(DateTimeOffset From, DateTimeOffset To), HashSet<long>> MonitorChecks { get; } = [];
        public Dictionary<(DateTimeOffset From, DateTimeOffset To, Granularity Granularity), (HashSet<long> Projects, HashSet<string> Names)> Events { get; } = [];
        public Dictionary<(DateTimeOffset From, DateTimeOffset To), (HashSet<long> Projects, HashSet<string> Names)> Series { get; } = [];
    }

    public async Task<Dictionary<(long ProjectId, MetricQuery Query), double?>> ReadAllAsync(
        IReadOnlyList<(Project Project, IReadOnlyCollection<MetricQuery> Queries)> wanted, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var plan = new Plan();
        var monitors = wanted.Any(project => project.Queries.Any(query => AlertMetrics.IsMonitorMetric(query.Metric)))
            ? (await monitorStore.ListMonitorsAsync(null, cancellationToken)).ToDictionary(monitor => (monitor.ProjectId, monitor.Name))
            : [];
        foreach (var (project, queries) in wanted)
        {
            foreach (var query in queries)
            {
                if (AlertMetrics.IsMonitorMetric(query.Metric))
                {
                    if (monitors.GetValueOrDefault((project.Id, query.Name!)) is { } monitor)
                    {
                        Add(plan.MonitorChecks, MonitorSpan(monitor, query, now), monitor.Id);
                    }
                    continue;
                }
                PlanRead(plan, project, query, now);
            }
        }

        var requestsTask = ReadEachAsync(plan.Requests, (ids, span) => store.ReadRequestTotalsAsync(ids, span.From, span.To, Granularity.Minute, cancellationToken));
        var usersTask = ReadEachAsync(plan.Users, (ids, span) => store.CountDistinctUsersAsync(ids, span.From, span.To, Granularity.Minute, cancellationToken));
        var probesTask = ReadEachAsync(plan.Probes, (ids, span) => store.ReadProbeSummariesAsync(ids, span.From, span.To, cancellationToken));
        var issuesTask = ReadEachAsync(plan.Issues, (ids, span) => issues.CountIssueChangesAsync(ids, span.From, span.To, cancellationToken));
        var eventsTask = ReadEventsAsync(plan, cancellationToken);
        var checksTask = ReadEachAsync(plan.MonitorChecks, (ids, span) => store.ReadLatestMonitorResultsAsync(ids, span.From, span.To, cancellationToken));
        var seriesTask = ReadSeriesAsync(plan, cancellationToken);
        await Task.WhenAll(requestsTask, usersTask, probesTask, issuesTask, eventsTask, checksTask, seriesTask);
        var (requests, users, probes, issueChanges, events, checks) =
            (requestsTask.Result, usersTask.Result, probesTask.Result, issuesTask.Result, eventsTask.Result, checksTask.Result);

        var values = new Dictionary<(long, MetricQuery), double?>();
        foreach (var (project, queries) in wanted)
        {
            foreach (var query in queries)
            {
                if (AlertMetrics.IsMonitorMetric(query.Metric))
                {
                    var latest = monitors.GetValueOrDefault((project.Id, query.Name!)) is { } monitor
                        ? checks.GetValueOrDefault((MonitorSpan(monitor, query, now), monitor.Id))
                        : null;
                    values[(project.Id, query)] = query.Metric == AlertMetric.MonitorUp ? latest is null ? null : latest.IsUp ? 1 : 0 : latest?.DurationMs;
                    continue;
                }
                var span = Span(project, query, now);
                values[(project.Id, query)] = query.Metric switch
                {
                    AlertMetric.Uptime => probes.GetValueOrDefault((UptimeSpan(query, now), project.Id))?.UptimePercent,
                    AlertMetric.ActiveUsers => (double)users.GetValueOrDefault((span, project.Id)),
                    AlertMetric.NewIssues => issueChanges.GetValueOrDefault((span, project.Id)).NewIssues,
                    AlertMetric.Regressions => issueChanges.GetValueOrDefault((span, project.Id)).Regressions,
                    AlertMetric.Series => SeriesValue(seriesTask.Result.GetValueOrDefault(span), project.Id, query, span.To - span.From),
                    var metric when IsRequestMetric(metric) => RequestValue(metric, requests.GetValueOrDefault((span, project.Id))),
                    _ => (double)EventParts(project, span, query.Window is null)
                        .Sum(part => events.GetValueOrDefault((part.From, part.To, part.Granularity, project.Id, EventName(project, query)))),
                };
            }
        }
        return values;
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

    private static void PlanRead(Plan plan, Project project, MetricQuery query, DateTimeOffset now)
    {
        var span = Span(project, query, now);
        switch (query.Metric)
        {
            case AlertMetric.Uptime:
                Add(plan.Probes, UptimeSpan(query, now), project.Id);
                break;
            case AlertMetric.ActiveUsers:
                Add(plan.Users, span, project.Id);
                break;
            case var metric when AlertMetrics.IsIssueMetric(metric):
                Add(plan.Issues, span, project.Id);
                break;
            case var metric when IsRequestMetric(metric):
                Add(plan.Requests, span, project.Id);
                break;
            case AlertMetric.Series:
                if (!plan.Series.TryGetValue(span, out var seriesRead))
                {
                    plan.Series[span] = seriesRead = ([], []);
                }
                seriesRead.Projects.Add(project.Id);
                seriesRead.Names.Add(query.Selector!.Name);
                seriesRead.Names.UnionWith(ClassicHistograms.PartNames(query.Selector.Name));
                break;
            default:
                foreach (var part in EventParts(project, span, query.Window is null))
                {
                    if (!plan.Events.TryGetValue(part, out var read))
                    {
                        plan.Events[part] = read = ([], []);
                    }
                    read.Projects.Add(project.Id);
                    read.Names.Add(EventName(project, query));
                }
                break;
        }
    }

    /// <summary>Probes are kept with their exact times, so uptime covers (now − window, now], not whole minutes.</summary>
    private static (DateTimeOffset From, DateTimeOffset To) UptimeSpan(MetricQuery query, DateTimeOffset now) =>
        (now.AddDays(-query.DaysBack) - query.Window!.Value, now.AddDays(-query.DaysBack));

    /// <summary>
    /// A monitor's latest check counts when it falls in (now − window, now]; without a window, within twice the monitor's
    /// interval plus its timeout, so one late or missed check does not read as "no data".
    /// </summary>
    private static (DateTimeOffset From, DateTimeOffset To) MonitorSpan(MonitorDefinition monitor, MetricQuery query, DateTimeOffset now) =>
        (now - (query.Window ?? monitor.Interval * 2 + monitor.Timeout), now);

    // A day so far reads whole local hours from the hour rollup and only the current hour minute by minute.
    private static IEnumerable<(DateTimeOffset From, DateTimeOffset To, Granularity Granularity)> EventParts(Project project, (DateTimeOffset From, DateTimeOffset To) span, bool wholeHours)
    {
        var minutesFrom = wholeHours ? TimeBuckets.LocalHourStart(span.To.AddMinutes(-1), project.TimeZone) : span.From;
        if (minutesFrom > span.From)
        {
            yield return (span.From, minutesFrom, Granularity.Hour);
        }
        yield return (minutesFrom, span.To, Granularity.Minute);
    }

    private static void Add<TKey>(Dictionary<TKey, HashSet<long>> reads, TKey key, long projectId)
        where TKey : notnull
    {
        if (!reads.TryGetValue(key, out var projects))
        {
            reads[key] = projects = [];
        }
        projects.Add(projectId);
    }

    private static async Task<Dictionary<((DateTimeOffset From, DateTimeOffset To) Span, long ProjectId), TValue>> ReadEachAsync<TValue>(
        Dictionary<(DateTimeOffset From, DateTimeOffset To), HashSet<long>> reads,
        Func<IReadOnlyCollection<long>, (DateTimeOffset From, DateTimeOffset To), Task<IReadOnlyDictionary<long, TValue>>> read)
    {
        var results = new Dictionary<((DateTimeOffset, DateTimeOffset), long), TValue>();
        foreach (var (span, projects) in reads)
        {
            foreach (var chunk in projects.Chunk(ProjectsPerRead))
            {
                foreach (var (projectId, value) in await read(chunk, span))
                {
                    results[(span, projectId)] = value;
                }
            }
        }
        return results;
    }

    private async Task<Dictionary<(DateTimeOffset, DateTimeOffset, Granularity, long, string), long>> ReadEventsAsync(Plan plan, CancellationToken cancellationToken)
    {
        var results = new Dictionary<(DateTimeOffset, DateTimeOffset, Granularity, long, string), long>();
        foreach (var ((from, to, granularity), (projects, names)) in plan.Events)
        {
            foreach (var chunk in projects.Chunk(ProjectsPerRead))
            {
                foreach (var ((projectId, name), count) in await store.ReadEventTotalsAsync(chunk, names, from, to, granularity, cancellationToken))
                {
                    results[(from, to, granularity, projectId, name)] = count;
                }
            }
        }
        return results;
    }

    private sealed record SeriesRead(IReadOnlyList<StoredSeries> Series, ILookup<(long ProjectId, long SeriesId), SeriesMinute> Minutes);

    /// <summary>Per span, the named series of every project that needs them and their minutes: two reads, however many rules.</summary>
    private async Task<Dictionary<(DateTimeOffset, DateTimeOffset), SeriesRead>> ReadSeriesAsync(Plan plan, CancellationToken cancellationToken)
    {
        var results = new Dictionary<(DateTimeOffset, DateTimeOffset), SeriesRead>();
        foreach (var (span, (projects, names)) in plan.Series)
        {
            var series = new List<StoredSeries>();
            var minutes = new List<SeriesMinute>();
            foreach (var chunk in projects.Chunk(ProjectsPerRead))
            {
                var found = await store.ReadMetricSeriesAsync(chunk, names, cancellationToken);
                series.AddRange(found);
                minutes.AddRange(await store.ReadMetricMinutesAsync(chunk, found.Select(stored => stored.Series.Id).Distinct().ToList(), span.From, span.To, cancellationToken));
            }
            results[span] = new SeriesRead(series, minutes.ToLookup(minute => (minute.ProjectId, minute.SeriesId)));
        }
        return results;
    }

    /// <summary>
    /// The selected series of one project over the window, aggregated as the selector says (a gauge's mean, a
    /// counter's increase, a histogram's p95 by default); times in milliseconds. No matching series, or a gauge or
    /// histogram without points in the window, is no data; a counter without points increased by 0.
    /// </summary>
    private static double? SeriesValue(SeriesRead? read, long projectId, MetricQuery query, TimeSpan window)
    {
        var selector = query.Selector!;
        if (read is null)
        {
            return null;
        }
        var ofProject = read.Series.Where(stored => stored.Series.ProjectId == projectId && selector.Matchers.All(matcher => matcher.Matches(stored.Series))).Select(stored => stored.Series).ToList();
        var matched = ofProject.Where(series => series.Name == selector.Name).ToList();
        var minutesOf = read.Minutes;
        if (matched.Count == 0)
        {
            // A classic histogram remote-write sent in parts, put together.
            var parts = ClassicHistograms.Parts(selector.Name, ofProject);
            var (histograms, minutes) = ClassicHistograms.Assemble(selector.Name, parts, parts.SelectMany(part => read.Minutes[(projectId, part.Id)]));
            (matched, minutesOf) = (histograms, minutes.ToLookup(minute => (minute.ProjectId, minute.SeriesId)));
        }
        if (matched.Count == 0)
        {
            return null;
        }
        var kind = matched[0].Kind;
        var aggregation = selector.Aggregation ?? SeriesQueries.DefaultFor(kind);
        if (!SeriesQueries.AllowedFor(kind).Contains(aggregation))
        {
            return null;
        }
        var perSeries = new List<MinuteRollup>();
        foreach (var series in matched.Where(series => series.Kind == kind))
        {
            var merged = new MinuteRollup();
            var any = false;
            foreach (var minute in minutesOf[(projectId, series.Id)])
            {
                merged.Merge(minute.Rollup);
                any = true;
            }
            if (any)
            {
                perSeries.Add(merged);
            }
        }
        if (perSeries.Count == 0)
        {
            return kind == SeriesKind.Counter ? 0 : null;
        }
        var value = SeriesQueries.Value(aggregation, perSeries, window);
        return SeriesQueries.KeepsUnit(aggregation) && SeriesQueries.MillisecondsPer(matched[0].Unit) is { } milliseconds ? value * milliseconds : value;
    }

    private static bool IsRequestMetric(AlertMetric metric) =>
        metric is AlertMetric.ErrorRate or AlertMetric.AvgResponseTime or AlertMetric.P95ResponseTime or AlertMetric.P99ResponseTime;

    private static double? RequestValue(AlertMetric metric, RequestAggregate? requests) => requests is not { Count: > 0 } ? null : metric switch
    {
        AlertMetric.ErrorRate => 100.0 * requests.ServerErrors / requests.Count,
        AlertMetric.AvgResponseTime => requests.SumMs / requests.Count,
        AlertMetric.P95ResponseTime => requests.Sketch.Quantile(0.95),
        _ => requests.Sketch.Quantile(0.99),
    };

    private static string EventName(Project project, MetricQuery query) => query.Metric switch
    {
        AlertMetric.PageViews => project.KeyEvents.PageView,
        AlertMetric.Signups => project.KeyEvents.Signup,
        AlertMetric.Orders => project.KeyEvents.Order,
        AlertMetric.AppsCreated => project.KeyEvents.AppCreated,
        _ => query.Name ?? throw new ArgumentException("events{} needs a name.", nameof(query)),
    };
}
