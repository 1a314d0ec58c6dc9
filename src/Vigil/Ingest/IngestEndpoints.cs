using Microsoft.AspNetCore.Http.HttpResults;
using Vigil.Core.Errors;
using Vigil.Core.Ingest;
using Vigil.Core.Projects;
using Vigil.Core.WebVitals;
using Vigil.Errors;
using Vigil.Hosting;
using Vigil.Projects;

namespace Vigil.Ingest;

internal sealed record IngestResponse(int Accepted, IReadOnlyList<ItemRejection> Rejected);

/// <summary>
/// POST /v1/events     product events
/// POST /v1/requests   request telemetry
/// POST /v1/errors     errors (grouped into issues)
/// POST /v1/vitals     Web Vitals of page loads (the browser snippet)
/// Authenticated by an ingest key (<see cref="IngestKeys"/>).
/// </summary>
internal static class IngestEndpoints
{
    public const string CorsPolicy = "Ingest";

    public static IServiceCollection AddIngest(this IServiceCollection services)
    {
        services.AddSingleton<IngestWriter>();
        services.AddHostedService(provider => provider.GetRequiredService<IngestWriter>());
        services.AddCors(cors => cors.AddPolicy(CorsPolicy, policy => policy
            .AllowAnyOrigin()
            .AllowAnyHeader()
            .WithMethods("POST")
            // A page's script may read when to send again (Sentry's browser SDK backs off by it).
            .WithExposedHeaders("Retry-After")
            .SetPreflightMaxAge(TimeSpan.FromHours(1))));
        return services;
    }

    public static void MapIngestEndpoints(this IEndpointRouteBuilder app)
    {
        var ingest = app.MapGroup("/v1").RequireCors(CorsPolicy).DisableAntiforgery();
        ingest.MapPost("/events", PostEventsAsync);
        ingest.MapPost("/requests", PostRequestsAsync);
        ingest.MapPost("/errors", PostErrorsAsync);
        ingest.MapPost("/vitals", PostWebVitalsAsync);
    }

    private static Task<Results<Ok<IngestResponse>, ProblemHttpResult>> PostEventsAsync(HttpContext context, ProjectDirectory projects, IngestWriter writer, TimeProvider time) =>
        IngestAsync(context, projects, time, (body, project, now) => IngestParser.ParseEvents(body, project.Id, now),
            (accepted, project, cancellationToken) => writer.WriteAsync(project, accepted, [], cancellationToken));

    private static Task<Results<Ok<IngestResponse>, ProblemHttpResult>> PostRequestsAsync(HttpContext context, ProjectDirectory projects, IngestWriter writer, TimeProvider time) =>
        IngestAsync(context, projects, time, (body, project, now) => IngestParser.ParseRequests(body, project.Id, now),
            (accepted, project, cancellationToken) => writer.WriteAsync(project, [], accepted, cancellationToken));

    /// <summary><c>?source=browser</c> marks the snippet's errors; anything else sends <c>api</c>, the default.</summary>
    private static async Task<Results<Ok<IngestResponse>, ProblemHttpResult>> PostErrorsAsync(
        HttpContext context, string? source, ProjectDirectory projects, ErrorIngest errors, TimeProvider time)
    {
        if (source is not (null or "api" or "browser"))
        {
            return ApiProblems.BadRequest("source", "source must be api (the default) or browser.");
        }
        return await IngestAsync(context, projects, time, (body, project, now) => ErrorIngestParser.Parse(body, project.Id, now, source ?? "api"),
            (accepted, project, cancellationToken) => errors.WriteAsync(project, accepted, cancellationToken));
    }

    private static Task<Results<Ok<IngestResponse>, ProblemHttpResult>> PostWebVitalsAsync(HttpContext context, ProjectDirectory projects, IngestWriter writer, TimeProvider time) =>
        IngestAsync(context, projects, time, (body, project, now) => WebVitalIngestParser.Parse(body, project.Id, now),
            (accepted, project, cancellationToken) => writer.WriteWebVitalsAsync(project, accepted, cancellationToken));

    private static async Task<Results<Ok<IngestResponse>, ProblemHttpResult>> IngestAsync<T>(
        HttpContext context,
        ProjectDirectory projects,
        TimeProvider time,
        Func<ReadOnlyMemory<byte>, Project, DateTimeOffset, ParsedBatch<T>> parse,
        Func<IReadOnlyList<T>, Project, CancellationToken, Task> write)
    {
        var cancellationToken = context.RequestAborted;
        var project = await IngestKeys.ResolveProjectAsync(context.Request, projects, cancellationToken);
        if (project is null)
        {
            return ApiProblems.Problem(StatusCodes.Status401Unauthorized, "Unknown ingest key", "authorization", IngestKeys.Hint);
        }
        using var body = await IngestBody.ReadAsync(context.Request, IngestLimits.MaxRequestBytes, cancellationToken);
        if (body.Problem is { } bodyProblem)
        {
            return ApiProblems.Problem(bodyProblem.Status, bodyProblem.Title, "body", bodyProblem.Detail);
        }
        var parsed = parse(body.Bytes, project, time.GetUtcNow());
        if (parsed.Problem is { } problem)
        {
            return ApiProblems.Problem(StatusCodes.Status400BadRequest, "Invalid batch", problem.Field, problem.Detail);
        }
        if (await CommitAsync(context, parsed.Accepted, (accepted, cancellationToken) => write(accepted, project, cancellationToken)) is { } unavailable)
        {
            return unavailable;
        }
        return TypedResults.Ok(new IngestResponse(parsed.Accepted.Count, parsed.Rejected));
    }

    /// <summary>Writes what was accepted and returns once it is committed; a 503 problem, with Retry-After, when it was not.</summary>
    public static async Task<ProblemHttpResult?> CommitAsync<T>(HttpContext context, IReadOnlyList<T> accepted, Func<IReadOnlyList<T>, CancellationToken, Task> write)
    {
        if (accepted.Count == 0)
        {
            return null;
        }
        try
        {
            await write(accepted, context.RequestAborted);
            return null;
        }
        catch (IngestUnavailableException)
        {
            context.Response.Headers.RetryAfter = "1";
            return ApiProblems.Problem(StatusCodes.Status503ServiceUnavailable, "Storage unavailable", "body", "Nothing of this request was stored; send it again.");
        }
    }

}
