using Vigil.Alerts;
using Vigil.Auth;
using Vigil.Hosting;
using Vigil.Monitors;
using Vigil.Reports;
using Vigil.Storage.ClickHouse;
using Vigil.Storage.ClickHouse.Spool;

namespace Vigil.Operations;

/// <summary>
/// GET /api/status      this node: its id, whether it leads the once-only work, its storage, its last monitor round and
///                      alert evaluation cycle, its last report round, and (scaled out) how much acknowledged data still waits in its spool
/// </summary>
internal static class StatusEndpoints
{
    public sealed record NodeStatus(string Node, bool Leader, string Storage, DateTimeOffset? LastProbeRoundAt, AlertCycleStats? LastAlertCycle, SpoolStatus? Spool, DateTimeOffset? LastReportRoundAt);

    public static void MapStatusEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/status", GetStatus).RequireAuthorization(VigilAuth.ApiPolicy);

    private static NodeStatus GetStatus(
        Leadership leadership, VigilOptions options, MonitorSchedulerJob monitors, AlertEvaluator alerts, ReportSchedulerJob reports, IServiceProvider services) =>
        new(
            leadership.NodeId,
            leadership.IsLeader,
            options.ScaledOut ? "postgres+clickhouse" : "sqlite",
            monitors.LastRoundAt,
            alerts.LastCycle,
            services.GetService<ClickHouseTelemetryStore>()?.SpoolStatus,
            reports.LastRoundAt);
}
