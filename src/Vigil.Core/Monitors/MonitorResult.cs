using Vigil.Core.Metrics;

namespace Vigil.Core.Monitors;

/// <summary>Stored as 0, 1, 2. A warning (a certificate that expires soon) is up for uptime: it still serves.</summary>
public enum MonitorState
{
    Down = 0,
    Up = 1,
    Warning = 2,
}

/// <summary>What one check concluded and why; the reason says what was wrong, or what to watch.</summary>
public sealed record MonitorVerdict(MonitorState State, string? Reason)
{
    public static MonitorVerdict Up { get; } = new(MonitorState.Up, null);

    public static MonitorVerdict Down(string reason) => new(MonitorState.Down, reason);
}

/// <summary>One check of one monitor as stored.</summary>
/// <param name="HttpStatus">The answer's status, HTTP monitors only.</param>
/// <param name="DurationMs">How long the check took; null for heartbeats.</param>
/// <param name="CertificateDaysLeft">Whole days until the certificate expires (negative once expired), TLS monitors only.</param>
public sealed record MonitorResult(
    long ProjectId,
    long MonitorId,
    DateTimeOffset Timestamp,
    MonitorState State,
    int? HttpStatus,
    double? DurationMs,
    string? Reason,
    int? CertificateDaysLeft)
{
    public bool IsUp => State != MonitorState.Down;

    /// <summary>The latency sketch bucket stores keep beside the duration, so percentiles need no raw scan.</summary>
    public int? SketchBucket => DurationMs is { } duration ? LatencySketch.BucketOf(duration) : null;
}

/// <summary>
/// A monitor's checks over a range: counts, and response times as a sum and a latency sketch (so p95 is within 1%).
/// Uptime is sample-weighted: the share of checks that were up (or warning).
/// </summary>
public sealed class MonitorSummary
{
    public long Checks { get; private set; }
    public long Up { get; private set; }
    public long Timed { get; private set; }
    public double SumMs { get; private set; }
    public LatencySketch Latencies { get; } = new();

    public double? UptimePercent => Checks == 0 ? null : 100.0 * Up / Checks;
    public double? AverageMs => Timed == 0 ? null : SumMs / Timed;
    public double? P95Ms => Latencies.Quantile(0.95);

    /// <summary>Adds the checks of one store row: those of one sketch bucket (null for checks without a duration).</summary>
    public void Add(int? sketchBucket, long checks, long up, long timed, double sumMs)
    {
        Checks += checks;
        Up += up;
        Timed += timed;
        SumMs += sumMs;
        if (sketchBucket is { } bucket)
        {
            Latencies.AddToBucket(bucket, timed);
        }
    }

    public static MonitorSummary Of(IEnumerable<MonitorResult> results)
    {
        var summary = new MonitorSummary();
        foreach (var result in results)
        {
            summary.Add(result.SketchBucket, 1, result.IsUp ? 1 : 0, result.DurationMs is null ? 0 : 1, result.DurationMs ?? 0);
        }
        return summary;
    }
}
