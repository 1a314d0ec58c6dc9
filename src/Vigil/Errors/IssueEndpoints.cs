using Microsoft.AspNetCore.Http.HttpResults;
using Vigil.Auth;
using Vigil.Core.Errors;
using Vigil.Core.Storage;
using Vigil.Hosting;
using Vigil.Projects;

namespace Vigil.Errors;

/// <summary>
/// GET /api/projects/{id}/issues?status=&amp;range=                 issues with their counts and users in the range
/// GET /api/projects/{id}/issues/{fingerprint}?range=                 one issue: counts per hour, the newest occurrences
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

    private static async Task<Results<Ok<IssueDetail>, ProblemHttpResult>> GetIssueAsync(
        long id, string fingerprint, string? range, ProjectDirectory projects, IssueReader reader, CancellationToken cancellationToken)
    {
        if (await projects.FindProjectAsync(id, cancellationToken) is null)
        {
            return ApiProblems.ProjectNotFound(id);
        }
        if (IssueCommands.ParseRange(range) is not { } span)
        {
            return BadRange();
        }
        return await reader.FindAsync(id, fingerprint, span, IssueReader.SampleCount, cancellationToken) is { } detail
            ? TypedResults.Ok(detail)
            : IssueNotFound(fingerprint);
    }

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
