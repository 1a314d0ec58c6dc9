using Microsoft.AspNetCore.Http.HttpResults;
using Vigil.Auth;
using Vigil.Core.Metrics;
using Vigil.Hosting;
using Vigil.Projects;

namespace Vigil.Metrics;

/// <summary>
/// GET /api/projects/{id}/realtime                                   the eight numbers of the realtime panel
/// GET /api/projects/{id}/series?metric=&amp;from=&amp;to=&amp;step=           one chart line
/// GET /api/projects/{id}/breakdown?event=&amp;by=&amp;from=&amp;to=              an event's counts per property value
/// </summary>
internal static class MetricsEndpoints
{
    public static IServiceCollection AddDashboardMetrics(this IServiceCollection services) => services.AddSingleton<DashboardMetrics>();

    public static void MapMetricsEndpoints(this IEndpointRouteBuilder app)
    {
        var metrics = app.MapGroup("/api/projects/{id:long}").RequireAuthorization(VigilAuth.ApiPolicy);
        metrics.MapGet("/realtime", GetRealtimeAsync);
        metrics.MapGet("/series", GetSeriesAsync);
        metrics.MapGet("/breakdown", GetBreakdownAsync);
    }

    private static async Task<Results<Ok<RealtimeMetrics>, ProblemHttpResult>> GetRealtimeAsync(long id, ProjectDirectory projects, DashboardMetrics metrics, CancellationToken cancellationToken)
    {
        var project = await projects.FindProjectAsync(id, cancellationToken);
        return project is null ? ApiProblems.ProjectNotFound(id) : TypedResults.Ok(await metrics.GetRealtimeAsync(project, cancellationToken));
    }

    private static async Task<Results<Ok<MetricSeries>, ProblemHttpResult>> GetSeriesAsync(
        long id, string? metric, string? from, string? to, string? step, ProjectDirectory projects, DashboardMetrics metrics, TimeProvider time, CancellationToken cancellationToken)
    {
        var project = await projects.FindProjectAsync(id, cancellationToken);
        if (project is null)
        {
            return ApiProblems.ProjectNotFound(id);
        }
        if (SeriesRange.ParseMetric(metric) is not { } seriesMetric)
        {
            return ApiProblems.BadRequest("metric", $"metric must be one of {string.Join(", ", Enum.GetValues<SeriesMetric>().Select(SeriesRange.MetricName))}.");
        }
        if (SeriesRange.ParseStep(step ?? "1h") is not { } granularity)
        {
            return ApiProblems.BadRequest("step", "step must be 1m, 1h or 1d.");
        }
        var range = ParseRange(from, to, time, TimeSpan.FromHours(24));
        if (range.Problem is not null)
        {
            return range.Problem;
        }
        var seriesRange = new SeriesRange(range.From, range.To, granularity);
        if (seriesRange.ApproximatePoints > SeriesRange.MaxPoints)
        {
            return ApiProblems.BadRequest("step", $"from..to at step {step} would draw about {seriesRange.ApproximatePoints} points; at most {SeriesRange.MaxPoints} are served. Use a coarser step or a shorter range.");
        }
        return TypedResults.Ok(await metrics.GetSeriesAsync(project, seriesMetric, seriesRange, cancellationToken));
    }

    private static async Task<Results<Ok<MetricBreakdown>, ProblemHttpResult>> GetBreakdownAsync(
        long id, string? @event, string? by, string? from, string? to, ProjectDirectory projects, DashboardMetrics metrics, TimeProvider time, CancellationToken cancellationToken)
    {
        var project = await projects.FindProjectAsync(id, cancellationToken);
        if (project is null)
        {
            return ApiProblems.ProjectNotFound(id);
        }
        if (string.IsNullOrWhiteSpace(@event))
        {
            return ApiProblems.BadRequest("event", "event is required: the name of the event to break down.");
        }
        if (string.IsNullOrWhiteSpace(by))
        {
            return ApiProblems.BadRequest("by", "by is required: the name of a top-level property of the event.");
        }
        var range = ParseRange(from, to, time, TimeSpan.FromDays(30));
        if (range.Problem is not null)
        {
            return range.Problem;
        }
        return TypedResults.Ok(await metrics.GetBreakdownAsync(project, @event, by, range.From, range.To, cancellationToken));
    }

    internal sealed record ParsedRange(DateTimeOffset From, DateTimeOffset To, ProblemHttpResult? Problem);

    /// <summary>from and to are ISO-8601 instants with an offset; to defaults to now and from to <paramref name="defaultSpan"/> before to.</summary>
    internal static ParsedRange ParseRange(string? from, string? to, TimeProvider time, TimeSpan defaultSpan)
    {
        DateTimeOffset end;
        if (to is null)
        {
            end = time.GetUtcNow();
        }
        else if (!DateTimeOffset.TryParse(to, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out end))
        {
            return new ParsedRange(default, default, ApiProblems.BadRequest("to", $"'{to}' is not an ISO-8601 date and time."));
        }
        DateTimeOffset start;
        if (from is null)
        {
            start = end - defaultSpan;
        }
        else if (!DateTimeOffset.TryParse(from, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out start))
        {
            return new ParsedRange(default, default, ApiProblems.BadRequest("from", $"'{from}' is not an ISO-8601 date and time."));
        }
        if (start >= end)
        {
            return new ParsedRange(default, default, ApiProblems.BadRequest("from", "from must be before to."));
        }
        return new ParsedRange(start.ToUniversalTime(), end.ToUniversalTime(), null);
    }
}
