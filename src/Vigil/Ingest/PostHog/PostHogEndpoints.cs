using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Vigil.Core.Ingest;
using Vigil.Core.Ingest.PostHog;
using Vigil.Hosting;
using Vigil.Projects;

namespace Vigil.Ingest.PostHog;

/// <summary>What PostHog answers a capture (<c>status: 1</c>, which its SDKs expect), with what Vigil made of the events.</summary>
internal sealed record PostHogCaptureResponse(int Status, int Accepted, IReadOnlyList<ItemRejection> Rejected);

/// <summary>An honest feature-flags answer: Vigil has none. Shaped as both /flags (v2, <c>flags</c>) and /decide (v1, <c>featureFlags</c>) answers.</summary>
internal sealed record NoFeatureFlagsResponse(
    IReadOnlyDictionary<string, object> Flags,
    IReadOnlyDictionary<string, object> FeatureFlags,
    IReadOnlyDictionary<string, object> FeatureFlagPayloads,
    bool ErrorsWhileComputingFlags,
    bool SessionRecording,
    IReadOnlyList<string> SupportedCompression);

/// <summary>
/// PostHog's capture API, so posthog-js and posthog-node send product events to Vigil by changing only their host.
/// GET|POST /capture/, /batch/, /e/, /i/v0/e/   product events; the ingest key is the body's api_key (or the events' token)
/// GET|POST /decide/, /flags/                   feature flags: none, so an SDK that asks carries on
/// </summary>
internal static class PostHogEndpoints
{
    private static readonly string[] Methods = ["GET", "POST"];
    private static readonly string[] CapturePaths = ["/capture", "/batch", "/e", "/i/v0/e"];

    private static readonly NoFeatureFlagsResponse NoFeatureFlags = new(
        new Dictionary<string, object>(), new Dictionary<string, object>(), new Dictionary<string, object>(),
        ErrorsWhileComputingFlags: false, SessionRecording: false, SupportedCompression: ["gzip", "gzip-js", "lz64"]);

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
        posthog.MapMethods("/decide", Methods, () => TypedResults.Ok(NoFeatureFlags));
        posthog.MapMethods("/flags", Methods, () => TypedResults.Ok(NoFeatureFlags));
    }

    private static async Task<Results<Ok<PostHogCaptureResponse>, ProblemHttpResult>> CaptureAsync(HttpContext context, ProjectDirectory projects, IngestWriter writer, TimeProvider time)
    {
        var request = context.Request;
        var compression = request.Query["compression"].FirstOrDefault();
        // A GET carries its payload in the query, and so may a POST.
        var queryData = request.Query["data"].FirstOrDefault();
        using var body = string.IsNullOrEmpty(queryData)
            ? await IngestBody.ReadAsync(request, IngestLimits.MaxRequestBytes, context.RequestAborted, gzip: compression is "gzip" or "gzip-js")
            : null;
        if (body?.Problem is { } bodyProblem)
        {
            return ApiProblems.Problem(bodyProblem.Status, bodyProblem.Title, HttpMethods.IsGet(request.Method) ? "data" : "body",
                HttpMethods.IsGet(request.Method) ? "A GET capture request carries its events in the 'data' query parameter." : bodyProblem.Detail);
        }
        var payload = body?.Bytes ?? Encoding.UTF8.GetBytes(queryData!);
        var isForm = body is not null && request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true;
        using var document = PostHogPayload.Read(payload, isForm, compression, out var unreadable, out var tooLarge);
        if (document is null)
        {
            return tooLarge
                ? ApiProblems.Problem(StatusCodes.Status413PayloadTooLarge, "Request too large", unreadable!.Field, unreadable.Detail)
                : ApiProblems.BadRequest(unreadable!.Field, unreadable.Detail);
        }
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
