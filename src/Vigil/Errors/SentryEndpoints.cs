using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Vigil.Core.Errors.Sentry;
using Vigil.Core.Projects;
using Vigil.Hosting;
using Vigil.Ingest;
using Vigil.Projects;

namespace Vigil.Errors;

/// <summary>What Sentry answers an accepted request: the event's id (none for an envelope without one).</summary>
internal sealed record SentryResponse([property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Id);

/// <summary>
/// Sentry's ingest API, so Sentry SDKs report errors to Vigil with a DSN <c>http://{ingest key}@{vigil}/{project id}</c>:
/// POST /api/{projectId}/envelope/   an envelope: its event items become errors, its http.server transactions requests;
///                                   other items are acknowledged, not kept
/// POST /api/{projectId}/store/      one JSON event (older SDKs)
/// Both with or without the trailing slash, authenticated by the DSN's key (<see cref="SentryAuth"/>), which must be an
/// ingest key of that project. 200 only once the errors are committed; 503 with Retry-After when they were not.
/// </summary>
internal static class SentryEndpoints
{
    public const string SentryAuthHeader = "X-Sentry-Auth";

    private const string KeyHint =
        "Configure the Sentry SDK with the DSN http(s)://<ingest key>@<vigil host>/<project id>; it sends the key as the " +
        "'sentry_key' query parameter, in the X-Sentry-Auth header, or in the envelope's 'dsn'.";

    public static void MapSentryEndpoints(this IEndpointRouteBuilder app)
    {
        // Browser SDKs post from the app's pages, so these are as open to CORS as /v1. The admin API lives under
        // /api/projects/…, which a numeric {projectId} never matches.
        var sentry = app.MapGroup("/api/{projectId:long}").RequireCors(IngestEndpoints.CorsPolicy).DisableAntiforgery();
        // Routing matches the paths with the trailing slash SDKs send, and without it.
        sentry.MapPost("/envelope", PostEnvelopeAsync);
        sentry.MapPost("/store", PostStoreAsync);
    }

    private static async Task<Results<Ok<SentryResponse>, ProblemHttpResult>> PostEnvelopeAsync(
        long projectId, HttpContext context, ProjectDirectory projects, ErrorIngest errors, IngestWriter writer, TimeProvider time)
    {
        var cancellationToken = context.RequestAborted;
        // A key in the request is checked before the body is read; one in the envelope's dsn only after.
        var requestKey = KeyOf(context.Request);
        Project? project = null;
        if (requestKey is not null)
        {
            (project, var keyProblem) = await ProjectOfAsync(requestKey, projectId, projects, cancellationToken);
            if (keyProblem is not null)
            {
                return keyProblem;
            }
        }
        using var body = await IngestBody.ReadAsync(context.Request, SentryEvents.MaxEnvelopeBytes, cancellationToken);
        if (body.Problem is { } bodyProblem)
        {
            return ApiProblems.Problem(bodyProblem.Status, bodyProblem.Title, "body", bodyProblem.Detail);
        }
        var envelope = SentryEnvelope.Parse(body.Bytes, out var envelopeProblem);
        if (envelope is null)
        {
            return Refused(envelopeProblem!);
        }
        if (project is null)
        {
            (project, var dsnProblem) = await ProjectOfAsync(SentryAuth.KeyFromDsn(envelope.Dsn), projectId, projects, cancellationToken);
            if (dsnProblem is not null)
            {
                return dsnProblem;
            }
        }
        return await IngestAsync(context, SentryEvents.FromEnvelope(envelope, project!.Id, time.GetUtcNow()), project, errors, writer);
    }

    private static async Task<Results<Ok<SentryResponse>, ProblemHttpResult>> PostStoreAsync(
        long projectId, HttpContext context, ProjectDirectory projects, ErrorIngest errors, IngestWriter writer, TimeProvider time)
    {
        var cancellationToken = context.RequestAborted;
        var (project, problem) = await ProjectOfAsync(KeyOf(context.Request), projectId, projects, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        using var body = await IngestBody.ReadAsync(context.Request, SentryEvents.MaxEventBytes, cancellationToken);
        if (body.Problem is { } bodyProblem)
        {
            return ApiProblems.Problem(bodyProblem.Status, bodyProblem.Title, "body", bodyProblem.Detail);
        }
        return await IngestAsync(context, SentryEvents.FromStore(body.Bytes, project!.Id, time.GetUtcNow()), project, errors, writer);
    }

    private static async Task<Results<Ok<SentryResponse>, ProblemHttpResult>> IngestAsync(
        HttpContext context, SentryBatch batch, Project project, ErrorIngest errors, IngestWriter writer)
    {
        if (batch.Problem is { } problem)
        {
            return Refused(problem);
        }
        // Errors first, as for OTLP traces: SDKs never send an envelope again, so what a 503 leaves out is lost either way.
        var unavailable = await IngestEndpoints.CommitAsync(context, batch.Errors, (accepted, cancellationToken) => errors.WriteAsync(project, accepted, cancellationToken))
            ?? await IngestEndpoints.CommitAsync(context, batch.Requests, (accepted, cancellationToken) => writer.WriteAsync(project, [], accepted, cancellationToken));
        if (unavailable is not null)
        {
            return unavailable;
        }
        // Sentry answers with the event's id, which SDKs log; a client that sent none gets the one Sentry would make up.
        var eventId = batch.EventId ?? (batch.Errors.Count + batch.Requests.Count > 0 ? Guid.NewGuid().ToString("N") : null);
        return TypedResults.Ok(new SentryResponse(eventId));
    }

    private static string? KeyOf(HttpRequest request) =>
        SentryAuth.KeyFromHeader(request.Headers[SentryAuthHeader].FirstOrDefault())
        ?? SentryAuth.KeyFromHeader(request.Headers.Authorization.FirstOrDefault())
        ?? (request.Query["sentry_key"].FirstOrDefault() is { Length: > 0 } queryKey ? queryKey : null);

    private static async Task<(Project? Project, ProblemHttpResult? Problem)> ProjectOfAsync(
        string? key, long projectId, ProjectDirectory projects, CancellationToken cancellationToken)
    {
        var project = key is null ? null : await projects.FindIngestProjectAsync(key, cancellationToken);
        if (project is null)
        {
            return (null, ApiProblems.Problem(StatusCodes.Status401Unauthorized, key is null ? "Missing DSN key" : "Unknown DSN key", "sentry_key", KeyHint));
        }
        if (project.Id != projectId)
        {
            return (null, ApiProblems.Problem(StatusCodes.Status403Forbidden, "Key of another project", "projectId",
                $"This DSN's key is an ingest key of project {project.Id}, not of project {projectId}: the DSN must end in /{project.Id}."));
        }
        return (project, null);
    }

    private static ProblemHttpResult Refused(SentryRejection problem) => problem.TooLarge
        ? ApiProblems.Problem(StatusCodes.Status413PayloadTooLarge, "Event too large", problem.Field, problem.Detail)
        : ApiProblems.Problem(StatusCodes.Status400BadRequest, "Invalid Sentry payload", problem.Field, problem.Detail);
}
