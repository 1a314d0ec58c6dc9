using Vigil.Alerts;
using Vigil.Core.Monitors;
using Vigil.Core.Storage;

namespace Vigil.Monitors;

/// <summary>Uptime, average and p95 response time over one range; nulls without checks (or, for times, without timed checks).</summary>
internal sealed record RangeStats(long Checks, double? Uptime, double? AvgResponseTimeMs, double? P95ResponseTimeMs)
{
    public static RangeStats Of(MonitorSummary? summary) => summary is null
        ? new RangeStats(0, null, null, null)
        : new RangeStats(summary.Checks, summary.UptimePercent, summary.AverageMs, summary.P95Ms);
}

/// <param name="State">up, down, warning, or pending (not checked yet).</param>
internal sealed record MonitorStatus(string State, DateTimeOffset? LastCheckAt, string? Reason, int? HttpStatus, double? ResponseTimeMs, int? CertificateDaysLeft)
{
    public static MonitorStatus Of(MonitorResult? latest) => latest is null
        ? new MonitorStatus("pending", null, null, null, null, null)
        : new MonitorStatus(StateName(latest.State), latest.Timestamp, latest.Reason, latest.HttpStatus, latest.DurationMs, latest.CertificateDaysLeft);

    public static string StateName(MonitorState state) => state.ToString().ToLowerInvariant();
}

/// <param name="Settings">What PUT takes back as it is.</param>
/// <param name="HeartbeatUrl">Where the job pings, heartbeat monitors only; append <c>/fail</c> to report a failure.</param>
internal sealed record MonitorView(long Id, MonitorInput Settings, string? HeartbeatUrl, DateTimeOffset? LastPingAt, DateTimeOffset CreatedAt);

internal sealed record MonitorListItem(MonitorView Monitor, MonitorStatus Status, IReadOnlyDictionary<string, RangeStats> Ranges);

internal sealed record CheckView(DateTimeOffset At, string State, int? HttpStatus, double? ResponseTimeMs, string? Reason, int? CertificateDaysLeft);

internal sealed record IncidentView(DateTimeOffset Start, DateTimeOffset? End, double DurationSeconds, string? Reason, int Checks, bool Ongoing);

/// <summary>One check on the response-time chart; null for a check without a time (a heartbeat, or no answer).</summary>
internal sealed record ResponseTimePoint(DateTimeOffset At, double? ResponseTimeMs);

/// <param name="ResponseTimes">The checks of the range in time order, for the chart.</param>
internal sealed record MonitorDetail(
    MonitorView Monitor,
    MonitorStatus Status,
    IReadOnlyDictionary<string, RangeStats> Ranges,
    string Range,
    IReadOnlyList<IncidentView> Incidents,
    IReadOnlyList<CheckView> Recent,
    IReadOnlyList<ResponseTimePoint> ResponseTimes);

/// <summary>The monitors API's and page's numbers: each range read once for all of a project's monitors.</summary>
internal sealed class MonitorReader(IMonitorStore monitors, ITelemetryStore store, PublicAddress address, TimeProvider time)
{
    public const int RecentChecks = 50;

    public static readonly IReadOnlyList<(string Key, TimeSpan Span)> Ranges =
    [
        ("24h", TimeSpan.FromHours(24)),
        ("7d", TimeSpan.FromDays(7)),
        ("30d", TimeSpan.FromDays(30)),
        ("90d", TimeSpan.FromDays(90)),
    ];

    public static bool IsRange(string? key) => Ranges.Any(range => range.Key == key);

    public async Task<IReadOnlyList<MonitorListItem>> ListAsync(long projectId, CancellationToken cancellationToken)
    {
        var all = await monitors.ListMonitorsAsync(projectId, cancellationToken);
        if (all.Count == 0)
        {
            return [];
        }
        var ids = all.Select(monitor => monitor.Id).ToList();
        var now = time.GetUtcNow();
        var rangesTask = ReadRangesAsync(ids, now, cancellationToken);
        var latestTask = store.ReadLatestMonitorResultsAsync(ids, now - Ranges[^1].Span, now, cancellationToken);
        await Task.WhenAll(rangesTask, latestTask);
        return all.Select(monitor => new MonitorListItem(
                View(monitor),
                MonitorStatus.Of(latestTask.Result.GetValueOrDefault(monitor.Id)),
                rangesTask.Result.ToDictionary(range => range.Key, range => RangeStats.Of(range.Value.GetValueOrDefault(monitor.Id)))))
            .ToList();
    }

    public async Task<MonitorDetail?> DetailAsync(long projectId, long monitorId, string range, CancellationToken cancellationToken)
    {
        if (await monitors.FindMonitorAsync(projectId, monitorId, cancellationToken) is not { } monitor)
        {
            return null;
        }
        var now = time.GetUtcNow();
        var span = Ranges.First(candidate => candidate.Key == range).Span;
        var rangesTask = ReadRangesAsync([monitorId], now, cancellationToken);
        var checksTask = store.ReadMonitorResultsAsync(monitorId, now - span, now, cancellationToken);
        var latestTask = store.ReadLatestMonitorResultsAsync([monitorId], now - Ranges[^1].Span, now, cancellationToken);
        await Task.WhenAll(rangesTask, checksTask, latestTask);
        var checks = checksTask.Result;
        return new MonitorDetail(
            View(monitor),
            MonitorStatus.Of(latestTask.Result.GetValueOrDefault(monitorId)),
            rangesTask.Result.ToDictionary(entry => entry.Key, entry => RangeStats.Of(entry.Value.GetValueOrDefault(monitorId))),
            range,
            Incidents.Build(checks, now).Select(incident => new IncidentView(
                incident.Start, incident.End, incident.Duration.TotalSeconds, incident.Reason, incident.Checks, incident.Ongoing)).ToList(),
            checks.TakeLast(RecentChecks).Reverse().Select(check => new CheckView(
                check.Timestamp, MonitorStatus.StateName(check.State), check.HttpStatus, check.DurationMs, check.Reason, check.CertificateDaysLeft)).ToList(),
            checks.Select(check => new ResponseTimePoint(check.Timestamp, check.DurationMs)).ToList());
    }

    public MonitorView View(MonitorDefinition monitor) => new(
        monitor.Id,
        MonitorInput.From(monitor),
        monitor.Token is { } token && monitor.Kind == MonitorKind.Heartbeat ? new Uri(address.Root, $"heartbeat/{token}").ToString() : null,
        monitor.LastPingAt,
        monitor.CreatedAt);

    private async Task<Dictionary<string, IReadOnlyDictionary<long, MonitorSummary>>> ReadRangesAsync(IReadOnlyCollection<long> ids, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var reads = Ranges.Select(range => (range.Key, Read: store.ReadMonitorSummariesAsync(ids, now - range.Span, now, cancellationToken))).ToList();
        await Task.WhenAll(reads.Select(read => read.Read));
        return reads.ToDictionary(read => read.Key, read => read.Read.Result);
    }
}
