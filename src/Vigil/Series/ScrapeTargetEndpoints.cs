using Microsoft.AspNetCore.Http.HttpResults;
using Vigil.Auth;
using Vigil.Core.Alerts;
using Vigil.Core.Series;
using Vigil.Core.Storage;
using Vigil.Hosting;
using Vigil.Projects;

namespace Vigil.Series;

/// <summary>
/// GET    /api/projects/{id}/scrape-targets              the project's scrape targets (a bearer token is never shown)
/// POST   /api/projects/{id}/scrape-targets              {"url", "interval", "bearerToken"} adds one: 201
/// DELETE /api/projects/{id}/scrape-targets/{targetId}   removes one: 204
/// </summary>
internal static class ScrapeTargetEndpoints
{
    public static IServiceCollection AddScrapeTargets(this IServiceCollection services)
    {
        services.AddSingleton(provider => (IScrapeTargetStore)provider.GetRequiredService<IMetadataStore>());
        services.AddHttpClient(ScrapeJob.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.AddHostedService<ScrapeJob>();
        return services;
    }

    public static void MapScrapeTargetEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/projects/{id:long}/scrape-targets").RequireAuthorization(VigilAuth.ApiPolicy);
        group.MapGet("", ListAsync);
        group.MapPost("", AddAsync);
        group.MapDelete("/{targetId:long}", DeleteAsync);
    }

    public sealed record TargetAnswer(long Id, string Url, string Interval, bool HasBearerToken, DateTimeOffset CreatedAt)
    {
        public static TargetAnswer Of(ScrapeTarget target) => new(target.Id, target.Url, DurationText.Format(target.Interval), target.BearerToken is not null, target.CreatedAt);
    }

    public sealed record NewTarget(string? Url, string? Interval, string? BearerToken);

    private static async Task<Results<Ok<List<TargetAnswer>>, ProblemHttpResult>> ListAsync(long id, ProjectDirectory projects, IScrapeTargetStore store, CancellationToken cancellationToken)
    {
        if (await projects.FindProjectAsync(id, cancellationToken) is null)
        {
            return ApiProblems.ProjectNotFound(id);
        }
        return TypedResults.Ok((await store.ListScrapeTargetsAsync(id, cancellationToken)).Select(TargetAnswer.Of).ToList());
    }

    private static async Task<Results<Created<TargetAnswer>, ProblemHttpResult>> AddAsync(
        long id, NewTarget? body, ProjectDirectory projects, IScrapeTargetStore store, CancellationToken cancellationToken)
    {
        if (await projects.FindProjectAsync(id, cancellationToken) is null)
        {
            return ApiProblems.ProjectNotFound(id);
        }
        if (!Uri.TryCreate(body?.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            return ApiProblems.BadRequest("url", "url must be an absolute http or https URL, e.g. http://10.0.0.5:9100/metrics.");
        }
        var interval = ScrapeTarget.DefaultInterval;
        if (body!.Interval is not null && (!DurationText.TryParse(body.Interval, out interval) || interval < ScrapeTarget.MinInterval))
        {
            return ApiProblems.BadRequest("interval", $"interval must be a duration of at least {DurationText.Format(ScrapeTarget.MinInterval)}, e.g. 30s or 1m.");
        }
        if (body.BearerToken is { Length: 0 })
        {
            return ApiProblems.BadRequest("bearerToken", "bearerToken is empty; leave it out for a target without authentication.");
        }
        if ((await store.ListScrapeTargetsAsync(id, cancellationToken)).Count >= ScrapeTarget.MaxTargetsPerProject)
        {
            return ApiProblems.BadRequest("url", $"The project has {ScrapeTarget.MaxTargetsPerProject} scrape targets, its limit.");
        }
        var target = await store.AddScrapeTargetAsync(id, url.ToString(), interval, body.BearerToken, cancellationToken);
        return TypedResults.Created($"/api/projects/{id}/scrape-targets/{target.Id}", TargetAnswer.Of(target));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(long id, long targetId, IScrapeTargetStore store, CancellationToken cancellationToken) =>
        await store.DeleteScrapeTargetAsync(id, targetId, cancellationToken)
            ? TypedResults.NoContent()
            : ApiProblems.Problem(StatusCodes.Status404NotFound, "Scrape target not found", "targetId", $"Project {id} has no scrape target {targetId}.");
}
