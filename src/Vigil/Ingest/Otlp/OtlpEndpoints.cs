using Google.Protobuf;
using Vigil.Core.Ingest;
using Vigil.Core.Ingest.Otlp;
using Vigil.Core.Ingest.Otlp.Proto.Collector.Metrics;
using Vigil.Core.Ingest.Otlp.Proto.Collector.Trace;
using Vigil.Core.Projects;
using Vigil.Projects;

namespace Vigil.Ingest.Otlp;

/// <summary>
/// POST /v1/traces    OpenTelemetry OTLP/HTTP traces, protobuf or JSON, optionally gzip: HTTP server spans become
///                    request telemetry (<see cref="ServerSpans"/>); other spans are accepted and not kept.
/// POST /v1/metrics   OTLP/HTTP metrics: gauges, sums, histograms and exponential histograms become named series
///                    (<see cref="OtlpMetrics"/>).
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

    private static async Task<OtlpResult> PostTracesAsync(HttpContext context, ProjectDirectory projects, IngestWriter writer, TimeProvider time)
    {
        var (export, project, encoding, failure) = await ReadExportAsync<ExportTraceServiceRequest>(context, projects);
        if (failure is not null)
        {
            return failure;
        }
        var batch = ServerSpans.ToRequests(export!, project!.Id, time.GetUtcNow());
        if (batch.Requests.Count > 0 && await CommitAsync(context, encoding, () => writer.WriteAsync(project, [], batch.Requests, context.RequestAborted)) is { } unavailable)
        {
            return unavailable;
        }
        var response = new ExportTraceServiceResponse();
        if (batch.ErrorMessage is { } errorMessage)
        {
            response.PartialSuccess = new ExportTracePartialSuccess { RejectedSpans = batch.Rejected.Count, ErrorMessage = errorMessage };
        }
        return OtlpResult.Ok(response, encoding);
    }

    private static async Task<OtlpResult> PostMetricsAsync(HttpContext context, ProjectDirectory projects, IngestWriter writer, TimeProvider time)
    {
        var (export, project, encoding, failure) = await ReadExportAsync<ExportMetricsServiceRequest>(context, projects);
        if (failure is not null)
        {
            return failure;
        }
        var batch = OtlpMetrics.ToPoints(export!, project!.Id, time.GetUtcNow());
        if (batch.Points.Count > 0)
        {
            IReadOnlyList<Series.SeriesRejection> refused = [];
            if (await CommitAsync(context, encoding, async () => refused = await writer.WritePointsAsync(project, batch.Points, context.RequestAborted)) is { } unavailable)
            {
                return unavailable;
            }
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
        return OtlpResult.Ok(response, encoding);
    }

    /// <summary>The export and its project, or the answer that refuses the request (bad Content-Type, key or body).</summary>
    private static async Task<(T? Export, Project? Project, OtlpEncoding Encoding, OtlpResult? Failure)> ReadExportAsync<T>(HttpContext context, ProjectDirectory projects)
        where T : IMessage<T>, new()
    {
        var cancellationToken = context.RequestAborted;
        if (OtlpPayload.EncodingOf(context.Request.ContentType) is not { } encoding)
        {
            // Unknown encoding: the answer falls back to protobuf, OTLP's default.
            return (default, null, OtlpEncoding.Protobuf, OtlpResult.Failure(OtlpEncoding.Protobuf, StatusCodes.Status415UnsupportedMediaType,
                $"Content-Type must be {OtlpPayload.ProtobufContentType} or {OtlpPayload.JsonContentType}, not '{context.Request.ContentType}'.", "Content-Type"));
        }
        var project = await IngestKeys.ResolveProjectAsync(context.Request, projects, cancellationToken);
        if (project is null)
        {
            return (default, null, encoding, OtlpResult.Failure(encoding, StatusCodes.Status401Unauthorized, $"Unknown ingest key. {IngestKeys.Hint}"));
        }
        using var body = await IngestBody.ReadAsync(context.Request, IngestLimits.MaxOtlpRequestBytes, cancellationToken, emptyIsValid: true);
        if (body.Problem is { } bodyProblem)
        {
            return (default, project, encoding, OtlpResult.Failure(encoding, bodyProblem.Status, bodyProblem.Detail, "body"));
        }
        if (!OtlpPayload.TryDecode<T>(body.Bytes, encoding, out var export, out var decodeProblem))
        {
            return (default, project, encoding, OtlpResult.Failure(encoding, StatusCodes.Status400BadRequest, decodeProblem, "body"));
        }
        return (export, project, encoding, null);
    }

    /// <summary>Runs the durable write; null when it committed, else the 503 that tells the exporter to send again.</summary>
    private static async Task<OtlpResult?> CommitAsync(HttpContext context, OtlpEncoding encoding, Func<Task> write)
    {
        try
        {
            await write();
            return null;
        }
        catch (IngestUnavailableException)
        {
            context.Response.Headers.RetryAfter = "1";
            return OtlpResult.Failure(encoding, StatusCodes.Status503ServiceUnavailable, "Storage unavailable: nothing of this request was stored; send it again.");
        }
    }
}
