using Microsoft.AspNetCore.Http.HttpResults;
using Vigil.Auth;
using Vigil.Hosting;
using Vigil.Projects;

namespace Vigil.Dashboard;

/// <summary>
/// GET /api/projects/{id}/charts/{chart}?range=&amp;format=   one dashboard chart's data (traffic, signups, plans) as the
///                                                      live stream sends it; format=csv (or Accept: text/csv) downloads it
/// </summary>
internal static class ChartEndpoints
{
    private static readonly string[] Charts = ["traffic", "signups", "plans"];

    public static void MapChartEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/projects/{id:long}/charts/{chart}", GetAsync).RequireAuthorization(VigilAuth.ApiPolicy);

    private static async Task<Results<Ok<object>, FileContentHttpResult, ProblemHttpResult>> GetAsync(
        long id, string chart, string? range, string? format, HttpContext context, ProjectDirectory projects, DashboardReader reader, CancellationToken cancellationToken)
    {
        var project = await projects.FindProjectAsync(id, cancellationToken);
        if (project is null)
        {
            return ApiProblems.ProjectNotFound(id);
        }
        if (!Charts.Contains(chart))
        {
            return ApiProblems.Problem(StatusCodes.Status404NotFound, "Chart not found", "chart", $"chart must be one of {string.Join(", ", Charts)}.");
        }
        if ((DashboardRanges.Problem(range) ?? ChartCsv.CheckFormat(format)) is { } problem)
        {
            return problem;
        }
        var text = UiText.For(context);
        var charts = await reader.ReadChartsAsync(project, DashboardRanges.Parse(range), text, cancellationToken);
        var labels = text.GoalsPage;
        var (data, table) = chart switch
        {
            "traffic" => ((object)charts.Traffic, new ChartTable(
                [labels.Time, text.PageViews, text.ActiveUsers],
                charts.Traffic.Times.Select((time, index) => (IReadOnlyList<object?>)[time, charts.Traffic.PageViews[index], charts.Traffic.ActiveUsers[index]]).ToList())),
            "signups" => (charts.Signups, new ChartTable(
                [labels.Time, text.Signups],
                charts.Signups.Times.Select((time, index) => (IReadOnlyList<object?>)[time, charts.Signups.Values[index]]).ToList())),
            _ => (charts.Plans, new ChartTable(
                [labels.Plan, text.Signups],
                charts.Plans.Select(slice => (IReadOnlyList<object?>)[slice.Name, slice.Value]).ToList())),
        };
        return ChartCsv.IsRequested(format, context.Request)
            ? ChartCsv.File(table, $"{chart}-{charts.Range}")
            : TypedResults.Ok(data);
    }
}
