using System.Globalization;
using System.Text.Json.Nodes;
using Vigil.Tests.Support;

namespace Vigil.Tests.Series;

/// <summary>
/// The real Prometheus server scrapes itself and remote-writes what it scraped to a real Vigil with the ingest key:
/// the query API then shows Prometheus's own series, its classic histograms answering quantiles.
/// </summary>
public sealed class PrometheusRemoteWriteTests
{
    [Theory]
    [InlineData(Backend.Sqlite, "bearer")]
    [InlineData(Backend.PostgresClickHouse, "basic")]
    public async Task RemoteWrite_PrometheusScrapingItself_SeriesShowInTheQueryApi(Backend backend, string auth)
    {
        await using var vigil = await VigilServer.StartAsync(backend: backend);
        var credentials = auth == "bearer"
            ? $"authorization: {{ credentials: \"{vigil.IngestKey}\" }}"
            : $"basic_auth: {{ username: prometheus, password: \"{vigil.IngestKey}\" }}";
        await using var prometheus = await PrometheusServer.StartAsync($$"""
            global:
              scrape_interval: 1s
            scrape_configs:
              - job_name: prometheus
                static_configs:
                  - targets: ["{self}"]
            remote_write:
              - url: {{new Uri(vigil.BaseAddress, "api/v1/write")}}
                {{credentials}}
                queue_config: { batch_send_deadline: 1s, min_backoff: 100ms }
            """);
        using var admin = vigil.CreateAdminClient();

        var catalog = await Eventually.JsonAsync(admin, $"api/projects/{vigil.ProjectId}/metrics", answer =>
            answer["metrics"]!.AsArray().Any(entry => (string?)entry!["name"] == "prometheus_build_info")
            && answer["metrics"]!.AsArray().Any(entry => (string?)entry!["name"] == "prometheus_http_requests_total"),
            TimeSpan.FromSeconds(60));

        var kinds = catalog["metrics"]!.AsArray().ToDictionary(entry => (string)entry!["name"]!, entry => (string)entry!["kind"]!);
        Assert.Equal(("gauge", "gauge", "counter"), (kinds["up"], kinds["prometheus_build_info"], kinds["prometheus_http_requests_total"]));
        var now = DateTimeOffset.UtcNow;
        var range = $"from={Uri.EscapeDataString(now.AddMinutes(-5).ToString("O", CultureInfo.InvariantCulture))}&to={Uri.EscapeDataString(now.AddMinutes(1).ToString("O", CultureInfo.InvariantCulture))}";
        // A scrape that times out on a busy machine records up = 0, as Prometheus does: wait for one that did not.
        var up = await Eventually.JsonAsync(admin, $"api/projects/{vigil.ProjectId}/metrics/query?name=up&agg=last&by=job&step=1h&{range}",
            answer => answer["series"]!.AsArray() is [{ } only] && only["points"]!.AsArray().Any(point => point!["value"] is JsonValue value && (double)value == 1),
            TimeSpan.FromSeconds(60));
        Assert.Equal("prometheus", (string?)up["series"]![0]!["labels"]!["job"]);

        // Prometheus times its own HTTP requests in a classic histogram, which remote-write sends as _bucket, _sum and
        // _count counters: Vigil puts them back together, and a quantile falls within the buckets (0 … 120 s).
        var latency = await Eventually.JsonAsync(admin,
            $"api/projects/{vigil.ProjectId}/metrics/query?name=prometheus_http_request_duration_seconds&match={Uri.EscapeDataString("{handler=\"/metrics\"}")}&agg=p95&step=1h&{range}",
            answer => answer["series"]!.AsArray().Any(line => line!["points"]!.AsArray().Any(point => point!["value"] is JsonValue)), TimeSpan.FromSeconds(60));
        Assert.Equal(("histogram", "s"), ((string)latency["kind"]!, (string)latency["unit"]!));
        var p95 = latency["series"]!.AsArray().SelectMany(line => line!["points"]!.AsArray()).Select(point => (double?)point!["value"]).First(value => value is not null)!.Value;
        Assert.InRange(p95, double.Epsilon, 120);
    }
}
