using System.Net;
using Vigil.Core.Ingest.Prometheus;
using Vigil.Tests.Support;

namespace Vigil.Tests.Series;

/// <summary>Vigil's own GET /metrics, read with Vigil's own Prometheus text parser after real ingest.</summary>
public sealed class SelfMetricsTests
{
    [Fact]
    public async Task GetMetrics_AfterIngest_ParsesAndCountsTheCommittedItems()
    {
        await using var server = await VigilServer.StartAsync();
        using var ingest = server.CreateIngestClient();
        await ingest.PostRequestsAsync(Enumerable.Range(0, 3).Select(_ => (object)new { method = "GET", route = "/", status = 200, duration_ms = 5 }).ToArray());
        using var anonymous = server.CreateClient();

        using var response = await anonymous.GetAsync("metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        var (families, problems) = PrometheusText.Parse(await response.Content.ReadAsStringAsync());
        Assert.Empty(problems);
        var byName = families.ToDictionary(family => family.Name);
        Assert.Equal(3, byName["vigil_ingest_items_total"].Samples.Single(sample => sample.Labels.Contains(new("kind", "requests"))).Value);
        Assert.Equal("histogram", byName["vigil_ingest_commit_duration_seconds"].Type);
        Assert.True(byName["vigil_ingest_commit_duration_seconds"].Samples.Single(sample => sample.Name.EndsWith("_count", StringComparison.Ordinal)).Value >= 1);
        Assert.True(byName["process_resident_memory_bytes"].Samples.Single().Value > 0);
        Assert.Contains(byName["dotnet_gc_collections_total"].Samples, sample => sample.Labels.Contains(new("generation", "0")));
    }
}
