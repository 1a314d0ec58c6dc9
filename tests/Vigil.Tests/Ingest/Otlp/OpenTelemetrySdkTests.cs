using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Trace;
using Vigil.Core.Metrics;
using Vigil.Core.Storage;
using Vigil.Tests.Support;

namespace Vigil.Tests.Ingest.Otlp;

/// <summary>
/// The OpenTelemetry .NET SDK's own OTLP exporter (HTTP/protobuf) sending to a real Vigil: what an instrumented app
/// reports is what Vigil's dashboard API shows.
/// </summary>
public sealed class OpenTelemetrySdkTests() : ServerTests(Backend.Sqlite, Now)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 5, 30, 0, TimeSpan.Zero);

    /// <summary>The requests the app served; all end in the minute 05:28, inside the realtime window.</summary>
    private static readonly (string Method, string Route, int Status, double DurationMs)[] Served =
    [
        ("GET", "/api/orders", 200, 40),
        ("GET", "/api/orders", 200, 60),
        ("POST", "/api/orders", 201, 120),
        ("GET", "/api/orders/{id}", 200, 15),
        ("GET", "/api/orders/{id}", 404, 8),
        ("GET", "/api/orders/{id}", 500, 250),
        ("DELETE", "/api/orders/{id}", 503, 1000),
        ("GET", "/healthz", 200, 2),
    ];


    [Fact]
    public Task OtlpExporter_HttpProtobuf_DashboardShowsExactlyTheServedRequests() => ExportAndAssertAsync(OtlpExportCompression.None);

    [Fact]
    public Task OtlpExporter_HttpProtobufGzip_DashboardShowsExactlyTheServedRequests() => ExportAndAssertAsync(OtlpExportCompression.GZip);

    private async Task ExportAndAssertAsync(OtlpExportCompression compression)
    {
        var posts = new RecordingHandler();
        var traceIds = Export(posts, compression);

        Assert.NotEmpty(posts.Sent);
        Assert.All(posts.Sent, post => Assert.Equal((HttpStatusCode.OK, compression == OtlpExportCompression.GZip ? "gzip" : null), (post.Status, post.ContentEncoding)));
        await Server.WaitUntilStoredAsync();

        var durations = Served.Select(request => request.DurationMs).Order().ToList();
        var stored = (await Server.Services.GetRequiredService<ITelemetryStore>()
            .ReadRequestTotalsAsync([Server.ProjectId], Now.AddHours(-1), Now.AddMinutes(1), Granularity.Minute, CancellationToken.None))[Server.ProjectId];
        Assert.Equal((Served.Length, 1, 2), ((int)stored.Count, (int)stored.ClientErrors, (int)stored.ServerErrors));
        Assert.Equal(durations.Sum(), stored.SumMs, 6);

        var realtime = await Admin.GetJsonAsync($"api/projects/{Server.ProjectId}/realtime");
        Assert.Equal(100.0 * 2 / Served.Length, (double)realtime["errorRate"]!, 9);
        Assert.Equal(durations.Average(), (double)realtime["avgResponseTime"]!, 6);
        // Nearest rank: the 8th of 8 durations; the sketch is within 1% of it.
        var p95 = durations[(int)Math.Ceiling(0.95 * durations.Count) - 1];
        Assert.Equal(p95, (double)realtime["p95ResponseTime"]!, p95 * 0.01);

        var minute = Now.AddMinutes(-2).ToString("O", CultureInfo.InvariantCulture);
        var series = await Admin.GetJsonAsync($"api/projects/{Server.ProjectId}/series?metric=errorRate&step=1m&from={Uri.EscapeDataString(minute)}&to={Uri.EscapeDataString(Now.AddMinutes(-1).ToString("O", CultureInfo.InvariantCulture))}");
        var point = Assert.Single(series["points"]!.AsArray())!;
        Assert.Equal(100.0 * 2 / Served.Length, (double)point["value"]!, 9);

        await AssertRoutesAsync(traceIds);
    }

    /// <summary>Per route what was served, and the slowest requests with the trace ids the SDK gave them.</summary>
    private async Task AssertRoutesAsync(IReadOnlyList<string> traceIds)
    {
        var answer = await Admin.GetJsonAsync($"api/projects/{Server.ProjectId}/routes?range=24h");

        var routes = answer["routes"]!.AsArray().ToDictionary(route => $"{(string?)route!["method"]} {(string?)route["route"]}");
        foreach (var served in Served.GroupBy(request => $"{request.Method} {request.Route}"))
        {
            var route = routes[served.Key]!;
            var durations = served.Select(request => request.DurationMs).Order().ToList();
            var p95 = durations[(int)Math.Ceiling(0.95 * durations.Count) - 1];
            Assert.Equal(served.Count(), (int)route["count"]!);
            Assert.Equal(p95, (double)route["p95Ms"]!, p95 * 0.01);
            Assert.Equal((double)served.Count(request => request.Status is >= 400 and < 500) / served.Count(), (double)route["clientErrorRate"]!, 9);
            Assert.Equal((double)served.Count(request => request.Status >= 500) / served.Count(), (double)route["serverErrorRate"]!, 9);
        }
        Assert.Equal(Served.GroupBy(request => (request.Method, request.Route)).Count(), routes.Count);

        var slowestFirst = Enumerable.Range(0, Served.Length).OrderByDescending(index => Served[index].DurationMs).ToList();
        var slowest = answer["slowest"]!.AsArray();
        Assert.Equal(slowestFirst.Take(5).Select(index => traceIds[index]), slowest.Select(request => (string)request!["traceId"]!));
        Assert.Equal((503, "DELETE", "/api/orders/{id}"), ((int)slowest[0]!["status"]!, (string)slowest[0]!["method"]!, (string)slowest[0]!["route"]!));

        var orderById = await Admin.GetJsonAsync($"api/projects/{Server.ProjectId}/requests/slowest?range=24h&method=GET&route={Uri.EscapeDataString("/api/orders/{id}")}");
        var expected = slowestFirst.Where(index => Served[index] is ("GET", "/api/orders/{id}", _, _)).Select(index => traceIds[index]);
        Assert.Equal(expected, orderById["requests"]!.AsArray().Select(request => (string)request!["traceId"]!));
    }

    /// <summary>Emits the served requests as SERVER activities with known times, plus spans that are not requests, and flushes; answers their trace ids.</summary>
    private List<string> Export(RecordingHandler posts, OtlpExportCompression compression)
    {
        var traceIds = new List<string>();
        // Activity listeners are process-wide: a source of its own keeps tests running side by side apart.
        var sourceName = $"Vigil.Tests.Shop.{Guid.NewGuid():N}";
        using var source = new ActivitySource(sourceName);
        using var tracing = Sdk.CreateTracerProviderBuilder()
            .AddSource(sourceName)
            .AddOtlpExporter(options =>
            {
                options.Protocol = OtlpExportProtocol.HttpProtobuf;
                options.Endpoint = new Uri(Server.BaseAddress, "v1/traces");
                options.Headers = $"Authorization=Bearer {Server.IngestKey}";
                options.Compression = compression;
                options.HttpClientFactory = () => new HttpClient(posts);
            })
            .Build();

        for (var index = 0; index < Served.Length; index++)
        {
            var (method, route, status, durationMs) = Served[index];
            var end = Now.AddMinutes(-2).AddSeconds(index);
            using var request = source.StartActivity(ActivityKind.Server, default(ActivityContext), startTime: end.AddMilliseconds(-durationMs), name: $"{method} {route}")
                ?? throw new InvalidOperationException("The tracer provider does not listen to the test's source.");
            request.SetTag("http.request.method", method);
            request.SetTag("http.route", route);
            request.SetTag("url.path", route.Replace("{id}", "7", StringComparison.Ordinal));
            request.SetTag("http.response.status_code", status);
            // Work inside the request: valid spans, but not requests Vigil counts.
            using (var query = source.StartActivity("SELECT orders", ActivityKind.Client, request.Context, startTime: end.AddMilliseconds(-durationMs / 2)))
            {
                query?.SetEndTime(end.AddMilliseconds(-1).UtcDateTime);
            }
            using (var render = source.StartActivity("render", ActivityKind.Internal, request.Context, startTime: end.AddMilliseconds(-1)))
            {
                render?.SetEndTime(end.UtcDateTime);
            }
            request.SetEndTime(end.UtcDateTime);
            traceIds.Add(request.TraceId.ToHexString());
        }

        Assert.True(tracing.ForceFlush(30_000), "the exporter did not flush within 30 s");
        return traceIds;
    }

    /// <summary>Sees every export the SDK makes and Vigil's answer to it.</summary>
    private sealed class RecordingHandler() : DelegatingHandler(new SocketsHttpHandler())
    {
        public ConcurrentQueue<(HttpStatusCode Status, string? ContentEncoding)> Sent { get; } = new();

        // The exporter sends synchronously where the runtime can.
        protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Record(request, base.Send(request, cancellationToken));

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Record(request, await base.SendAsync(request, cancellationToken));

        private HttpResponseMessage Record(HttpRequestMessage request, HttpResponseMessage response)
        {
            Sent.Enqueue((response.StatusCode, request.Content?.Headers.ContentEncoding.SingleOrDefault()));
            return response;
        }
    }
}
