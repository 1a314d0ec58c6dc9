using Vigil.Core.Alerts;

namespace Vigil.Core.Tests.Alerts;

/// <summary>Alert rules built by hand (the parser has its own tests), valid by default.</summary>
internal static class SomeAlerts
{
    public static readonly DateTimeOffset Start = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    /// <summary><c>p95_response_time &gt; 3s</c></summary>
    public static Comparison SlowResponse { get; } = new(new MetricReference(AlertMetric.P95ResponseTime), ComparisonOperator.Greater, new Threshold(3000));

    public static AlertRule Rule(
        string name = "Slow Response",
        TimeSpan duration = default,
        TimeSpan keepFiringFor = default,
        NoDataPolicy noData = NoDataPolicy.Keep,
        Condition? condition = null,
        Condition? clear = null,
        Severity severity = Severity.Warning,
        IReadOnlyList<NotifyTarget>? notify = null,
        IReadOnlyDictionary<string, string>? labels = null,
        TimeSpan? repeatInterval = null) =>
        new(name, severity, condition ?? SlowResponse, "p95_response_time > 3s", duration, notify ?? [], labels ?? new Dictionary<string, string>(), noData, keepFiringFor, clear, repeatInterval);

    public static DateTimeOffset At(int evaluation) => Start + evaluation * Interval;
}
