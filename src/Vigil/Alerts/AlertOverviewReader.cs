using Vigil.Core.Alerts;
using Vigil.Core.Metrics;
using Vigil.Core.Projects;
using Vigil.Core.Storage;

namespace Vigil.Alerts;

/// <summary>What the alerts panel shows: rules firing and pending (most severe first), and numbers near their targets.</summary>
public sealed record AlertOverview(IReadOnlyList<AlertSnapshot> Firing, IReadOnlyList<AlertSnapshot> Pending, IReadOnlyList<NearTarget> NearTargets, IReadOnlyList<AlertSnapshot> Rules);

internal sealed class AlertOverviewReader(IAlertStore store, DashboardMetrics metrics)
{
    public async Task<AlertOverview> ReadAsync(Project project, CancellationToken cancellationToken) =>
        Build(await store.ListAlertsAsync(project.Id, cancellationToken), await metrics.GetRealtimeAsync(project, cancellationToken), project);

    /// <summary>For a caller that read the realtime numbers already (the live dashboard).</summary>
    public async Task<AlertOverview> ReadAsync(Project project, RealtimeMetrics realtime, CancellationToken cancellationToken) =>
        Build(await store.ListAlertsAsync(project.Id, cancellationToken), realtime, project);

    private static AlertOverview Build(IReadOnlyList<AlertSnapshot> rules, RealtimeMetrics realtime, Project project)
    {
        static List<AlertSnapshot> InState(IEnumerable<AlertSnapshot> rules, AlertStatus status) =>
            rules.Where(rule => rule.State.Status == status)
                .OrderByDescending(rule => rule.Severity)
                .ThenBy(rule => status == AlertStatus.Firing ? rule.State.FiringSince : rule.State.ActiveAt)
                .ToList();
        return new AlertOverview(InState(rules, AlertStatus.Firing), InState(rules, AlertStatus.Pending), TargetProximity.Near(realtime, project.Targets), rules);
    }
}
