using Microsoft.AspNetCore.Http.HttpResults;
using Vigil.Auth;
using Vigil.Core.Storage;
using Vigil.Core.WebVitals;
using Vigil.Dashboard;
using Vigil.Hosting;
using Vigil.Projects;

namespace Vigil.WebVitals;

/// <summary>
/// GET /api/projects/{id}/web-vitals?range=24h|7d|30d   p75 and the share of page loads per rating, site-wide and per page
/// The admin token or the login cookie.
/// </summary>
internal static class WebVitalEndpoints
{
    public const int MaxPages = 20;

    public static IServiceCollection AddWebVitals(this IServiceCollection services) => services.AddSingleton<WebVitalReader>();

    public static void MapWebVitalEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGroup("/api/projects/{id:long}").RequireAuthorization(VigilAuth.ApiPolicy).MapGet("/web-vitals", GetWebVitalsAsync);

    private static async Task<Results<Ok<WebVitalReport>, ProblemHttpResult>> GetWebVitalsAsync(
        long id, string? range, ProjectDirectory projects, WebVitalReader reader, CancellationToken cancellationToken)
    {
        if (await projects.FindProjectAsync(id, cancellationToken) is null)
        {
            return ApiProblems.ProjectNotFound(id);
        }
        if (DashboardRanges.Problem(range) is { } problem)
        {
            return problem;
        }
        return TypedResults.Ok(await reader.ReadAsync(id, DashboardRanges.Parse(range), cancellationToken));
    }
}

/// <summary>The Web Vitals of a dashboard range: whole UTC hours, ending with the hour under way.</summary>
internal sealed class WebVitalReader(ITelemetryStore store, TimeProvider time)
{
    public async Task<WebVitalReport> ReadAsync(long projectId, DashboardRange range, CancellationToken cancellationToken)
    {
        var (from, to) = DashboardRanges.UtcHours(range, time.GetUtcNow());
        return WebVitalReport.From(await store.ReadWebVitalsAsync(projectId, from, to, cancellationToken), WebVitalEndpoints.MaxPages);
    }
}
