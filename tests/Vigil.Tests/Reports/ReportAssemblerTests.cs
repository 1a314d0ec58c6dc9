using Microsoft.Extensions.DependencyInjection;
using Vigil.Core.Alerts;
using Vigil.Core.Monitors;
using Vigil.Core.Reports;
using Vigil.Core.Storage;
using Vigil.Reports;
using Vigil.Testing;
using Vigil.Tests.Support;

namespace Vigil.Tests.Reports;

/// <summary>
/// The daily report's model filled from a real store: requests through the ingest API, a monitor's checks, alert
/// history and a firing alert written as the monitor scheduler and the evaluator write them.
/// </summary>
public sealed class ReportAssemblerTests : IAsyncLifetime
{
    private static readonly TimeSpan Kst = TimeSpan.FromHours(9);
    private static readonly DateOnly Day = new(2026, 11, 20);
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 11, 21, 8, 0, 0, Kst));
    private VigilServer _server = null!;

    // The evaluator would drop the hand-written alert of a rule the project does not have.
    public async Task InitializeAsync() =>
        _server = await VigilServer.StartAsync(_time, options => options.AlertEvaluationInterval = TimeSpan.FromHours(1));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static DateTimeOffset At(int hour, int minute) => new(2026, 11, 20, hour, minute, 0, Kst);

    [Fact]
    public async Task DailyAsync_OneDayOfTelemetry_FillsPerformanceEventsAndActions()
    {
        var projectId = _server.ProjectId;
        using (var ingest = _server.CreateIngestClient())
        {
            await ingest.PostRequestsAsync(
                new[] { (100, 200), (200, 200), (300, 404), (400, 500) }
                    .Select((request, index) => (object)new { timestamp = At(11, index).ToString("O"), method = "GET", route = "/api/cart", status = request.Item2, duration_ms = request.Item1 })
                    .ToArray());
            // 10 page views at 14:00 on each of the seven days before, 30 on the day: a spike.
            var views = Enumerable.Range(1, 7).SelectMany(back => Enumerable.Range(0, 10).Select(n => At(14, n).AddDays(-back)))
                .Concat(Enumerable.Range(0, 30).Select(n => At(14, n)))
                .Select((at, n) => (object)new { @event = "$pageview", distinct_id = $"u{n}", timestamp = at.ToString("O") })
                .ToArray();
            await ingest.PostEventsAsync(views);
        }
        var services = _server.Services;
        var monitor = (await services.GetRequiredService<IMonitorStore>().CreateMonitorAsync(new MonitorDefinition
        {
            ProjectId = projectId,
            Name = "API health",
            Kind = MonitorKind.Heartbeat,
            Period = TimeSpan.FromDays(30),
            Grace = TimeSpan.FromDays(1),
            Token = "report-heartbeat",
        }, CancellationToken.None))!;
        var telemetry = services.GetRequiredService<ITelemetryStore>();
        foreach (var (at, state) in new[] { (At(10, 0), MonitorState.Up), (At(10, 5), MonitorState.Down), (At(10, 10), MonitorState.Down), (At(10, 20), MonitorState.Up), (At(23, 50), MonitorState.Down) })
        {
            await telemetry.WriteMonitorResultAsync(new MonitorResult(projectId, monitor.Id, at, state, state == MonitorState.Up ? 200 : 503, 50, null, null), CancellationToken.None);
        }
        var alerts = services.GetRequiredService<IAlertStore>();
        await alerts.SaveCycleAsync(new AlertCycleChanges(
            [new AlertSnapshot(projectId, "Slow Response", Severity.Warning, "p95_response_time > 3s", new AlertState(AlertStatus.Firing), "", false, _time.GetUtcNow())],
            [],
            [
                new AlertHistoryEntry(projectId, "Service Down", AlertTransition.Pending, At(10, 5), ""),
                new AlertHistoryEntry(projectId, "Service Down", AlertTransition.Firing, At(10, 6), ""),
                new AlertHistoryEntry(projectId, "Service Down", AlertTransition.Resolved, At(10, 21), ""),
                new AlertHistoryEntry(projectId, "Service Down", AlertTransition.Firing, At(10, 6).AddDays(-1), ""),
            ],
            []), _time.GetUtcNow(), CancellationToken.None);
        var project = (await services.GetRequiredService<IMetadataStore>().FindProjectAsync(projectId, CancellationToken.None))!;

        var report = await services.GetRequiredService<ReportAssembler>().DailyAsync(project, Day, new Uri("http://vigil.example/projects/1"), CancellationToken.None);

        Assert.Equal(
            [(PerformanceMetricName.ErrorRate, 25.0, false), (PerformanceMetricName.AverageResponseTime, 250.0, true), (PerformanceMetricName.Uptime, 40.0, false)],
            report.Performance.Select(line => (line.Name, line.Value!.Value, line.MeetsTarget!.Value)));
        Assert.Equal(
            [
                new NotableEvent(At(10, 5), NotableEventKind.Incident, "API health", 15),
                new NotableEvent(At(10, 6), NotableEventKind.AlertFired, "Service Down"),
                new NotableEvent(At(10, 21), NotableEventKind.AlertResolved, "Service Down"),
                new NotableEvent(At(14, 0), NotableEventKind.TrafficSpike, "", 30, 10),
                new NotableEvent(At(23, 50), NotableEventKind.IncidentOngoing, "API health"),
            ],
            report.Events);
        Assert.Equal(["Slow Response"], report.Actions.OpenAlerts);
        Assert.Equal(new FeedbackSplit(0, 0, 0, null), report.Feedback);
        Assert.Equal(new HeadlineMetric(HeadlineMetricName.Visitors, 30, 10), report.Metrics[0]);
    }
}
