namespace Vigil.Core.Monitors;

/// <summary>One health probe of a project's URL: up means a 2xx answer within the timeout.</summary>
public sealed record ProbeResult(long ProjectId, DateTimeOffset Timestamp, bool Up, int? Status, double DurationMs, string? Error);

public sealed record ProbeSummary(long Total, long Up)
{
    public double? UptimePercent => Total == 0 ? null : 100.0 * Up / Total;
}
