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
    private const int SampleCount = 10;

    private static readonly Dictionary<string, TimeSpan> Ranges = new()
    {
        ["24h"] = TimeSpan.FromHours(24),
        ["7d"] = TimeSpan.FromDays(7),
        ["30d"] = TimeSpan.FromDays(30),
        ["90d"] = TimeSpan.FromDays(90),
    };

    public static IServiceCollection AddErrors(this IServiceCollection services)
    {
        services.AddSingleton(provider => (IErrorIssueStore)provider.GetRequiredService<IMetadataStore>());
        services.AddSingleton<ErrorIngest>();
        services.AddSingleton<IssueReader>();
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
            if (ParseStatus(status) is not { } parsed)
            {
                return ApiProblems.BadRequest("status", "status must be open, resolved or ignored.");
            }
            wanted = parsed;
        }
        if (ParseRange(range) is not { } span)
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
        if (ParseRange(range) is not { } span)
        {
            return BadRange();
        }
        return await reader.FindAsync(id, fingerprint, span, SampleCount, cancellationToken) is { } detail
            ? TypedResults.Ok(detail)
            : IssueNotFound(fingerprint);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> PutStatusAsync(
        long id, string fingerprint, StatusRequest? request, IErrorIssueStore issues, TimeProvider time, CancellationToken cancellationToken)
    {
        if (ParseStatus(request?.Status) is not { } status)
        {
            return ApiProblems.BadRequest("status", "status must be open, resolved or ignored.");
        }
        return await issues.SetIssueStatusAsync(id, fingerprint, status, time.GetUtcNow(), cancellationToken)
            ? TypedResults.NoContent()
            : IssueNotFound(fingerprint);
    }

    private static IssueStatus? ParseStatus(string? status) =>
        Enum.TryParse<IssueStatus>(status, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(status, out _) ? parsed : null;

    private static TimeSpan? ParseRange(string? range) => Ranges.TryGetValue(range ?? "24h", out var span) ? span : null;

    private static ProblemHttpResult BadRange() => ApiProblems.BadRequest("range", $"range must be one of {string.Join(", ", Ranges.Keys)}.");

    private static ProblemHttpResult IssueNotFound(string fingerprint) =>
        ApiProblems.Problem(StatusCodes.Status404NotFound, "Issue not found", "fingerprint", $"The project has no issue {fingerprint}.");
}
