using Vigil.Core.Metrics;
using Vigil.Core.Projects;

namespace Vigil.Core.Alerts;

/// <summary>A number still within its project target but close to it: a warning before the breach.</summary>
/// <param name="Metric">errorRate, avgResponseTime, p95ResponseTime or uptime, as the realtime panel names them.</param>
/// <param name="UsedShare">How much of the allowance is used: 0.93 is 93% of the way to the target.</param>
public sealed record NearTarget(string Metric, double Value, double Target, double UsedShare);

/// <summary>
/// "Within 10% of a target": for a ceiling (error rate, response times) a value at 90% of it or more; for uptime, a
/// floor, downtime at 90% or more of what the target allows (at 99.9% that is uptime at or below 99.91%). A value past its
/// target is a breach, which the tiles and alert rules report, not a warning.
/// </summary>
public static class TargetProximity
{
    public const double Margin = 0.10;

    public static IReadOnlyList<NearTarget> Near(RealtimeMetrics metrics, Targets targets)
    {
        var near = new List<NearTarget>();
        Ceiling("errorRate", metrics.ErrorRate, targets.MaxErrorRatePercent);
        Ceiling("avgResponseTime", metrics.AvgResponseTime, targets.MaxResponseTimeMs);
        Ceiling("p95ResponseTime", metrics.P95ResponseTime, targets.MaxResponseTimeMs);
        if (metrics.Uptime is { } uptime && targets.MinUptimePercent < 100)
        {
            var used = (100 - uptime) / (100 - targets.MinUptimePercent);
            if (used >= 1 - Margin && uptime >= targets.MinUptimePercent)
            {
                near.Add(new NearTarget("uptime", uptime, targets.MinUptimePercent, used));
            }
        }
        return near;

        void Ceiling(string name, double? value, double target)
        {
            if (value is { } actual && target > 0 && actual >= (1 - Margin) * target && actual < target)
            {
                near.Add(new NearTarget(name, actual, target, actual / target));
            }
        }
    }
}
