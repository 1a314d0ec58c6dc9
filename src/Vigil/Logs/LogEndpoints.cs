using System.Text.Json;
using Google.Protobuf;
using Microsoft.AspNetCore.Http.HttpResults;
using Vigil.Auth;
using Vigil.Core.Ingest;
using Vigil.Core.Ingest.Otlp;
using Vigil.Core.Ingest.Otlp.Proto.Collector.Logs;
using Vigil.Core.Logs;
using Vigil.Core.Projects;
using Vigil.Core.Storage;
using Vigil.Hosting;
using Vigil.Ingest;
using Vigil.Ingest.Otlp;
using Vigil.Projects;

namespace Vigil.Logs;

/// <summary>A log line as the search API answers it.</summary>
internal sealed record LogLineView(
    string Id,
    DateTimeOffset Timestamp,
    DateTimeOffset ObservedTimestamp,
    string Level,
    int SeverityNumber,
    string SeverityText,
    string Body,
    string Service,
    string? TraceId,
    string? SpanId,
    IReadOnlyDictionary<string, string> Attributes)
{
    public static LogLineView Of(StoredLog log) => new(
        log.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), log.Record.Timestamp, log.Record.ObservedTimestamp, LogSeverities.Name(log.Record.Level),
        log.Record.SeverityNumber, log.Record.SeverityText, log.Record.Body, log.Record.ServiceName, log.Record.TraceId, log.Record.SpanId,
        log.Record.Attributes.ToDictionary(pair => pair.Key, pair => pair.Value));
}

internal sealed record LogSearchResponse(IReadOnlyList<LogLineView> Logs, string? Next);

/// <summary>
/// POST /v1/logs                    log lines: OTLP/HTTP (protobuf, or JSON with "resourceLogs") or Vigil's JSON {"logs": […]}
/// GET  /api/projects/{id}/logs     search: q, level, from, to, trace_id, attr (repeatable key:value), limit, before
/// Ingest takes the project's ingest key (<see cref="IngestKeys"/>); the search the admin token or the login cookie.
/// </summary>
internal static class LogEndpoints
{
    public static IServiceCollection AddLogs(this IServiceCollection services)
    {
        services.AddSingleton<LogSearch>();
        services.AddSingleton<LogRetentionJob>();
        services.AddHostedService(provider => provider.GetRequiredService<LogRetentionJob>());
        return services;
    }

