using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Vigil.Tests.Support;

namespace Vigil.Tests.WebVitals;

/// <summary>
/// The dashboard's Web Vitals panel over plain HTTP on each backend, after page loads sent through
/// <c>POST /v1/vitals</c> at a fixed clock: each metric's p75 with its rating and the shares of good, needs
/// improvement and poor page loads, then the busiest pages with each metric's p75.
/// </summary>
public abstract partial class WebVitalsPanelHttpTests(Backend backend) : ServerTests(backend, Now, logIn: true)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 5, 30, 0, TimeSpan.Zero);

    private string DashboardPath => $"/projects/{Server.ProjectId}";

    [Fact]
    public async Task Panel_NoVitalsYet_SaysWhatReportsThem()
    {
        var html = await GetDecodedAsync(DashboardPath);

        var panel = Panel(html);
        Assert.Contains("No Web Vitals yet", panel);
        Assert.Contains("/vigil.js", panel);
        Assert.DoesNotContain("data-vital=", panel);
    }

    [Fact]
    public async Task Panel_PageLoadsOfTwoPages_P75RatingAndSharesPerMetricAndP75PerPage()
    {
        // Five loads of /orders/{id} (LCP 1.0, 3.0, 3.0, 3.0 and 5.0 s) and one of /pricing (0.9 s): the p75 of the
        // six is 3.0 s, needing improvement; two good, three needing improvement, one poor.
        await PostVitalsAsync(
            new { name = "LCP", value = 1000, page = "/orders/1" },
            new { name = "LCP", value = 3000, page = "/orders/2" },
            new { name = "LCP", value = 3000, page = "https://shop.example/orders/3?tab=items" },
            new { name = "LCP", value = 3000, page = "/orders/4" },
            new { name = "LCP", value = 5000, page = "/orders/5" },
            new { name = "LCP", value = 900, page = "/pricing" },
            new { name = "CLS", value = 0.4, page = "/orders/1" },
            new { name = "CLS", value = 0.02, page = "/pricing" },
            new { name = "INP", value = 120, page = "/pricing" },
            new { name = "TTFB", value = 2400, page = "/orders/1" });

        var html = await GetDecodedAsync($"{DashboardPath}?range=24h");

        var lcp = Card(html, "LCP");
        Assert.Contains("rating-needs", OpeningTag(lcp));
        Assert.Contains("6 page loads", lcp);
        Assert.InRange(Seconds(P75(lcp)), 2.97, 3.03);
        Assert.Contains("Needs improvement", lcp);
        Assert.Equal("33% · 50% · 17%", Shares(lcp));
        Assert.Contains("aria-label=\"Good 33%, Needs improvement 50%, Poor 17%\"", lcp);
        Assert.Contains("class=\"share-good\" style=\"width: 33.33%\"", lcp);
        Assert.Contains("class=\"share-poor\" style=\"width: 16.67%\"", lcp);

        var cls = Card(html, "CLS");
        Assert.Contains("rating-poor", OpeningTag(cls));
        Assert.Equal("0.40", P75(cls));
        Assert.Equal("50% · 0% · 50%", Shares(cls));

        var inp = Card(html, "INP");
        Assert.Contains("rating-good", OpeningTag(inp));
        Assert.InRange(Milliseconds(P75(inp)), 118, 122);
        Assert.Equal("100% · 0% · 0%", Shares(inp));

        var fcp = Card(html, "FCP");
        Assert.Equal("—", P75(fcp));
        Assert.Contains("0 page loads", fcp);

        Assert.Equal(["/orders/:id", "/pricing"], PageRows(html));
        var orders = Row(html, "/orders/:id");
        Assert.Equal("5", orders.PageLoads);
        Assert.InRange(Seconds(orders.Cells["LCP"].Value), 2.97, 3.03);
        Assert.Equal("rating-needs", orders.Cells["LCP"].Rating);
        Assert.Equal(("0.40", "rating-poor"), orders.Cells["CLS"]);
        Assert.InRange(Seconds(orders.Cells["TTFB"].Value), 2.37, 2.43);
        Assert.Equal("rating-poor", orders.Cells["TTFB"].Rating);
        Assert.Equal(("—", ""), orders.Cells["INP"]);
        var pricing = Row(html, "/pricing");
        Assert.Equal("1", pricing.PageLoads);
        Assert.InRange(Milliseconds(pricing.Cells["LCP"].Value), 891, 909);
        Assert.Equal("rating-good", pricing.Cells["LCP"].Rating);
        Assert.Equal(("0.02", "rating-good"), pricing.Cells["CLS"]);
    }

    [Fact]
    public async Task Panel_RangeOfTheDashboard_LeavesOutOlderPageLoads()
    {
        await PostVitalsAsync(
            new { name = "LCP", value = 1200, page = "/", timestamp = Now.AddMinutes(-10).ToString("O", CultureInfo.InvariantCulture) },
            new { name = "LCP", value = 4500, page = "/archive", timestamp = Now.AddDays(-3).ToString("O", CultureInfo.InvariantCulture) });

        var day = await GetDecodedAsync($"{DashboardPath}?range=24h");
        var week = await GetDecodedAsync($"{DashboardPath}?range=7d");

        Assert.Equal(["/"], PageRows(day));
        Assert.Equal("100% · 0% · 0%", Shares(Card(day, "LCP")));
        Assert.Equal(["/", "/archive"], PageRows(week).Order(StringComparer.Ordinal));
        Assert.Equal("50% · 0% · 50%", Shares(Card(week, "LCP")));
    }

    private async Task PostVitalsAsync(params object[] vitals)
    {
        using var response = await Ingest.PostAsync("v1/vitals", Json.Body(new { vitals }));
        var answer = await response.ReadAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(vitals.Length, (int)answer["accepted"]!);
        await Server.WaitUntilStoredAsync();
    }

    private async Task<string> GetDecodedAsync(string path)
    {
        using var response = await Page.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // Blazor writes characters outside ASCII ("·", "—") as entities.
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    private static string Panel(string html)
    {
        var start = html.IndexOf("data-testid=\"web-vitals\"", StringComparison.Ordinal);
        Assert.True(start >= 0, "the dashboard has no Web Vitals panel");
        return html[start..html.IndexOf("</section>", start, StringComparison.Ordinal)];
    }

    private static string Card(string html, string metric)
    {
        var panel = Panel(html);
        var at = panel.IndexOf($"data-vital=\"{metric}\"", StringComparison.Ordinal);
        Assert.True(at >= 0, $"no card for {metric}");
        var start = panel.LastIndexOf("<article", at, StringComparison.Ordinal);
        return panel[start..panel.IndexOf("</article>", at, StringComparison.Ordinal)];
    }

    private static string OpeningTag(string element) => element[..(element.IndexOf('>', StringComparison.Ordinal) + 1)];

    private static string P75(string card) => P75Value().Match(card) is { Success: true } match ? match.Groups[1].Value : throw new Xunit.Sdk.XunitException("no p75 in the card");

    private static string Shares(string card) => SharesLegend().Match(card) is { Success: true } match ? match.Groups[1].Value.Trim() : throw new Xunit.Sdk.XunitException("no shares in the card");

    private static double Seconds(string text)
    {
        Assert.EndsWith(" s", text);
        return double.Parse(text[..^2], CultureInfo.InvariantCulture);
    }

    private static double Milliseconds(string text)
    {
        Assert.EndsWith(" ms", text);
        return double.Parse(text[..^3], CultureInfo.InvariantCulture);
    }

    private static List<string> PageRows(string html) => PageRow().Matches(Panel(html)).Select(match => match.Groups[1].Value).ToList();

    private sealed record PageCells(string PageLoads, Dictionary<string, (string Value, string Rating)> Cells);

    /// <summary>A page's row: its page loads, then each metric's p75 and rating class under the metric's column.</summary>
    private static PageCells Row(string html, string page)
    {
        var panel = Panel(html);
        var columns = ColumnHeader().Matches(panel[..panel.IndexOf("</thead>", StringComparison.Ordinal)]).Select(match => match.Groups[1].Value).ToList();
        var start = panel.IndexOf($"data-page=\"{page}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no row for {page}");
        var cells = Cell().Matches(panel[start..panel.IndexOf("</tr>", start, StringComparison.Ordinal)])
            .Select(match => (Value: match.Groups[2].Value, Rating: match.Groups[1].Value.Replace("number", "", StringComparison.Ordinal).Trim())).ToList();
        // The first numeric column is the page loads, then one per metric.
        Assert.Equal(columns.Count, cells.Count);
        return new PageCells(cells[0].Value, columns.Skip(1).Zip(cells.Skip(1)).ToDictionary(pair => pair.First, pair => pair.Second));
    }

    [GeneratedRegex("data-p75[^>]*>([^<]+)<")]
    private static partial Regex P75Value();

    [GeneratedRegex("data-shares[^>]*>([^<]+)<")]
    private static partial Regex SharesLegend();

    [GeneratedRegex("<tr data-page=\"([^\"]+)\"")]
    private static partial Regex PageRow();

    [GeneratedRegex("<th scope=\"col\" class=\"number\">([^<]+)</th>")]
    private static partial Regex ColumnHeader();

    [GeneratedRegex("<td class=\"([^\"]*)\">([^<]*)</td>")]
    private static partial Regex Cell();
}

public sealed class SqliteWebVitalsPanelHttpTests() : WebVitalsPanelHttpTests(Backend.Sqlite);

public sealed class PostgresClickHouseWebVitalsPanelHttpTests() : WebVitalsPanelHttpTests(Backend.PostgresClickHouse);
