using System.Net;
using System.Text;
using Microsoft.Playwright;
using Vigil.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Vigil.Tests.Series;

/// <summary>The metrics page in a real browser: the nav link, the pickers, and an ECharts line of what OTLP sent.</summary>
[Collection(Heavy.Collection)]
public sealed class MetricsPageBrowserTests
{
    [Fact]
    public async Task MetricsPage_AfterOtlpGauges_DrawsTheChartAndSwitchesRange()
    {
        await using var server = await VigilServer.StartAsync();
        using var ingest = server.CreateIngestClient();
        var at = DateTimeOffset.UtcNow.AddMinutes(-2).ToUnixTimeMilliseconds() * 1_000_000;
        var export = $$$"""
            {"resourceMetrics":[{"scopeMetrics":[{"metrics":[
              {"name":"ws.connections","gauge":{"dataPoints":[
                {"asInt":"40","timeUnixNano":"{{{at}}}","attributes":[{"key":"node","value":{"stringValue":"a"}}]},
                {"asInt":"25","timeUnixNano":"{{{at}}}","attributes":[{"key":"node","value":{"stringValue":"b"}}]}]}}
            ]}]}]}
            """;
        using var sent = await ingest.PostAsync("v1/metrics", new StringContent(export, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync();
        await Browser.LogInAsync(page, server);

        await page.GetByTestId("nav-metrics").ClickAsync();

        await Browser.ExpectAddressAsync(page, $"/projects/{server.ProjectId}/metrics([?#]|$)");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Metrics");
        await Expect(page.GetByTestId("nav-metrics")).ToHaveClassAsync("active");
        await Expect(page.GetByTestId("metrics-metric")).ToHaveValueAsync("ws_connections");
        await Expect(page.GetByTestId("metrics-agg")).ToHaveValueAsync("avg");
        await Expect(page.GetByTestId("metrics-chart").Locator("canvas")).ToHaveCountAsync(1);
        var lines = await page.GetByTestId("metrics-chart").GetAttributeAsync("data-metrics-chart");
        Assert.Contains("node=a", lines, StringComparison.Ordinal);
        Assert.Contains("node=b", lines, StringComparison.Ordinal);
        var csvUrl = await page.GetByTestId("csv-metrics").GetAttributeAsync("href");
        var csv = await (await page.APIRequest.GetAsync(new Uri(server.BaseAddress, csvUrl).ToString())).BodyAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], csv[..3]);
        var csvText = Encoding.UTF8.GetString(csv[3..]);
        Assert.StartsWith("Time,node=a,node=b\r\n", csvText);
        Assert.Contains(",40,25\r\n", csvText);

        await page.GetByTestId("metrics-range").SelectOptionAsync("24h");
        await page.GetByTestId("metrics-agg").SelectOptionAsync("max");
        await page.GetByTestId("metrics-show").ClickAsync();

        await Browser.ExpectAddressAsync(page, "range=24h");
        await Expect(page.GetByTestId("metrics-caption")).ToContainTextAsync("ws_connections · max");
        await Expect(page.GetByTestId("metrics-chart").Locator("canvas")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task MetricsPage_NoMetricsInKorean_ExplainsHowToSendThem()
    {
        await using var server = await VigilServer.StartAsync();
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync();
        await Browser.LogInAsync(page, server);
        await page.GotoAsync(new Uri(server.BaseAddress, $"projects/{server.ProjectId}/metrics").ToString());
        await Expect(page.GetByTestId("metrics-empty")).ToContainTextAsync("No metrics yet");

        await page.GetByTestId("language-switch").ClickAsync();

        await Expect(page.GetByTestId("metrics-empty")).ToContainTextAsync("아직 메트릭이 없습니다");
        await Expect(page.GetByTestId("nav-metrics")).ToHaveTextAsync("메트릭");
    }
}
