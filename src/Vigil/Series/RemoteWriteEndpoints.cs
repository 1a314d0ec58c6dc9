using System.Collections.Concurrent;
using IronSnappy;
using Microsoft.AspNetCore.Http.HttpResults;
using Vigil.Core.Ingest;
using Vigil.Core.Ingest.Prometheus;
using Vigil.Core.Ingest.Prometheus.Proto;
using Vigil.Hosting;
using Vigil.Ingest;
using Vigil.Projects;

namespace Vigil.Series;

/// <summary>
/// POST /api/v1/write   Prometheus remote-write 1.0: a snappy-compressed protobuf WriteRequest; samples become
///                      series points (<see cref="PrometheusSeries"/>). Authenticated by the ingest key (bearer,
///                      basic-auth password, or x-vigil-key). 204 once committed; 400 (not retried by Prometheus)
///                      for a body that does not decode or samples refused, 503 with Retry-After when storage fails.
/// </summary>
internal static class RemoteWriteEndpoints
{
    /// <summary>What a body may grow to once decompressed; Prometheus sends at most a few MiB (max_samples_per_send 500 by default).</summary>
    private const int MaxDecompressedBytes = 32 * 1024 * 1024;

    public static IServiceCollection AddRemoteWrite(this IServiceCollection services) => services.AddSingleton<RemoteWriteMetadata>();

    public static void MapRemoteWriteEndpoints(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/v1/write", PostWriteAsync).DisableAntiforgery();

    private static async Task<Results<NoContent, ProblemHttpResult>> PostWriteAsync(
        HttpContext context, ProjectDirectory projects, IngestWriter writer, RemoteWriteMetadata metadata, TimeProvider time)
    {
        var request = context.Request;
        var cancellationToken = context.RequestAborted;
        var project = await IngestKeys.ResolveProjectAsync(request, projects, cancellationToken);
        if (project is null)
        {
            return ApiProblems.Problem(StatusCodes.Status401Unauthorized, "Unknown ingest key", "Authorization",
                "Unknown ingest key. Set remote_write.authorization.credentials (or basic_auth.password) to the project's ingest key.");
        }
        if (!request.Headers.ContentEncoding.ToString().Equals("snappy", StringComparison.OrdinalIgnoreCase))
        {
            return ApiProblems.Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported encoding", "Content-Encoding",
                $"Remote-write bodies are snappy-compressed protobuf: Content-Encoding must be snappy, not '{request.Headers.ContentEncoding}'.");
        }
        using var body = await IngestBody.ReadAsync(request, IngestLimits.MaxOtlpRequestBytes, cancellationToken);
        if (body.Problem is { } bodyProblem)
        {
            return ApiProblems.Problem(bodyProblem.Status, bodyProblem.Title, "body", bodyProblem.Detail);
        }
        WriteRequest writeRequest;
        try
        {
            if (DecompressedLength(body.Bytes.Span) is not (>= 0 and <= MaxDecompressedBytes))
            {
                return ApiProblems.Problem(StatusCodes.Status413PayloadTooLarge, "Request too large", "body", $"A remote-write body may be at most {MaxDecompressedBytes / 1024 / 1024} MiB decompressed.");
            }
            writeRequest = WriteRequest.Parser.ParseFrom(Snappy.Decode(body.Bytes.Span));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return ApiProblems.BadRequest("body", $"The body is not a snappy-compressed prometheus.WriteRequest: {exception.Message}");
        }
        metadata.Remember(project.Id, writeRequest.Metadata);
        var batch = PrometheusSeries.ToPoints(writeRequest, project.Id, time.GetUtcNow(), family => metadata.TypeOf(project.Id, family));
        var refused = new List<string>(batch.Rejected);
        if (batch.Points.Count > 0)
        {
            try
            {
                refused.AddRange((await writer.WritePointsAsync(project, batch.Points, cancellationToken)).Select(rejection => rejection.Reason));
            }
            catch (IngestUnavailableException)
            {
                context.Response.Headers.RetryAfter = "1";
                return ApiProblems.Problem(StatusCodes.Status503ServiceUnavailable, "Storage unavailable", "body", "Nothing of this request was stored; send it again.");
            }
        }
        if (refused.Count > 0)
        {
            // The rest is stored; a 400 makes Prometheus log the refusals and move on instead of resending them forever.
            return ApiProblems.BadRequest("timeseries",
                $"Refused {refused.Count} of {batch.SampleCount} samples (the others are stored): {string.Join("; ", refused.Take(10))}{(refused.Count > 10 ? "; …" : "")}");
        }
        return TypedResults.NoContent();
    }

    /// <summary>The varint that starts a snappy block: the length it decompresses to, or −1 when it is not one.</summary>
    private static long DecompressedLength(ReadOnlySpan<byte> block)
    {
        long length = 0;
        for (var index = 0; index < Math.Min(block.Length, 5); index++)
        {
            length |= (long)(block[index] & 0x7F) << (7 * index);
            if ((block[index] & 0x80) == 0)
            {
                return length;
            }
        }
        return -1;
    }
}

/// <summary>
/// Metric types Prometheus sends in remote-write metadata (every minute, in requests of their own), per project and
/// family, so a counter without a counter-like name is still read as one once its metadata has arrived.
/// </summary>
internal sealed class RemoteWriteMetadata
{
    // Bounds memory against a sender inventing family names; beyond it, only known families are updated.
    private const int MaxFamilies = 200_000;

    private readonly ConcurrentDictionary<(long ProjectId, string Family), MetricMetadata.Types.MetricType> _types = new();

    public void Remember(long projectId, IEnumerable<MetricMetadata> metadata)
    {
        foreach (var family in metadata)
        {
            if (_types.Count < MaxFamilies || _types.ContainsKey((projectId, family.MetricFamilyName)))
            {
                _types[(projectId, family.MetricFamilyName)] = family.Type;
            }
        }
    }

    public MetricMetadata.Types.MetricType? TypeOf(long projectId, string name) =>
        _types.TryGetValue((projectId, name), out var type) ? type : null;
}
