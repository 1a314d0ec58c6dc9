using System.Globalization;
using Vigil.Core.Metrics;
using Vigil.Core.Projects;

namespace Vigil.Dashboard;

internal enum TileStatus
{
    NoTarget,
    NoData,
    WithinTarget,
    OutsideTarget,
}

internal enum TrendDirection
{
    None,
    Up,
    Down,
    Flat,
}

/// <summary>One realtime tile as displayed: every string already formatted for the reader's language.</summary>
internal sealed record TileView(
    string Key,
    string Label,
    string Hint,
    string Value,
    string Unit,
    TrendDirection Trend,
    bool? TrendIsGood,
    string TrendText,
    string TrendCaption,
    TileStatus Status,
    string TargetText,
    string? Note = null);

/// <summary>Turns the realtime numbers into tiles: formatting, the trend's colour and the ✅/⚠️ against the project's targets.</summary>
internal static class TileViews
{
    public const string NoValue = "—";

    public static IReadOnlyList<TileView> Product(RealtimeMetrics metrics, UiText text) =>
    [
        Count("activeUsers", text.ActiveUsers, text.ActiveUsersHint, metrics.ActiveUsers, metrics.Trends.ActiveUsers, text),
        Count("pageViews", text.PageViews, text.TodayHint, metrics.PageViews, metrics.Trends.PageViews, text),
        Count("signups", text.Signups, text.TodayHint, metrics.Signups, metrics.Trends.Signups, text),
        Count("appsCreated", text.AppsCreated, text.TodayHint, metrics.AppsCreated, metrics.Trends.AppsCreated, text),
        Count("orders", text.Orders, text.TodayHint, metrics.Orders, metrics.Trends.Orders, text),
    ];

    public static IReadOnlyList<TileView> Reliability(RealtimeMetrics metrics, Project project, UiText text)
    {
        var targets = project.Targets;
        var culture = text.Culture;
        var maxResponse = $"< {targets.MaxResponseTimeMs.ToString("N0", culture)} ms";
        return
        [
            new TileView("errorRate", text.ErrorRate, text.ResponseHint, Percent(metrics.ErrorRate, culture), metrics.ErrorRate is null ? "" : "%",
                Direction(metrics.Trends.ErrorRate), IsGood(metrics.Trends.ErrorRate, higherIsBetter: false), TrendText(metrics.Trends.ErrorRate, text), text.VersusYesterday,
                Status(metrics.ErrorRate, value => value < targets.MaxErrorRatePercent),
                $"< {targets.MaxErrorRatePercent.ToString("0.##", culture)}%"),
            Milliseconds("avgResponseTime", text.AvgResponseTime, metrics.AvgResponseTime, metrics.Trends.AvgResponseTime, targets, maxResponse, text),
            Milliseconds("p95ResponseTime", text.P95ResponseTime, metrics.P95ResponseTime, metrics.Trends.P95ResponseTime, targets, maxResponse, text),
            new TileView("uptime", text.Uptime, text.UptimeHint,
                Percent(metrics.Uptime, culture), metrics.Uptime is null ? "" : "%",
                Direction(metrics.Trends.Uptime), IsGood(metrics.Trends.Uptime, higherIsBetter: true), TrendText(metrics.Trends.Uptime, text), text.VersusPreviousDay,
                Status(metrics.Uptime, value => value >= targets.MinUptimePercent),
                $"≥ {targets.MinUptimePercent.ToString("0.###", culture)}%",
                metrics.Uptime is null ? text.NoUptimeProbe : null),
        ];
    }

    private static TileView Count(string key, string label, string hint, long value, double? trend, UiText text) => new(
        key, label, hint, value.ToString("N0", text.Culture), "",
        Direction(trend), IsGood(trend, higherIsBetter: true), TrendText(trend, text), text.VersusYesterday,
        TileStatus.NoTarget, "");

    private static TileView Milliseconds(string key, string label, double? value, double? trend, Targets targets, string targetText, UiText text) => new(
        key, label, text.ResponseHint, value is null ? NoValue : value.Value.ToString("N0", text.Culture), value is null ? "" : "ms",
        Direction(trend), IsGood(trend, higherIsBetter: false), TrendText(trend, text), text.VersusYesterday,
        Status(value, milliseconds => milliseconds < targets.MaxResponseTimeMs), targetText);

    private static string Percent(double? value, CultureInfo culture) => value switch
    {
        null => NoValue,
        0 => "0",
        100 => "100",
        < 10 and > 0 => value.Value.ToString("0.00", culture),
        _ => value.Value.ToString("0.0#", culture),
    };

    private static TileStatus Status(double? value, Func<double, bool> withinTarget) => value switch
    {
        null => TileStatus.NoData,
        _ => withinTarget(value.Value) ? TileStatus.WithinTarget : TileStatus.OutsideTarget,
    };

    private static TrendDirection Direction(double? trend) => trend switch
    {
        null => TrendDirection.None,
        > 0 => TrendDirection.Up,
        < 0 => TrendDirection.Down,
        _ => TrendDirection.Flat,
    };

    /// <summary>More signups is good news; more errors or slower responses is bad news; no change is neither.</summary>
    private static bool? IsGood(double? trend, bool higherIsBetter) => trend switch
    {
        null or 0 => null,
        > 0 => higherIsBetter,
        _ => !higherIsBetter,
    };

    private static string TrendText(double? trend, UiText text) => trend switch
    {
        null => "",
        > 0 => $"▲ {trend.Value.ToString("0.#", text.Culture)}%",
        < 0 => $"▼ {Math.Abs(trend.Value).ToString("0.#", text.Culture)}%",
        _ => "± 0%",
    };
}
