using Vigil.Core.Ingest;
using Vigil.Core.Ingest.Otlp;
using Vigil.Core.Ingest.Otlp.Proto.Collector.Trace;
using Vigil.Projects;

namespace Vigil.Ingest.Otlp;

/// <summary>
/// POST /v1/traces   OpenTelemetry OTLP/HTTP traces, protobuf or JSON, optionally gzip: HTTP server spans become
///                   request telemetry (<see cref="ServerSpans"/>); other spans are accepted and not kept.
/// Authenticated by the project's ingest key (<see cref="IngestKeys"/>). Answers follow the OTLP specification: 200
/// with an ExportTraceServiceResponse (partial_success when spans were rejected) only once the requests are committed;
/// 400, 401, 413 and 415 are not retried by exporters, 503 with Retry-After is.
/// </summary>
internal static class OtlpEndpoints
{
    public static void MapOtlpEndpoints(this IEndpointRouteBuilder app)
    {
        // Browser exporters (OpenTelemetry JS) post OTLP/JSON from pages, so /v1/traces is as open to CORS as the rest of /v1.
        var otlp = app.MapGroup("/v1").RequireCors(IngestEndpoints.CorsPolicy).DisableAntiforgery();
        otlp.MapPost("/traces", PostTracesAsync);
    }

    private static async Task<OtlpResult> PostTracesAsync(HttpContext context, ProjectDirectory projects, IngestWriter writer, TimeProvider time)
    {
        var cancellationToken = context.RequestAborted;
        if (OtlpPayload.EncodingOf(context.Request.ContentType) is not { } encoding)
        {
            // Unknown encoding: the answer falls back to protobuf, OTLP's default.
            return OtlpResult.Failure(OtlpEncoding.Protobuf, StatusCodes.Status415UnsupportedMediaType,
                $"Content-Type must be {OtlpPayload.ProtobufContentType} or {OtlpPayload.JsonContentType}, not '{context.Request.ContentType}'.", "Content-Type");
        }
        var project = await IngestKeys.ResolveProjectAsync(context.Request, projects, cancellationToken);
        if (project is null)
        {
            return OtlpResult.Failure(encoding, StatusCodes.Status401Unauthorized, $"Unknown ingest key. {IngestKeys.Hint}");
        }
        using var body = await IngestBody.ReadAsync(context.Request, IngestLimits.MaxOtlpRequestBytes, cancellationToken, emptyIsValid: true);
        if (body.Problem is { } bodyProblem)
        {
            return OtlpResult.Failure(encoding, bodyProblem.Status, bodyProblem.Detail, "body");
        }
        if (!OtlpPayload.TryDecode<ExportTraceServiceRequest>(body.Bytes, encoding, out var export, out var decodeProblem))
        {
            return OtlpResult.Failure(encoding, StatusCodes.Status400BadRequest, decodeProblem, "body");
        }
        var batch = ServerSpans.ToRequests(export, project.Id, time.GetUtcNow());
        if (batch.Requests.Count > 0)
        {
            try
            {
                await writer.WriteAsync(project, [], batch.Requests, cancellationToken);
            }
            catch (IngestUnavailableException)
            {
                context.Response.Headers.RetryAfter = "1";
                return OtlpResult.Failure(encoding, StatusCodes.Status503ServiceUnavailable, "Storage unavailable: nothing of this request was stored; send it again.");
            }
        }
        var response = new ExportTraceServiceResponse();
        if (batch.ErrorMessage is { } errorMessage)
        {
            response.PartialSuccess = new ExportTracePartialSuccess { RejectedSpans = batch.Rejected.Count, ErrorMessage = errorMessage };
        }
        return OtlpResult.Ok(response, encoding);
    }
}
