using Microsoft.AspNetCore.Http.HttpResults;
using Vigil.Auth;
using Vigil.Core.Errors;
using Vigil.Core.Storage;
using Vigil.Dashboard;
using Vigil.Hosting;
using Vigil.Projects;

namespace Vigil.Errors;

/// <summary>
/// GET /api/projects/{id}/issues?status=&amp;range=                 issues with their counts and users in the range
/// GET /api/projects/{id}/issues/{fingerprint}?range=&amp;format=        one issue: counts per hour, the newest occurrences;
///                                                                    format=csv (or Accept: text/csv) downloads the sparkline's hours
/// PUT /api/projects/{id}/issues/{fingerprint}/status {"status"}      open, resolved or ignored
/// The admin token or the login cookie.
/// </summary>
internal static class IssueEndpoints
{
    public static IServiceCollection AddErrors(this IServiceCollection services)
    {
        services.AddSingleton(provider => (IErrorIssueStore)provider.GetRequiredService<IMetadataStore>());
        services.AddSingleton<ErrorIngest>();
        services.AddSingleton<IssueReader>();
        services.AddSingleton<IssueCommands>();
        return services;
    }

    public static void MapIssueEndpoints(this IEndpointRouteBuilder app)
    {
        var project = app.MapGroup("/api/projects/{id:long}").RequireAuthorization(VigilAuth.ApiPolicy);
        project.MapGet("/issues", ListIssuesAsync);
        project.MapGet("/issues/{fingerprint}", GetIssueAsync);
        project.MapPut("/issues/{fingerprint}/status", PutStatusAsync);
    }

    public sealed record StatusRequest(string? Status);

    private static async Task<Results<Ok<IReadOnlyList<IssueSummary>>, ProblemHttpResult>> ListIssuesAsync(
        long id, string? status, string? range, ProjectDirectory projects, IssueReader reader, CancellationToken cancellationToken)
    {
        if (await projects.FindProjectAsync(id, cancellationToken) is null)
        {
            return ApiProblems.ProjectNotFound(id);
        }
        IssueStatus? wanted = null;
        if (status is not null)
        {
            if (IssueCommands.ParseStatus(status) is not { } parsed)
            {
                return ApiProblems.BadRequest("status", "status must be open, resolved or ignored.");
            }
            wanted = parsed;
        }
        if (IssueCommands.ParseRange(range) is not { } span)
        {
            return BadRange();
        }
        return TypedResults.Ok(await reader.ListAsync(id, wanted, span, cancellationToken));
    }

    private static async Task<Results<Ok<IssueDetail>, FileContentHttpResult, ProblemHttpResult>> GetIssueAsync(
        long id, string fingerprint, string? range, string? format, HttpContext context, ProjectDirectory projects, IssueReader reader, CancellationToken cancellationToken)
    {
        if (await projects.FindProjectAsync(id, cancellationToken) is not { } project)
        {
            return ApiProblems.ProjectNotFound(id);
        }
        if (IssueCommands.ParseRange(range) is not { } span)
        {
            return BadRange();
        }
        if (ChartCsv.CheckFormat(format) is { } problem)
        {
            return problem;
        }
        if (await reader.FindAsync(id, fingerprint, span, IssueReader.SampleCount, cancellationToken) is not { } detail)
        {
            return IssueNotFound(fingerprint);
        }
        return ChartCsv.IsRequested(format, context.Request)
            ? ChartCsv.File(HourlyTable(detail.Issue, project.TimeZone, UiText.For(context).IssuesPage), $"issue-{fingerprint}-{range ?? IssueCommands.DefaultRange}")
            : TypedResults.Ok(detail);
    }

    /// <summary>The sparkline's data as a table: a row per hour of the range, its start at the project's offset, and the occurrences in it.</summary>
    private static ChartTable HourlyTable(IssueSummary issue, TimeZoneInfo zone, IssuesPageText text) => new(
        [text.Hour, text.Events],
        issue.Hourly.Select((count, index) => (IReadOnlyList<object?>)[TimeZoneInfo.ConvertTime(issue.HourlyFrom.AddHours(index), zone), count]).ToList());

    private static async Task<Results<NoContent, ProblemHttpResult>> PutStatusAsync(
        long id, string fingerprint, StatusRequest? request, IssueCommands commands, CancellationToken cancellationToken)
    {
        if (IssueCommands.ParseStatus(request?.Status) is not { } status)
        {
            return ApiProblems.BadRequest("status", "status must be open, resolved or ignored.");
        }
        return await commands.SetStatusAsync(id, fingerprint, status, cancellationToken)
            ? TypedResults.NoContent()
            : IssueNotFound(fingerprint);
    }

    private static ProblemHttpResult BadRange() => ApiProblems.BadRequest("range", $"range must be one of {string.Join(", ", IssueCommands.Ranges.Keys)}.");

    private static ProblemHttpResult IssueNotFound(string fingerprint) =>
        ApiProblems.Problem(StatusCodes.Status404NotFound, "Issue not found", "fingerprint", $"The project has no issue {fingerprint}.");
}
