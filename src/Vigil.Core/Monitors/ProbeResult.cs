namespace Vigil.Core.Monitors;

/// <summary>
/// One health probe of a project's URL, as kept before the health URL became a monitor (<c>vigil migrate</c> still copies
/// them, and they still count in the project's uptime): up means a 2xx answer within the timeout.
/// </summary>
public sealed record ProbeResult(long ProjectId, DateTimeOffset Timestamp, bool Up, int? Status, double DurationMs, string? Error);

/// <summary>Checks, and how many were up, of a project's monitors: its uptime.</summary>
public sealed record ProbeSummary(long Total, long Up)
{
    public double? UptimePercent => Total == 0 ? null : 100.0 * Up / Total;
}
