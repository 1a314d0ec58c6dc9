using System.Globalization;
using System.Net;
using System.Text;
using Google.Protobuf;
using Vigil.Core.Ingest.Otlp.Proto.Collector.Metrics;
using Vigil.Core.Ingest.Otlp.Proto.Common;
using Vigil.Core.Ingest.Otlp.Proto.Metrics;
using Vigil.Tests.Support;

namespace Vigil.Tests.Series;

/// <summary>
/// POST /v1/metrics on a real server and each backend: refused points come back in the OTLP answer's partial_success
/// (200, never a 5xx and never dropped without a word), while the rest of the export is stored.
/// </summary>
public abstract class OtlpMetricsEndpointsTests(Backend backend) : ServerTests(backend, Now)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 5, 30, 0, TimeSpan.Zero);

    private static ulong UnixNanoseconds(DateTimeOffset time) => (ulong)(time - DateTimeOffset.UnixEpoch).Ticks * TimeSpan.NanosecondsPerTick;

    /// <summary>A point 30 seconds ago, or <paramref name="secondsAgo"/>.</summary>
    private static NumberDataPoint Point(double value, (string Key, string Value)[] attributes, int secondsAgo = 30)
    {
        var point = new NumberDataPoint { AsDouble = value, TimeUnixNano = UnixNanoseconds(Now.AddSeconds(-secondsAgo)), StartTimeUnixNano = UnixNanoseconds(Now.AddHours(-1)) };
        point.Attributes.AddRange(attributes.Select(attribute => new KeyValue { Key = attribute.Key, Value = new AnyValue { StringValue = attribute.Value } }));
        return point;
    }

    private static Metric Gauge(string name, params NumberDataPoint[] points) => new() { Name = name, Gauge = new Gauge { DataPoints = { points } } };

    private static Metric Counter(string name, params NumberDataPoint[] points) => new()
    {
        Name = name,
        Sum = new Sum { IsMonotonic = true, AggregationTemporality = AggregationTemporality.Cumulative, DataPoints = { points } },
    };

    private static ExportMetricsServiceRequest Export(params Metric[] metrics) => new()
    {
        ResourceMetrics = { new ResourceMetrics { ScopeMetrics = { new ScopeMetrics { Metrics = { metrics } } } } },
    };

    private async Task<ExportMetricsServiceResponse> PostAsync(ExportMetricsServiceRequest export)
    {
        using var response = await Ingest.PostAsync("v1/metrics", RequestBodies.Of(export.ToByteArray(), "application/x-protobuf"));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"answered {(int)response.StatusCode}");
        Assert.Equal("application/x-protobuf", response.Content.Headers.ContentType?.MediaType);
        return ExportMetricsServiceResponse.Parser.ParseFrom(await response.Content.ReadAsByteArrayAsync());
    }

    private async Task<Dictionary<string, (string Kind, long Series)>> CatalogAsync()
    {
        await Server.WaitUntilStoredAsync();
        var catalog = await Admin.GetJsonAsync($"api/projects/{Server.ProjectId}/metrics");
        return catalog["metrics"]!.AsArray().ToDictionary(entry => (string)entry!["name"]!, entry => ((string)entry!["kind"]!, (long)entry["series"]!));
    }

    private async Task<double?> LastValueAsync(string name, string? match = null)
    {
        var range = $"from={Uri.EscapeDataString(Now.AddHours(-1).ToString("O", CultureInfo.InvariantCulture))}&to={Uri.EscapeDataString(Now.AddMinutes(1).ToString("O", CultureInfo.InvariantCulture))}";
        await Server.WaitUntilStoredAsync();
        var matchers = match is null ? "" : $"&match={Uri.EscapeDataString(match)}";
        var answer = await Admin.GetJsonAsync($"api/projects/{Server.ProjectId}/metrics/query?name={name}{matchers}&agg=last&step=1h&{range}");
        return answer["series"]!.AsArray().SelectMany(line => line!["points"]!.AsArray()).Select(point => (double?)point!["value"]).LastOrDefault(value => value is not null);
    }

    [Fact]
    public async Task PostMetrics_SummaryNaNAndGoodGauge_PartialSuccessNamesTheRefusedAndTheGaugeIsStored()
    {
        var summary = new Metric
        {
            Name = "rpc.duration",
            Summary = new Summary { DataPoints = { new SummaryDataPoint { Count = 4, Sum = 10, TimeUnixNano = UnixNanoseconds(Now.AddSeconds(-30)) } } },
        };
        var export = Export(summary, Gauge("cpu.usage", Point(double.NaN, [])), Gauge("ws.connections", Point(42, [])));

        var answer = await PostAsync(export);

        Assert.Equal(2, answer.PartialSuccess.RejectedDataPoints);
        Assert.StartsWith("Rejected 2 of 3 data points: ", answer.PartialSuccess.ErrorMessage);
        Assert.Contains("resourceMetrics[0].scopeMetrics[0].metrics[0].summary.dataPoints[0] (summary): summaries are not kept", answer.PartialSuccess.ErrorMessage);
        Assert.Contains("resourceMetrics[0].scopeMetrics[0].metrics[1].gauge.dataPoints[0] (value): the value NaN is not a finite number.", answer.PartialSuccess.ErrorMessage);
        Assert.Equal(new Dictionary<string, (string, long)> { ["ws_connections"] = ("gauge", 1) }, await CatalogAsync());
        Assert.Equal(42, await LastValueAsync("ws_connections"));
    }

    [Fact]
    public async Task PostMetrics_Json_PartialSuccessInJson()
    {
        var json = $$$"""
            {"resourceMetrics":[{"scopeMetrics":[{"metrics":[
              {"name":"queue.depth","sum":{"aggregationTemporality":1,"isMonotonic":false,
                "dataPoints":[{"asInt":"3","timeUnixNano":"{{{UnixNanoseconds(Now.AddSeconds(-30))}}}"}]}},
              {"name":"jobs.processed","sum":{"aggregationTemporality":1,"isMonotonic":true,
                "dataPoints":[{"asInt":"7","timeUnixNano":"{{{UnixNanoseconds(Now.AddSeconds(-30))}}}"}]}}
            ]}]}]}
            """;

        using var response = await Ingest.PostAsync("v1/metrics", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var partialSuccess = (await response.ReadAsync())["partialSuccess"]!;
        // OTLP/JSON writes 64-bit integers as strings.
        Assert.Equal("1", partialSuccess["rejectedDataPoints"]!.ToString());
        Assert.Contains("metrics[0].sum.dataPoints[0] (aggregationTemporality): a delta non-monotonic sum", (string)partialSuccess["errorMessage"]!);
        Assert.Equal(new Dictionary<string, (string, long)> { ["jobs_processed"] = ("counter", 1) }, await CatalogAsync());
    }

    [Fact]
    public async Task PostMetrics_OverTheSeriesLimit_NewSeriesRefusedExistingOnesStillStored()
    {
        var full = Gauge("worker.load", [.. Enumerable.Range(0, 10_000).Select(index => Point(1, [("worker", $"w{index}")]))]);
        Assert.Null((await PostAsync(Export(full))).PartialSuccess);

        var answer = await PostAsync(Export(Gauge("worker.load", Point(7, [("worker", "w5")], secondsAgo: 5), Point(1, [("worker", "w10000")], secondsAgo: 5), Point(1, [("worker", "w10001")], secondsAgo: 5))));

        Assert.Equal(2, answer.PartialSuccess.RejectedDataPoints);
        Assert.Contains("worker_load (series): the project has 10000 series, its limit; series worker_load{\"worker\":\"w10000\"} is new. Drop labels with many values",
            answer.PartialSuccess.ErrorMessage);
        Assert.Equal(("gauge", 10_000), (await CatalogAsync())["worker_load"]);
        Assert.Equal(7, await LastValueAsync("worker_load", "{worker=\"w5\"}"));
    }

    [Fact]
    public async Task PostMetrics_CounterUnderAGaugesNameAndLabels_RefusedAsAKindConflict()
    {
        Assert.Null((await PostAsync(Export(Gauge("queue.depth", Point(3, [("queue", "mail")]))))).PartialSuccess);

        var answer = await PostAsync(Export(Counter("queue.depth", Point(5, [("queue", "mail")], secondsAgo: 5))));

        Assert.Equal(1, answer.PartialSuccess.RejectedDataPoints);
        Assert.Contains("queue_depth (series): series queue_depth{\"queue\":\"mail\"} is a gauge; this point is a counter.", answer.PartialSuccess.ErrorMessage);
        Assert.Equal(3, await LastValueAsync("queue_depth", "{queue=\"mail\"}"));
    }
}

public sealed class SqliteOtlpMetricsEndpointsTests() : OtlpMetricsEndpointsTests(Backend.Sqlite);

public sealed class PostgresClickHouseOtlpMetricsEndpointsTests() : OtlpMetricsEndpointsTests(Backend.PostgresClickHouse);
