using System.IO.Compression;
using Microsoft.AspNetCore.Http.HttpResults;
using Vigil.Auth;
using Vigil.Core.Ingest;
using Vigil.Core.Projects;
using Vigil.Hosting;
using Vigil.Projects;

namespace Vigil.Ingest;

internal sealed record IngestResponse(int Accepted, IReadOnlyList<ItemRejection> Rejected);

/// <summary>
/// POST /v1/events     product events
/// POST /v1/requests   request telemetry
/// Authenticated by an ingest key: <c>Authorization: Bearer</c>, or <c>?key=</c> for <c>navigator.sendBeacon</c>, which cannot set headers.
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
            .SetPreflightMaxAge(TimeSpan.FromHours(1))));
        return services;
    }

    public static void MapIngestEndpoints(this IEndpointRouteBuilder app)
    {
        var ingest = app.MapGroup("/v1").RequireCors(CorsPolicy).DisableAntiforgery();
        ingest.MapPost("/events", PostEventsAsync);
        ingest.MapPost("/requests", PostRequestsAsync);
    }

    private static Task<Results<Ok<IngestResponse>, ProblemHttpResult>> PostEventsAsync(HttpContext context, ProjectDirectory projects, IngestWriter writer, TimeProvider time) =>
        IngestAsync(context, projects, time, (body, project, now) => IngestParser.ParseEvents(body, project.Id, now),
            (accepted, project, cancellationToken) => writer.WriteAsync(project, accepted, [], cancellationToken));

    private static Task<Results<Ok<IngestResponse>, ProblemHttpResult>> PostRequestsAsync(HttpContext context, ProjectDirectory projects, IngestWriter writer, TimeProvider time) =>
        IngestAsync(context, projects, time, (body, project, now) => IngestParser.ParseRequests(body, project.Id, now),
            (accepted, project, cancellationToken) => writer.WriteAsync(project, [], accepted, cancellationToken));

    private static async Task<Results<Ok<IngestResponse>, ProblemHttpResult>> IngestAsync<T>(
        HttpContext context,
        ProjectDirectory projects,
        TimeProvider time,
        Func<ReadOnlyMemory<byte>, Project, DateTimeOffset, ParsedBatch<T>> parse,
        Func<IReadOnlyList<T>, Project, CancellationToken, Task> write)
    {
        var cancellationToken = context.RequestAborted;
        var project = await ResolveProjectAsync(context.Request, projects, cancellationToken);
        if (project is null)
        {
            return ApiProblems.Problem(StatusCodes.Status401Unauthorized, "Unknown ingest key", "authorization",
                "Send the project's ingest key as 'Authorization: Bearer <key>' or as the 'key' query parameter.");
        }
        var body = await IngestBody.ReadAsync(context.Request, IngestLimits.MaxRequestBytes, cancellationToken);
        if (body.Problem is { } bodyProblem)
        {
            return ApiProblems.Problem(bodyProblem.Status, bodyProblem.Title, "body", bodyProblem.Detail);
        }
        var parsed = parse(body.Bytes, project, time.GetUtcNow());
        if (parsed.Problem is { } problem)
        {
            return ApiProblems.Problem(StatusCodes.Status400BadRequest, "Invalid batch", problem.Field, problem.Detail);
        }
        if (parsed.Accepted.Count > 0)
        {
            try
            {
                await write(parsed.Accepted, project, cancellationToken);
            }
            catch (IngestUnavailableException)
            {
                context.Response.Headers.RetryAfter = "1";
                return ApiProblems.Problem(StatusCodes.Status503ServiceUnavailable, "Storage unavailable", "body", "Nothing of this request was stored; send it again.");
            }
        }
        return TypedResults.Ok(new IngestResponse(parsed.Accepted.Count, parsed.Rejected));
    }

    private static async Task<Project?> ResolveProjectAsync(HttpRequest request, ProjectDirectory projects, CancellationToken cancellationToken)
    {
        var secret = BearerToken.From(request) ?? request.Query["key"].FirstOrDefault();
        if (string.IsNullOrEmpty(secret))
        {
            return null;
        }
        var key = await projects.FindKeyAsync(secret, cancellationToken);
        return key is { Kind: ApiKeyKind.Ingest, ProjectId: { } projectId } ? await projects.FindProjectAsync(projectId, cancellationToken) : null;
    }
}

/// <summary>Reads a request body up to a limit, gunzipping it when the client says so.</summary>
internal static class IngestBody
{
    public sealed record BodyProblem(int Status, string Title, string Detail);

    public readonly record struct Body(ReadOnlyMemory<byte> Bytes, BodyProblem? Problem);

    public static async Task<Body> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        var tooLarge = new Body(default, new BodyProblem(StatusCodes.Status413PayloadTooLarge, "Request too large", $"A request body may be at most {maxBytes / 1024} KiB."));
        if (request.ContentLength > maxBytes)
        {
            return tooLarge;
        }
        var gzip = request.Headers.ContentEncoding.ToString().Equals("gzip", StringComparison.OrdinalIgnoreCase);
        await using var source = gzip ? new GZipStream(request.Body, CompressionMode.Decompress, leaveOpen: true) : request.Body;
        var buffer = new MemoryStream(request.ContentLength is { } length and > 0 && !gzip ? (int)length : 16 * 1024);
        var chunk = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await source.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    return tooLarge;
                }
                buffer.Write(chunk, 0, read);
            }
        }
        catch (InvalidDataException)
        {
            return new Body(default, new BodyProblem(StatusCodes.Status400BadRequest, "Invalid body", "The body is declared gzip but is not valid gzip data."));
        }
        if (buffer.Length == 0)
        {
            return new Body(default, new BodyProblem(StatusCodes.Status400BadRequest, "Empty body", "The request has no body; send a JSON object."));
        }
        return new Body(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), null);
    }
}
