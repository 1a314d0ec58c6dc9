using Microsoft.AspNetCore.Http.HttpResults;
using Vigil.Core.Metrics;
using Vigil.Core.Projects;
using Vigil.Hosting;

namespace Vigil.Dashboard;

/// <summary>The chart ranges of the dashboard. Public only because Razor components take it as a parameter.</summary>
public enum DashboardRange
{
    Last24Hours,
    Last7Days,
    Last30Days,
}

internal static class DashboardRanges
{
    public static IReadOnlyList<DashboardRange> All { get; } = Enum.GetValues<DashboardRange>();

    public static string Name(DashboardRange range) => range switch
    {
        DashboardRange.Last7Days => "7d",
        DashboardRange.Last30Days => "30d",
        _ => "24h",
    };

    public static DashboardRange Parse(string? name) => name switch
    {
        "7d" => DashboardRange.Last7Days,
        "30d" => DashboardRange.Last30Days,
        _ => DashboardRange.Last24Hours,
    };

    /// <summary>A 400 naming <c>range</c> when it is given and is not one of the ranges' names; null when it will do.</summary>
    public static ProblemHttpResult? Problem(string? range) =>
        range is null || All.Select(Name).Contains(range) ? null : ApiProblems.BadRequest("range", "range must be 24h, 7d or 30d.");

    /// <summary>The range as whole UTC hours ending with the hour under way, [From, To): how hourly rollups kept by UTC hour are read.</summary>
    public static (DateTimeOffset From, DateTimeOffset To) UtcHours(DashboardRange range, DateTimeOffset now)
    {
        var to = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero).AddHours(1);
        return (to - range switch
        {
            DashboardRange.Last7Days => TimeSpan.FromDays(7),
            DashboardRange.Last30Days => TimeSpan.FromDays(30),
            _ => TimeSpan.FromHours(24),
        }, to);
    }
}

/// <summary><see cref="Times"/> are the bucket starts in the project's zone, which the CSV download writes beside the labels' values.</summary>
internal sealed record TrafficChart(IReadOnlyList<string> Labels, IReadOnlyList<DateTimeOffset> Times, IReadOnlyList<double?> PageViews, IReadOnlyList<double?> ActiveUsers);

internal sealed record SignupChart(string Title, IReadOnlyList<string> Labels, IReadOnlyList<DateTimeOffset> Times, IReadOnlyList<double?> Values);

internal sealed record PlanSlice(string Name, long Value);

/// <summary>What the three charts draw; serialized as is for the browser, which only styles it.</summary>
internal sealed record DashboardCharts(string Range, TrafficChart Traffic, SignupChart Signups, IReadOnlyList<PlanSlice> Plans);

/// <summary>Reads what the dashboard shows through <see cref="DashboardMetrics"/>, the same numbers the HTTP API serves.</summary>
internal sealed class DashboardReader(DashboardMetrics metrics, TimeProvider time)
{
    public const string PlanProperty = "plan";

    private static readonly TimeSpan DataLookBack = TimeSpan.FromDays(30);

    public Task<RealtimeMetrics> ReadRealtimeAsync(Project project, CancellationToken cancellationToken) =>
        metrics.GetRealtimeAsync(project, cancellationToken);

    public async Task<DashboardCharts> ReadChartsAsync(Project project, DashboardRange range, UiText text, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var zone = project.TimeZone;
        var today = TimeBuckets.LocalDate(now, zone);
        var (traffic, signups) = range switch
        {
            DashboardRange.Last7Days => (
                new SeriesRange(TimeBuckets.LocalHourStart(now.AddHours(-167), zone), now, Granularity.Hour),
                new SeriesRange(TimeBuckets.StartOfLocalDay(today.AddDays(-6), zone), now, Granularity.Day)),
            DashboardRange.Last30Days => (
                new SeriesRange(TimeBuckets.StartOfLocalDay(today.AddDays(-29), zone), now, Granularity.Day),
                new SeriesRange(TimeBuckets.StartOfLocalDay(today.AddDays(-29), zone), now, Granularity.Day)),
            _ => (
                new SeriesRange(TimeBuckets.LocalHourStart(now.AddHours(-23), zone), now, Granularity.Hour),
                new SeriesRange(TimeBuckets.LocalHourStart(now.AddHours(-23), zone), now, Granularity.Hour)),
        };

        var pageViews = await metrics.GetSeriesAsync(project, SeriesMetric.PageViews, traffic, cancellationToken);
        var activeUsers = await metrics.GetSeriesAsync(project, SeriesMetric.ActiveUsers, traffic, cancellationToken);
        var signupSeries = await metrics.GetSeriesAsync(project, SeriesMetric.Signups, signups, cancellationToken);
        var plans = await metrics.GetBreakdownAsync(project, project.KeyEvents.Signup, PlanProperty, signups.From, now, cancellationToken);

        return new DashboardCharts(
            DashboardRanges.Name(range),
            new TrafficChart(Labels(pageViews, range, zone, text), Times(pageViews, zone), Values(pageViews), Values(activeUsers)),
            new SignupChart(
                signups.Granularity == Granularity.Day ? text.SignupsPerDay : text.SignupsPerHour,
                Labels(signupSeries, range, zone, text),
                Times(signupSeries, zone),
                Values(signupSeries)),
            plans.Items.Select(item => new PlanSlice(item.Value, item.Count)).ToList());
    }

    /// <summary>Whether anything, an event or a request, arrived in the last 30 days; without it the dashboard explains how to send some.</summary>
    public async Task<bool> HasAnyDataAsync(Project project, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var range = new SeriesRange(now - DataLookBack, now, Granularity.Day);
        var users = await metrics.GetSeriesAsync(project, SeriesMetric.ActiveUsers, range, cancellationToken);
        if (users.Points.Any(point => point.Value > 0))
        {
            return true;
        }
        var requests = await metrics.GetSeriesAsync(project, SeriesMetric.P95ResponseTime, range, cancellationToken);
        return requests.Points.Any(point => point.Value is not null);
    }

    private static List<DateTimeOffset> Times(MetricSeries series, TimeZoneInfo zone) => series.Points.Select(point => TimeZoneInfo.ConvertTime(point.Time, zone)).ToList();

    private static List<double?> Values(MetricSeries series) => series.Points.Select(point => point.Value).ToList();

    private static List<string> Labels(MetricSeries series, DashboardRange range, TimeZoneInfo zone, UiText text)
    {
        var format = (series.Step, range) switch
        {
            ("1d", _) => text.Code == "ko" ? "M월 d일" : "MMM d",
            (_, DashboardRange.Last24Hours) => "HH:mm",
            _ => text.Code == "ko" ? "M/d HH:mm" : "MMM d HH:mm",
        };
        return series.Points
            .Select(point => TimeZoneInfo.ConvertTime(point.Time, zone).ToString(format, text.Culture))
            .ToList();
    }
}
