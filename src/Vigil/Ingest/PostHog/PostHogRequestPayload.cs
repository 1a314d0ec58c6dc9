using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Vigil.Core.Ingest;
using Vigil.Core.Ingest.PostHog;
using Vigil.Hosting;

namespace Vigil.Ingest.PostHog;

/// <summary>
/// A PostHog SDK request's JSON, from the body (any of its encodings) or a <c>data</c> query parameter, or the problem
/// with it. Owns the body's buffer, which the document reads from, so both go when this is disposed.
/// </summary>
internal sealed class PostHogRequestPayload : IDisposable
{
    private readonly IngestBody? _body;

    private PostHogRequestPayload(IngestBody? body, JsonDocument? document, ProblemHttpResult? problem) =>
        (_body, Document, Problem) = (body, document, problem);

    public JsonDocument? Document { get; }

    public ProblemHttpResult? Problem { get; }

    public static async Task<PostHogRequestPayload> ReadAsync(HttpContext context)
    {
        var request = context.Request;
        var compression = request.Query["compression"].FirstOrDefault();
        // A GET carries its payload in the query, and so may a POST.
        var queryData = request.Query["data"].FirstOrDefault();
        var body = string.IsNullOrEmpty(queryData)
            ? await IngestBody.ReadAsync(request, IngestLimits.MaxRequestBytes, context.RequestAborted, gzip: compression is "gzip" or "gzip-js")
            : null;
        if (body?.Problem is { } bodyProblem)
        {
            return new PostHogRequestPayload(body, null, ApiProblems.Problem(bodyProblem.Status, bodyProblem.Title, HttpMethods.IsGet(request.Method) ? "data" : "body",
                HttpMethods.IsGet(request.Method) ? "A GET capture request carries its events in the 'data' query parameter." : bodyProblem.Detail));
        }
        var payload = body?.Bytes ?? Encoding.UTF8.GetBytes(queryData!);
        var isForm = body is not null && request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true;
        var document = PostHogPayload.Read(payload, isForm, compression, out var unreadable, out var tooLarge);
        if (document is null)
        {
            return new PostHogRequestPayload(body, null, tooLarge
                ? ApiProblems.Problem(StatusCodes.Status413PayloadTooLarge, "Request too large", unreadable!.Field, unreadable.Detail)
                : ApiProblems.BadRequest(unreadable!.Field, unreadable.Detail));
        }
        return new PostHogRequestPayload(body, document, null);
    }

    public void Dispose()
    {
        Document?.Dispose();
        _body?.Dispose();
    }
}
