using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Vigil.Tests.Support;

namespace Vigil.Tests.Snippet;

/// <summary>
/// A customer's page with the snippet, in Debian's Chromium: the web-vitals package the build bundles measures the page
/// load, and its metrics reach the Web Vitals report for the page (ids folded) when the page closes.
/// </summary>
[Collection(Heavy.Collection)]
public sealed class SnippetVitalsBrowserTests : IAsyncLifetime
{
    private VigilServer _server = null!;
    private WebApplication _site = null!;
    private Browser _browser = null!;

    public async Task InitializeAsync()
    {
        _server = await VigilServer.StartAsync();
        _site = await CustomerSite.StartAsync(_server);
        _browser = await Browser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        await _site.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task PageLoadThenClose_ReportsItsWebVitalsForThePage()
    {
        var page = await _browser.NewPageAsync();
        await page.GotoAsync(_site.Urls.First() + "/orders/42?flush=200");
        // An interaction finalises LCP and gives INP something to measure.
        await page.ClickAsync("h1");
        await page.CloseAsync(new() { RunBeforeUnload = true });

        using var admin = _server.CreateAdminClient();
        JsonNode? orders = null;
        for (var attempt = 0; attempt < 100 && orders is null; attempt++)
        {
            var report = await admin.GetJsonAsync($"api/projects/{_server.ProjectId}/web-vitals");
            orders = report["pages"]!.AsArray().FirstOrDefault(row => (string?)row!["page"] == "/orders/:id"
                && row!["metrics"]!.AsArray().Count(metric => (long)metric!["pageLoads"]! > 0) >= 4);
            if (orders is null)
            {
                await Task.Delay(100);
            }
        }

        Assert.NotNull(orders);
        var measured = orders["metrics"]!.AsArray().Where(metric => (long)metric!["pageLoads"]! == 1).Select(metric => (string)metric!["name"]!).ToList();
        Assert.Contains("FCP", measured);
        Assert.Contains("TTFB", measured);
        Assert.Contains("LCP", measured);
        Assert.Contains("CLS", measured);
        var fcp = orders["metrics"]!.AsArray().Single(metric => (string?)metric!["name"] == "FCP")!;
        Assert.InRange((double)fcp["p75"]!, 1, 10_000);
    }
}
