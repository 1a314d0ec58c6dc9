using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Vigil.Core.Experiments;
using Vigil.Core.Ingest;
using Vigil.Core.Storage;
using Vigil.Hosting;
using Vigil.Ingest;
using Vigil.Projects;

namespace Vigil.Experiments;

/// <summary>
/// GET /v1/experiments                               the running experiments, for the snippet to assign users itself
/// GET /v1/experiments/{key}/variant?distinct_id=    a user's variant, for servers; records the user's exposure
/// Authenticated by an ingest key (<see cref="IngestKeys"/>), like the other /v1 endpoints.
/// </summary>
internal static class ExperimentIngestEndpoints
{
    public const string CorsPolicy = "Experiments";

    /// <summary>Pages load the list on every view; a minute of caching keeps that off Vigil, and a start or stop takes at most that long to reach them.</summary>
    private const string CacheControl = "public, max-age=60";

    public sealed record RunningExperiment(string Key, IReadOnlyList<string> Variants, IReadOnlyList<double> Weights);

    public sealed record RunningExperiments(IReadOnlyList<RunningExperiment> Experiments);

    public sealed record Assignment(string Experiment, string Variant);

    public static void MapExperimentIngestEndpoints(this IEndpointRouteBuilder app)
    {
        var ingest = app.MapGroup("/v1/experiments").RequireCors(CorsPolicy);
        ingest.MapGet("", ListRunningAsync);
        ingest.MapGet("/{key}/variant", AssignAsync);
    }

    public static void AddCorsPolicy(IServiceCollection services) =>
        services.AddCors(cors => cors.AddPolicy(CorsPolicy, policy => policy.AllowAnyOrigin().AllowAnyHeader().WithMethods("GET").SetPreflightMaxAge(TimeSpan.FromHours(1))));

    private static async Task<Results<Ok<RunningExperiments>, ProblemHttpResult>> ListRunningAsync(HttpContext context, ProjectDirectory projects, IExperimentStore store)
    {
        var cancellationToken = context.RequestAborted;
        if (await IngestKeys.ResolveProjectAsync(context.Request, projects, cancellationToken) is not { } project)
        {
            return UnknownKey();
        }
        var running = (await store.ListExperimentsAsync(project.Id, cancellationToken))
            .Where(experiment => experiment.Status == ExperimentStatus.Running)
            .Select(experiment => new RunningExperiment(experiment.Key, experiment.Variants.Select(variant => variant.Name).ToList(), experiment.Weights))
            .ToList();
        context.Response.Headers.CacheControl = CacheControl;
        return TypedResults.Ok(new RunningExperiments(running));
    }

    private static async Task<Results<Ok<Assignment>, ProblemHttpResult>> AssignAsync(
        HttpContext context, string key, [FromQuery(Name = "distinct_id")] string? distinctId, ProjectDirectory projects, IExperimentStore store, IngestWriter writer, TimeProvider time)
    {
        var cancellationToken = context.RequestAborted;
        if (await IngestKeys.ResolveProjectAsync(context.Request, projects, cancellationToken) is not { } project)
        {
            return UnknownKey();
        }
        if (string.IsNullOrWhiteSpace(distinctId) || distinctId.Length > IngestLimits.MaxDistinctIdLength)
        {
            return ApiProblems.BadRequest("distinct_id", $"distinct_id must name the user (1–{IngestLimits.MaxDistinctIdLength} characters).");
        }
        if (await store.FindExperimentAsync(project.Id, key, cancellationToken) is not { Status: ExperimentStatus.Running } experiment)
        {
            return ApiProblems.Problem(StatusCodes.Status404NotFound, "Experiment not running", "key", $"The project has no running experiment '{key}'.");
        }
        var variant = experiment.Variants[VariantAssignment.Assign(experiment.Key, distinctId, experiment.Weights)].Name;
        var properties = JsonSerializer.Serialize(new Dictionary<string, string> { ["experiment"] = experiment.Key, ["variant"] = variant });
        var exposure = new ProductEvent(project.Id, ExperimentRules.ExposureEvent, distinctId, time.GetUtcNow(), properties, IngestParser.BreakdownValues(properties));
        try
        {
            await writer.WriteAsync(project, [exposure], [], cancellationToken);
        }
        catch (IngestUnavailableException)
        {
            context.Response.Headers.RetryAfter = "1";
            return ApiProblems.Problem(StatusCodes.Status503ServiceUnavailable, "Storage unavailable", "distinct_id", "The exposure was not stored; ask again.");
        }
        return TypedResults.Ok(new Assignment(experiment.Key, variant));
    }

    private static ProblemHttpResult UnknownKey() =>
        ApiProblems.Problem(StatusCodes.Status401Unauthorized, "Unknown ingest key", "authorization", IngestKeys.Hint);
}
