using Microsoft.AspNetCore.Http.HttpResults;
using Vigil.Auth;
using Vigil.Core.Ingest;
using Vigil.Core.Projects;
using Vigil.Core.Routes;
using Vigil.Core.Storage;
using Vigil.Dashboard;
using Vigil.Hosting;
using Vigil.Projects;

namespace Vigil.Routes;

/// <summary>
/// GET /api/projects/{id}/routes?range=24h|7d|30d&amp;format=                       per route: count, requests per second, p50/p95/p99, average, 4xx and 5xx rates; the slowest requests
/// GET /api/projects/{id}/requests/slowest?range=&amp;method=&amp;route=&amp;format=       the slowest requests of the range, of one route when asked
/// format=csv (or Accept: text/csv) downloads the routes, or the slowest requests, as a table.
/// The admin token or the login cookie.
/// </summary>
internal static class RouteEndpoints
{
    /// <summary>The most rows <c>/routes</c> answers, the (other) row included.</summary>
    public const int MaxRoutes = 50;

    public static IServiceCollection AddRoutes(this IServiceCollection services) => services.AddSingleton<RouteReader>();

    public static void MapRouteEndpoints(this IEndpointRouteBuilder app)
    {
        var project = app.MapGroup("/api/projects/{id:long}").RequireAuthorization(VigilAuth.ApiPolicy).RequireProject();
        project.MapGet("/routes", GetRoutesAsync);
        project.MapGet("/requests/slowest", GetSlowestAsync);
    }

    /// <summary>The routes of a range, as the API and the Routes page show them.</summary>
    public sealed record RoutesAnswer(string Range, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<RouteStats> Routes, IReadOnlyList<SlowRequest> Slowest);

    public sealed record SlowestAnswer(string Range, DateTimeOffset From, DateTimeOffset To, string? Method, string? Route, IReadOnlyList<SlowRequest> Requests);

    private static async Task<Results<Ok<RoutesAnswer>, FileContentHttpResult, ProblemHttpResult>> GetRoutesAsync(
        string? range, string? format, HttpContext context, RouteReader reader, CancellationToken cancellationToken)
    {
        if ((DashboardRanges.Problem(range) ?? ChartCsv.CheckFormat(format)) is { } problem)
        {
            return problem;
        }
        var project = context.RouteProject();
        var answer = await reader.ReadAsync(project.Id, DashboardRanges.Parse(range), cancellationToken);
        return ChartCsv.IsRequested(format, context.Request)
            ? ChartCsv.File(RouteTables.Routes(answer.Routes, UiText.For(context).RoutesPage), $"routes-{answer.Range}")
            : TypedResults.Ok(answer);
    }

    private static async Task<Results<Ok<SlowestAnswer>, FileContentHttpResult, ProblemHttpResult>> GetSlowestAsync(
        string? range, string? method, string? route, string? format, HttpContext context, RouteReader reader, CancellationToken cancellationToken)
    {
        if ((DashboardRanges.Problem(range) ?? ChartCsv.CheckFormat(format) ?? FilterProblem("method", method, IngestLimits.MaxMethodLength) ?? FilterProblem("route", route, IngestLimits.MaxRouteLength)) is { } problem)
        {
            return problem;
        }
        var project = context.RouteProject();
        var answer = await reader.ReadSlowestAsync(project.Id, DashboardRanges.Parse(range), method?.ToUpperInvariant(), route, cancellationToken);
        return ChartCsv.IsRequested(format, context.Request)
            ? ChartCsv.File(RouteTables.Slowest(answer.Requests, project.TimeZone, UiText.For(context).RoutesPage), $"slowest-requests-{answer.Range}")
            : TypedResults.Ok(answer);
    }

    private static ProblemHttpResult? FilterProblem(string field, string? value, int maxLength) => value switch
    {
        null => null,
        { Length: 0 } => ApiProblems.BadRequest(field, $"{field} must not be empty; leave it out to read every {field}."),
        _ when value.Length > maxLength => ApiProblems.BadRequest(field, $"{field} is longer than {maxLength} characters."),
        _ => null,
    };
}

/// <summary>Per-route numbers of a dashboard range: whole UTC hours ending with the hour under way.</summary>
internal sealed class RouteReader(ITelemetryStore store, TimeProvider time)
{
    public async Task<RouteEndpoints.RoutesAnswer> ReadAsync(long projectId, DashboardRange range, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var (from, to) = DashboardRanges.UtcHours(range, now);
        var report = RouteReport.From(await store.ReadRoutesAsync(projectId, from, to, cancellationToken), now - from, RouteEndpoints.MaxRoutes);
        return new RouteEndpoints.RoutesAnswer(DashboardRanges.Name(range), from, to, report.Routes, report.Slowest);
    }

    /// <summary>The slowest requests of the routes matching the method and route given (every one when not).</summary>
    public async Task<RouteEndpoints.SlowestAnswer> ReadSlowestAsync(long projectId, DashboardRange range, string? method, string? route, CancellationToken cancellationToken)
    {
        var (from, to) = DashboardRanges.UtcHours(range, time.GetUtcNow());
        var routes = await store.ReadRoutesAsync(projectId, from, to, cancellationToken);
        var matching = routes.Where(total => (method is null || total.Key.Method == method) && (route is null || total.Key.Route == route));
        return new RouteEndpoints.SlowestAnswer(DashboardRanges.Name(range), from, to, method, route, RouteReport.SlowestOf(matching));
    }
}

/// <summary>The CSV tables of the route endpoints, with the Routes page's column names.</summary>
internal static class RouteTables
{
    public static ChartTable Routes(IReadOnlyList<RouteStats> routes, RoutesPageText text) => new(
        [text.Method, text.Route, text.Requests, text.RequestsPerSecond, "p50 (ms)", "p95 (ms)", "p99 (ms)", text.AverageMs, text.ClientErrorRate, text.ServerErrorRate],
        routes.Select(route => (IReadOnlyList<object?>)
            [route.Method, route.Route, route.Count, route.RequestsPerSecond, route.P50Ms, route.P95Ms, route.P99Ms, route.AverageMs, route.ClientErrorRate, route.ServerErrorRate]).ToList());

    public static ChartTable Slowest(IReadOnlyList<SlowRequest> requests, TimeZoneInfo zone, RoutesPageText text) => new(
        [text.Time, text.Method, text.Route, text.Status, text.DurationMs, text.TraceId],
        requests.Select(request => (IReadOnlyList<object?>)
            [TimeZoneInfo.ConvertTime(request.Timestamp, zone), request.Method, request.Route, request.Status, request.DurationMs, request.TraceId]).ToList());
}
