using System.Text;
using Microsoft.Playwright;
using Vigil.Tests.Support;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Vigil.Tests.Alerts;

/// <summary>The dashboard's alerts panel in a real browser, updated by the live stream.</summary>
[Collection(Heavy.Collection)]
public sealed class AlertsPanelBrowserTests(ITestOutputHelper output)
{
    [Fact]
    public async Task FiringAlert_AppearsInThePanelWithoutReload()
    {
        await using var server = await VigilServer.StartAsync(configure: options => options.AlertEvaluationInterval = TimeSpan.FromSeconds(1));
        using var admin = server.CreateAdminClient();
        using var rules = await admin.PutAsync($"api/projects/{server.ProjectId}/alert-rules", new StringContent("""
            alerts:
              - name: Errors
                severity: critical
                condition: error_rate > 5%
            """, Encoding.UTF8, "application/yaml"));
        Assert.True(rules.IsSuccessStatusCode);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync();
        await Browser.LogInAsync(page, server);
        await Expect(page.GetByTestId("alerts-panel")).ToContainTextAsync("No alerts");
        await page.EvaluateAsync("() => { window.__sameDocument = true; }");

        using var ingest = server.CreateIngestClient();
        await ingest.PostRequestsAsync(Enumerable.Range(0, 10).Select(_ => (object)new { method = "POST", route = "/api/orders", status = 503, duration_ms = 120 }).ToArray());

        var firing = page.Locator("[data-testid='alert-firing'][data-rule='Errors']");
        await Expect(firing).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(firing).ToContainTextAsync("error_rate = 100%");
        Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"), "the page was reloaded");
        await Browser.ScreenshotAsync(page, "dashboard-alert-firing", output);
    }
}
