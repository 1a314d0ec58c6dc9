using Google.Protobuf;
using Vigil.Core.Errors;
using Vigil.Core.Ingest;
using Vigil.Core.Ingest.Otlp;
using Vigil.Core.Ingest.Otlp.Proto.Collector.Metrics;
using Vigil.Core.Ingest.Otlp.Proto.Collector.Trace;
using Vigil.Core.Projects;
using Vigil.Errors;
using Vigil.Projects;

namespace Vigil.Ingest.Otlp;

/// <summary>
/// POST /v1/traces   OpenTelemetry OTLP/HTTP traces, protobuf or JSON, optionally gzip: HTTP server spans become
///                   request telemetry (<see cref="ServerSpans"/>), <c>exception</c> span events become errors
///                   (<see cref="SpanExceptions"/>); other spans are accepted and not kept.
/// POST /v1/metrics  OTLP/HTTP metrics: gauges, sums, histograms and exponential histograms become named series
///                   (<see cref="OtlpMetrics"/>).
/// (POST /v1/logs takes OTLP logs too, through <see cref="ExportAsync{TRequest}"/>: see Vigil.Logs.LogEndpoints.)
/// Authenticated by the project's ingest key (<see cref="IngestKeys"/>). Answers follow the OTLP specification: 200
/// with an Export…ServiceResponse (partial_success when items were rejected) only once what was kept is committed;
/// 400, 401, 413 and 415 are not retried by exporters, 503 with Retry-After is.
/// </summary>
internal static class OtlpEndpoints
{
    public static void MapOtlpEndpoints(this IEndpointRouteBuilder app)
    {
        // Browser exporters (OpenTelemetry JS) post OTLP/JSON from pages, so /v1/traces is as open to CORS as the rest of /v1.
        var otlp = app.MapGroup("/v1").RequireCors(IngestEndpoints.CorsPolicy).DisableAntiforgery();
        otlp.MapPost("/traces", PostTracesAsync);
        otlp.MapPost("/metrics", PostMetricsAsync);
    }

    private static Task<OtlpResult> PostTracesAsync(HttpContext context, ProjectDirectory projects, IngestWriter writer, ErrorIngest errorIngest, TimeProvider time) =>
        ReceiveAsync<ExportTraceServiceRequest>(context, projects, async (export, project, cancellationToken) =>
        {
            var now = time.GetUtcNow();
            // Errors first: a failure there leaves nothing stored, and the exporter's retry doubles nothing.
            await errorIngest.WriteAsync(project, SpanExceptions.ToErrors(export, project.Id, now), cancellationToken);
            var batch = ServerSpans.ToRequests(export, project.Id, now);
            if (batch.Requests.Count > 0)
            {
                await writer.WriteAsync(project, [], batch.Requests, cancellationToken);
            }
            var response = new ExportTraceServiceResponse();
            if (batch.ErrorMessage is { } errorMessage)
            {
                response.PartialSuccess = new ExportTracePartialSuccess { RejectedSpans = batch.Rejected.Count, ErrorMessage = errorMessage };
            }
            return response;
        });

    private static Task<OtlpResult> PostMetricsAsync(HttpContext context, ProjectDirectory projects, IngestWriter writer, TimeProvider time) =>
        ReceiveAsync<ExportMetricsServiceRequest>(context, projects, async (export, project, cancellationToken) =>
        {
            var batch = OtlpMetrics.ToPoints(export, project.Id, time.GetUtcNow());
            if (batch.Points.Count > 0)
            {
                var refused = await writer.WritePointsAsync(project, batch.Points, cancellationToken);
                // Points refused at commit (the series limit) have no position in the export left; they are named by series.
                batch = batch with
                {
                    Rejected = [.. batch.Rejected, .. refused.Select(rejection => new PointRejection(rejection.Point.Series.Name, "series", rejection.Reason))],
                };
            }
            var response = new ExportMetricsServiceResponse();
            if (batch.ErrorMessage is { } errorMessage)
            {
                response.PartialSuccess = new ExportMetricsPartialSuccess { RejectedDataPoints = batch.Rejected.Count, ErrorMessage = errorMessage };
            }
            return response;
        });

    /// <summary>The Content-Type, the ingest key and the body of an export, then <see cref="ExportAsync{TRequest}"/>.</summary>
    private static async Task<OtlpResult> ReceiveAsync<TRequest>(HttpContext context, ProjectDirectory projects, Func<TRequest, Project, CancellationToken, Task<IMessage>> store)
        where TRequest : IMessage<TRequest>, new()
    {
        if (OtlpPayload.EncodingOf(context.Request.ContentType) is not { } encoding)
        {
            return UnsupportedContentType(context);
        }
        var project = await IngestKeys.ResolveProjectAsync(context.Request, projects, context.RequestAborted);
        if (project is null)
        {
            return Unauthorized(encoding);
        }
        using var body = await IngestBody.ReadAsync(context.Request, IngestLimits.MaxOtlpRequestBytes, context.RequestAborted, emptyIsValid: true);
        return await ExportAsync<TRequest>(context, encoding, body, (export, cancellationToken) => store(export, project, cancellationToken));
    }

    /// <summary>Unknown encoding: the answer falls back to protobuf, OTLP's default.</summary>
    public static OtlpResult UnsupportedContentType(HttpContext context) =>
        OtlpResult.Failure(OtlpEncoding.Protobuf, StatusCodes.Status415UnsupportedMediaType,
            $"Content-Type must be {OtlpPayload.ProtobufContentType} or {OtlpPayload.JsonContentType}, not '{context.Request.ContentType}'.", "Content-Type");

    public static OtlpResult Unauthorized(OtlpEncoding encoding) =>
        OtlpResult.Failure(encoding, StatusCodes.Status401Unauthorized, $"Unknown ingest key. {IngestKeys.Hint}");

    /// <summary>
    /// Decodes an export and hands it to <paramref name="store"/>, which keeps what it can and answers the response;
    /// a body that could not be read (too large, broken gzip) or does not decode is refused as OTLP refuses it, a
    /// store that cannot commit is a 503 with Retry-After.
    /// </summary>
    public static async Task<OtlpResult> ExportAsync<TRequest>(
        HttpContext context, OtlpEncoding encoding, IngestBody body, Func<TRequest, CancellationToken, Task<IMessage>> store)
        where TRequest : IMessage<TRequest>, new()
    {
        if (body.Problem is { } bodyProblem)
        {
            return OtlpResult.Failure(encoding, bodyProblem.Status, bodyProblem.Detail, "body");
        }
        if (!OtlpPayload.TryDecode<TRequest>(body.Bytes, encoding, out var export, out var decodeProblem))
        {
            return OtlpResult.Failure(encoding, StatusCodes.Status400BadRequest, decodeProblem, "body");
        }
        try
        {
            return OtlpResult.Ok(await store(export, context.RequestAborted), encoding);
        }
        catch (IngestUnavailableException)
        {
            context.Response.Headers.RetryAfter = "1";
            return OtlpResult.Failure(encoding, StatusCodes.Status503ServiceUnavailable, "Storage unavailable: nothing of this request was stored; send it again.");
        }
    }
}