    public static void MapLogEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/v1").RequireCors(IngestEndpoints.CorsPolicy).DisableAntiforgery().MapPost("/logs", PostLogsAsync);
        app.MapGroup("/api/projects/{id:long}").RequireAuthorization(VigilAuth.ApiPolicy).MapGet("/logs", SearchAsync);
    }

    /// <summary>
    /// The encoding picks the path: protobuf is OTLP; a JSON object with <c>resourceLogs</c> is OTLP/JSON; other JSON (or
    /// text/plain, as for the rest of /v1) is Vigil's own format. OTLP answers as OTLP, Vigil's JSON as /v1/events does.
    /// </summary>
    private static async Task<IResult> PostLogsAsync(HttpContext context, ProjectDirectory projects, IngestWriter writer, TimeProvider time)
    {
        var cancellationToken = context.RequestAborted;
        var protobuf = OtlpPayload.EncodingOf(context.Request.ContentType) == OtlpEncoding.Protobuf;
        var project = await IngestKeys.ResolveProjectAsync(context.Request, projects, cancellationToken);
        if (project is null)
        {
            return protobuf
                ? OtlpEndpoints.Unauthorized(OtlpEncoding.Protobuf)
                : ApiProblems.Problem(StatusCodes.Status401Unauthorized, "Unknown ingest key", "authorization", IngestKeys.Hint);
        }
        using var body = await IngestBody.ReadAsync(context.Request, IngestLimits.MaxOtlpRequestBytes, cancellationToken, emptyIsValid: protobuf);
        if (protobuf || (body.Problem is null && IsOtlpJson(body.Bytes.Span)))
        {
            return await OtlpEndpoints.ExportAsync<ExportLogsServiceRequest>(context, protobuf ? OtlpEncoding.Protobuf : OtlpEncoding.Json, body,
                (export, token) => ExportOtlpAsync(export, project, writer, time, token));
        }
        if (body.Problem is { } problem)
        {
            return ApiProblems.Problem(problem.Status, problem.Title, "body", problem.Detail);
        }
        if (body.Bytes.Length > IngestLimits.MaxRequestBytes)
        {
            return ApiProblems.Problem(StatusCodes.Status413PayloadTooLarge, "Request too large", "body",
                $"A {{\"logs\": […]}} body may be at most {IngestLimits.MaxRequestBytes / 1024} KiB; OTLP bodies up to {IngestLimits.MaxOtlpRequestBytes / 1024 / 1024} MiB.");
        }
        var parsed = LogJsonParser.Parse(body.Bytes, project.Id, time.GetUtcNow());
        if (parsed.Problem is { } batchProblem)
        {
            return ApiProblems.Problem(StatusCodes.Status400BadRequest, "Invalid batch", batchProblem.Field, batchProblem.Detail);
        }
        if (await IngestEndpoints.CommitAsync(context, parsed.Accepted, (accepted, token) => writer.WriteLogsAsync(project, accepted, token)) is { } unavailable)
        {
            return unavailable;
        }
        return TypedResults.Ok(new IngestResponse(parsed.Accepted.Count, parsed.Rejected));
    }

    private static async Task<IMessage> ExportOtlpAsync(ExportLogsServiceRequest export, Project project, IngestWriter writer, TimeProvider time, CancellationToken cancellationToken)
    {
        var batch = OtlpLogRecords.ToRecords(export, project.Id, time.GetUtcNow());
        if (batch.Records.Count > 0)
        {
            await writer.WriteLogsAsync(project, batch.Records, cancellationToken);
        }
        var response = new ExportLogsServiceResponse();
        if (batch.ErrorMessage is { } errorMessage)
        {
            response.PartialSuccess = new ExportLogsPartialSuccess { RejectedLogRecords = batch.Rejected.Count, ErrorMessage = errorMessage };
        }
        return response;
    }

    /// <summary>Whether a JSON body is an object with a top-level <c>resourceLogs</c>: the OTLP/JSON export, not Vigil's format.</summary>
    internal static bool IsOtlpJson(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 128 });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("resourceLogs") || reader.ValueTextEquals("resource_logs"))
                {
                    return true;
                }
                reader.Read();
                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // Not JSON: Vigil's parser answers why.
        }
        return false;
    }

    private static async Task<Results<Ok<LogSearchResponse>, ProblemHttpResult>> SearchAsync(
        long id, HttpRequest request, ProjectDirectory projects, LogSearch search, CancellationToken cancellationToken)
    {
        var project = await projects.FindProjectAsync(id, cancellationToken);
        if (project is null)
        {
            return ApiProblems.ProjectNotFound(id);
        }
        var query = request.Query;
        var parameters = new LogSearchParameters(
            query["q"], query["level"], query["from"], query["to"], query["trace_id"], query["attr"].Where(value => value is not null).ToList()!, query["limit"], query["before"]);
        var (page, problem) = await search.SearchAsync(project, parameters, cancellationToken);
        if (problem is not null)
        {
            return ApiProblems.BadRequest(problem.Field, problem.Detail);
        }
        return TypedResults.Ok(new LogSearchResponse(page!.Logs.Select(LogLineView.Of).ToList(), page.Next?.ToString()));
    }
}

/// <summary>A project's log search for the API and the Logs page: parsed, kept within the retention, run on the store.</summary>
internal sealed class LogSearch(ITelemetryStore store, TimeProvider time)
{
    public async Task<(LogPage? Page, LogQueryProblem? Problem)> SearchAsync(Project project, LogSearchParameters parameters, CancellationToken cancellationToken)
    {
        var (query, problem) = LogQueryParser.Parse(project.Id, parameters);
        if (query is null)
        {
            return (null, problem);
        }
        return (await store.SearchLogsAsync(query.WithinRetention(time.GetUtcNow(), project.LogRetentionDays), cancellationToken), null);
    }
}
