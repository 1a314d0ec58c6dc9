using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Vigil.Tests.Support;

namespace Vigil.Tests.Series;

/// <summary>Vigil scraping the real Prometheus server's /metrics: the query API shows its series and up = 1.</summary>
public sealed class ScrapeTargetTests
{
    [Theory]
    [InlineData(Backend.Sqlite)]
    [InlineData(Backend.PostgresClickHouse)]
    public async Task ScrapeTarget_RealPrometheus_SeriesAndUpShowInTheQueryApi(Backend backend)
    {
        await using var prometheus = await PrometheusServer.StartAsync("""
            global:
              scrape_interval: 1h
            """);
        await using var vigil = await VigilServer.StartAsync(backend: backend);
        using var admin = vigil.CreateAdminClient();
        var targets = $"api/projects/{vigil.ProjectId}/scrape-targets";

        await Json.AssertProblemAsync(await admin.PostAsync(targets, Json.Body(new { url = "ftp://x/metrics" })), 400, "url");
        await Json.AssertProblemAsync(await admin.PostAsync(targets, Json.Body(new { url = "http://x/metrics", interval = "1s" })), 400, "interval");
        using var created = await admin.PostAsync(targets, Json.Body(new { url = new Uri(prometheus.Address, "metrics").ToString(), interval = "5s" }));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var listed = Assert.Single((await admin.GetJsonAsync(targets)).AsArray())!;
        Assert.Equal(("5s", false), ((string)listed["interval"]!, (bool)listed["hasBearerToken"]!));

        var now = DateTimeOffset.UtcNow;
        var range = $"from={Uri.EscapeDataString(now.AddMinutes(-5).ToString("O", CultureInfo.InvariantCulture))}&to={Uri.EscapeDataString(now.AddMinutes(5).ToString("O", CultureInfo.InvariantCulture))}&step=1h";
        // A first scrape that times out on a busy machine is up = 0, as in Prometheus; a later one must read 1.
        await Eventually.JsonAsync(admin, $"api/projects/{vigil.ProjectId}/metrics/query?name=up&agg=last&{range}",
            answer => answer["series"]!.AsArray() is [{ } series] && series["points"]!.AsArray().Any(point => point!["value"] is JsonValue value && (double)value == 1),
            TimeSpan.FromSeconds(60));
        var catalog = await Eventually.JsonAsync(admin, $"api/projects/{vigil.ProjectId}/metrics",
            answer => answer["metrics"]!.AsArray().Any(entry => (string?)entry!["name"] == "prometheus_build_info"), TimeSpan.FromSeconds(60));
        var kinds = catalog["metrics"]!.AsArray().ToDictionary(entry => (string)entry!["name"]!, entry => (string)entry!["kind"]!);
        Assert.Equal(("gauge", "counter"), (kinds["prometheus_build_info"], kinds["prometheus_http_requests_total"]));
        // A whole histogram family from one scrape is one histogram series.
        Assert.Equal("histogram", kinds["prometheus_http_request_duration_seconds"]);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"{targets}/{(long)listed["id"]!}")).StatusCode);
        await Json.AssertProblemAsync(await admin.DeleteAsync($"{targets}/{(long)listed["id"]!}"), 404, "targetId");
    }
}
