using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using Vigil.Tests.Support;

namespace Vigil.Tests.Series;

/// <summary>
/// The OpenTelemetry .NET SDK's OTLP exporter (HTTP/protobuf, cumulative temporality) sending a counter, an observable
/// gauge, an explicit-bucket histogram and an exponential histogram to a real Vigil: the query API shows the increase,
/// the level and the quantiles the app recorded.
/// </summary>
public sealed class OtlpMetricsSdkTests
{
    [Theory]
    [InlineData(Backend.Sqlite)]
    [InlineData(Backend.PostgresClickHouse)]
    public async Task OtlpExporter_CounterGaugeAndHistograms_QueryApiShowsWhatTheAppRecorded(Backend backend)
    {
        await using var server = await VigilServer.StartAsync(backend: backend);
        var answers = new List<HttpStatusCode>();
        var meterName = $"Vigil.Tests.Shop.{Guid.NewGuid():N}";
        using var meter = new Meter(meterName);
        var jobs = meter.CreateCounter<long>("jobs.processed");
        meter.CreateObservableGauge("ws.connections", () => new Measurement<int>(42, new KeyValuePair<string, object?>("node", "a")));
        var latency = meter.CreateHistogram<double>("db.read.latency", unit: "ms");
        var wait = meter.CreateHistogram<double>("queue.wait", unit: "s");
        using var provider = Sdk.CreateMeterProviderBuilder()
            .AddMeter(meterName)
            .AddView("queue.wait", new Base2ExponentialBucketHistogramConfiguration())
            .AddOtlpExporter((exporter, reader) =>
            {
                exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
                exporter.Endpoint = new Uri(server.BaseAddress, "v1/metrics");
                exporter.Headers = $"x-vigil-key={server.IngestKey}";
                exporter.HttpClientFactory = () => new HttpClient(new RecordingHandler(answers));
                reader.TemporalityPreference = MetricReaderTemporalityPreference.Cumulative;
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = 3_600_000;
            })
            .Build();

        jobs.Add(5, new KeyValuePair<string, object?>("queue", "mail"));
        jobs.Add(3, new KeyValuePair<string, object?>("queue", "mail"));
        jobs.Add(2, new KeyValuePair<string, object?>("queue", "sms"));
        for (var value = 1; value <= 100; value++)
        {
            latency.Record(value);
            wait.Record(value / 100.0);
        }
        Assert.True(provider.ForceFlush(30_000));
        // The second export is cumulative again: only the 10 added since count as new.
        jobs.Add(10, new KeyValuePair<string, object?>("queue", "mail"));
        Assert.True(provider.ForceFlush(30_000));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK], answers);
        await server.WaitUntilStoredAsync();
        using var admin = server.CreateAdminClient();

        var catalog = (await admin.GetJsonAsync($"api/projects/{server.ProjectId}/metrics"))["metrics"]!.AsArray();
        Assert.Equal(
            ["db_read_latency:histogram", "jobs_processed:counter", "queue_wait:histogram", "ws_connections:gauge"],
            catalog.Select(entry => $"{entry!["name"]}:{entry["kind"]}"));

        var jobsByQueue = await QueryAsync(admin, server, "jobs_processed", "increase", by: "queue");
        Assert.Equal(new Dictionary<string, double> { ["mail"] = 18, ["sms"] = 2 }, jobsByQueue.ToDictionary(line => line.Labels["queue"], line => line.Total));
        var connections = Assert.Single(await QueryAsync(admin, server, "ws_connections", "last", match: "{node=\"a\"}"));
        Assert.Equal(42, connections.Values.Single());
        var latencyP95 = Assert.Single(await QueryAsync(admin, server, "db_read_latency", "p95")).Values.Single();
        // Explicit buckets: 95 lies in (75, 100], counted at its upper bound (also the maximum).
        Assert.Equal(100, latencyP95, 100 * 0.01);
        Assert.Equal(50.5, Assert.Single(await QueryAsync(admin, server, "db_read_latency", "avg")).Values.Single(), 9);
        var waitP95 = Assert.Single(await QueryAsync(admin, server, "queue_wait", "p95")).Values.Single();
        Assert.Equal(0.95, waitP95, 0.95 * 0.04);
    }

    private sealed record Line(IReadOnlyDictionary<string, string> Labels, IReadOnlyList<double> Values)
    {
        public double Total => Values.Sum();
    }

    /// <summary>The lines of a one-day-step chart over the last hour, with only the steps that have data.</summary>
    private static async Task<IReadOnlyList<Line>> QueryAsync(HttpClient admin, VigilServer server, string name, string agg, string? by = null, string? match = null)
    {
        var now = DateTimeOffset.UtcNow;
        var query = $"name={name}&agg={agg}&step=1d&from={Uri.EscapeDataString(now.AddHours(-1).ToString("O", CultureInfo.InvariantCulture))}" +
            $"&to={Uri.EscapeDataString(now.AddMinutes(1).ToString("O", CultureInfo.InvariantCulture))}" +
            (by is null ? "" : $"&by={by}") + (match is null ? "" : $"&match={Uri.EscapeDataString(match)}");
        var chart = await admin.GetJsonAsync($"api/projects/{server.ProjectId}/metrics/query?{query}");
        return chart["series"]!.AsArray().Select(line => new Line(
            line!["labels"]!.AsObject().ToDictionary(label => label.Key, label => (string)label.Value!),
            line["points"]!.AsArray().Select(point => point!["value"]).OfType<JsonNode>().Select(value => (double)value).ToList())).ToList();
    }

    private sealed class RecordingHandler(List<HttpStatusCode> answers) : DelegatingHandler(new SocketsHttpHandler())
    {
        protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) => Record(base.Send(request, cancellationToken));

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Record(await base.SendAsync(request, cancellationToken));

        private HttpResponseMessage Record(HttpResponseMessage response)
        {
            lock (answers)
            {
                answers.Add(response.StatusCode);
            }
            return response;
        }
    }
}
