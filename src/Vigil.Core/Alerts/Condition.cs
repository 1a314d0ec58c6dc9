using Vigil.Core.Series;

namespace Vigil.Core.Alerts;

/// <summary>A parsed alert condition: comparisons joined by <c>and</c> / <c>or</c>.</summary>
public abstract record Condition;

public sealed record Comparison(MetricReference Metric, ComparisonOperator Operator, Threshold Threshold) : Condition;

public sealed record AllOf(Condition Left, Condition Right) : Condition;

public sealed record AnyOf(Condition Left, Condition Right) : Condition;

public enum ComparisonOperator
{
    Greater,
    GreaterOrEqual,
    Less,
    LessOrEqual,
    Equal,
    NotEqual,
}

/// <summary>
/// The number to compare with, in the metric's base unit (percent for rates and uptime, milliseconds for response
/// times, a count otherwise). With a <see cref="Baseline"/>, <see cref="Value"/> is a ratio of the baseline's value:
/// <c>signups &lt; 60% of last_week</c> is 0.6 of the same window one week earlier.
/// </summary>
public sealed record Threshold(double Value, Baseline Baseline = Baseline.None);

public enum Baseline
{
    None,
    Yesterday,
    LastWeek,
}

public enum AlertMetric
{
    Uptime,
    ErrorRate,
    AvgResponseTime,
    P95ResponseTime,
    P99ResponseTime,
    ActiveUsers,
    PageViews,
    Signups,
    Orders,
    AppsCreated,
    Events,
    NewIssues,
    Regressions,
    MonitorUp,
    MonitorResponseTime,
    Series,
}

/// <summary>A metric as a condition names it, e.g. <c>error_rate[15m]</c>, <c>events{name="checkout"}</c> or <c>monitor_up{name="api"}</c>.</summary>
/// <param name="Name">The <c>name</c> label: the event or the monitor (see <see cref="AlertMetrics.TakesName"/>).</param>
/// <param name="Window">The span the value covers; null means the metric's default (see <see cref="AlertMetrics.DefaultWindow"/>).</param>
/// <param name="Selector">Only for <see cref="AlertMetric.Series"/>: which series, and how they are aggregated.</param>
public sealed record MetricReference(AlertMetric Metric, string? Name = null, TimeSpan? Window = null, SeriesSelector? Selector = null);

public enum MetricUnit
{
    Percent,
    Milliseconds,
    Count,

    /// <summary>1 for up, 0 for down.</summary>
    UpOrDown,
}

public static class AlertMetrics
{
    /// <summary>Rates, response times, active users and uptime: the last five minutes, as the realtime panel.</summary>
    public static readonly TimeSpan RecentWindow = TimeSpan.FromMinutes(5);

    public static MetricUnit UnitOf(AlertMetric metric) => metric switch
    {
        AlertMetric.Uptime or AlertMetric.ErrorRate => MetricUnit.Percent,
        AlertMetric.AvgResponseTime or AlertMetric.P95ResponseTime or AlertMetric.P99ResponseTime or AlertMetric.MonitorResponseTime => MetricUnit.Milliseconds,
        AlertMetric.MonitorUp => MetricUnit.UpOrDown,
        _ => MetricUnit.Count,
    };

    /// <summary>Metrics that need a <c>name</c> label: the event counted, or the monitor read.</summary>
    public static bool TakesName(AlertMetric metric) => metric is AlertMetric.Events or AlertMetric.MonitorUp or AlertMetric.MonitorResponseTime;

    public static bool IsMonitorMetric(AlertMetric metric) => metric is AlertMetric.MonitorUp or AlertMetric.MonitorResponseTime;

    /// <summary>Product metrics: counts a relative condition (<c>of last_week</c>) may compare.</summary>
    public static bool IsProductMetric(AlertMetric metric) => UnitOf(metric) == MetricUnit.Count && !IsIssueMetric(metric);

    /// <summary>Issues first seen, or resolved issues seen again, in the window: the way to be told of a new bug.</summary>
    public static bool IsIssueMetric(AlertMetric metric) => metric is AlertMetric.NewIssues or AlertMetric.Regressions;

    /// <summary>
    /// Null means "today so far" (local midnight to now in the project's zone), the window of the dashboard's
    /// page view, signup, app and order counts, and for monitor metrics the monitor's own window (its latest check
    /// within twice its interval plus its timeout); everything else covers the last five minutes by default.
    /// </summary>
    public static TimeSpan? DefaultWindow(AlertMetric metric) => metric switch
    {
        AlertMetric.PageViews or AlertMetric.Signups or AlertMetric.Orders or AlertMetric.AppsCreated or AlertMetric.Events => null,
        AlertMetric.MonitorUp or AlertMetric.MonitorResponseTime => null,
        _ => RecentWindow,
    };

    /// <summary>The names conditions use, e.g. <c>p95_response_time</c>.</summary>
    public static IReadOnlyDictionary<string, AlertMetric> ByName { get; } = new Dictionary<string, AlertMetric>(StringComparer.Ordinal)
    {
        ["uptime"] = AlertMetric.Uptime,
        ["error_rate"] = AlertMetric.ErrorRate,
        ["avg_response_time"] = AlertMetric.AvgResponseTime,
        ["p95_response_time"] = AlertMetric.P95ResponseTime,
        ["p99_response_time"] = AlertMetric.P99ResponseTime,
        ["active_users"] = AlertMetric.ActiveUsers,
        ["page_views"] = AlertMetric.PageViews,
        ["signups"] = AlertMetric.Signups,
        ["orders"] = AlertMetric.Orders,
        ["apps_created"] = AlertMetric.AppsCreated,
        ["events"] = AlertMetric.Events,
        ["new_issues"] = AlertMetric.NewIssues,
        ["regressions"] = AlertMetric.Regressions,
        ["monitor_up"] = AlertMetric.MonitorUp,
        ["monitor_response_time"] = AlertMetric.MonitorResponseTime,
        ["series"] = AlertMetric.Series,
    };

    public static string NameOf(AlertMetric metric) => ByName.First(pair => pair.Value == metric).Key;
}
