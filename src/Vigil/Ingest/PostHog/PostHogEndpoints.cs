using Microsoft.AspNetCore.Http.HttpResults;
using Vigil.Core.Ingest;
using Vigil.Core.Ingest.PostHog;
using Vigil.Experiments;
using Vigil.Hosting;
using Vigil.Projects;

namespace Vigil.Ingest.PostHog;

/// <summary>What PostHog answers a capture (<c>status: 1</c>, which its SDKs expect), with what Vigil made of the events.</summary>
internal sealed record PostHogCaptureResponse(int Status, int Accepted, IReadOnlyList<ItemRejection> Rejected);

/// <summary>
/// A feature-flags answer: the project's running experiments as multivariate flags (<see cref="ExperimentFlags"/>),
/// none otherwise. Shaped as both /flags (v2, <c>flags</c>) and /decide (v1, <c>featureFlags</c>) answers.
/// </summary>
internal sealed record FeatureFlagsResponse(
    IReadOnlyDictionary<string, object> Flags,
    IReadOnlyDictionary<string, object> FeatureFlags,
    IReadOnlyDictionary<string, object> FeatureFlagPayloads,
    bool ErrorsWhileComputingFlags,
    bool SessionRecording,
    IReadOnlyList<string> SupportedCompression);

/// <summary>
/// PostHog's capture API, so posthog-js and posthog-node send product events to Vigil by changing only their host.
/// GET|POST /capture/, /batch/, /e/, /i/v0/e/   product events; the ingest key is the body's api_key (or the events' token)
/// GET|POST /decide/, /flags/                   feature flags: the running experiments, each user's variant as its value
/// </summary>
internal static class PostHogEndpoints
{
    private static readonly string[] Methods = ["GET", "POST"];
    private static readonly string[] CapturePaths = ["/capture", "/batch", "/e", "/i/v0/e"];

    public static void MapPostHogEndpoints(this IEndpointRouteBuilder app)
    {
        var posthog = app.MapGroup("")
            .RequireCors(policy => policy
                // posthog-js may send with credentials (XMLHttpRequest.withCredentials), which a "*" origin fails; the
                // origin is echoed instead. Nothing here reads cookies: the key in the body is the only credential.
                .SetIsOriginAllowed(_ => true)
                .AllowCredentials()
                .AllowAnyHeader()
                .WithMethods(Methods)
                .SetPreflightMaxAge(TimeSpan.FromHours(1)))
            .DisableAntiforgery();
        foreach (var path in CapturePaths)
        {
            posthog.MapMethods(path, Methods, CaptureAsync);
        }
        posthog.MapMethods("/decide", Methods, ExperimentFlags.AnswerAsync);
        posthog.MapMethods("/flags", Methods, ExperimentFlags.AnswerAsync);
    }

    private static async Task<Results<Ok<PostHogCaptureResponse>, ProblemHttpResult>> CaptureAsync(HttpContext context, ProjectDirectory projects, IngestWriter writer, TimeProvider time)
    {
        var request = context.Request;
        using var payload = await PostHogRequestPayload.ReadAsync(context);
        if (payload.Problem is { } unreadable)
        {
            return unreadable;
        }
        var document = payload.Document!;
        var key = PostHogCapture.FindKey(document.RootElement);
        if (key.Problem is { } keyProblem)
        {
            return ApiProblems.BadRequest(keyProblem.Field, keyProblem.Detail);
        }
        var project = key.Key is null ? null : await projects.FindIngestProjectAsync(key.Key, context.RequestAborted);
        if (project is null)
        {
            return ApiProblems.Problem(StatusCodes.Status401Unauthorized, "Unknown ingest key", "api_key",
                "Send the project's ingest key as the body's 'api_key' (or each event's 'token'): initialize the PostHog SDK with it.");
        }
        var parsed = PostHogCapture.ParseEvents(document.RootElement, project.Id, PostHogCapture.SentAtFromQuery(request.Query["_"].FirstOrDefault()), time.GetUtcNow());
        if (parsed.Problem is { } problem)
        {
            return ApiProblems.Problem(StatusCodes.Status400BadRequest, "Invalid batch", problem.Field, problem.Detail);
        }
        if (await IngestEndpoints.CommitAsync(context, parsed.Accepted, (accepted, cancellationToken) => writer.WriteAsync(project, accepted, [], cancellationToken)) is { } unavailable)
        {
            return unavailable;
        }
        return TypedResults.Ok(new PostHogCaptureResponse(1, parsed.Accepted.Count, parsed.Rejected));
    }
}
