using Vigil.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Vigil.Tests.Dashboard;

/// <summary>The dashboard's CSV links in a real browser.</summary>
[Collection(Heavy.Collection)]
public sealed class ChartCsvBrowserTests
{
    [Fact]
    public async Task Dashboard_RangeSwitchedWithoutReload_CsvLinksFollowTheRange()
    {
        await using var server = await VigilServer.StartAsync();
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync();
        await Browser.LogInAsync(page, server);
        var traffic = $"/api/projects/{server.ProjectId}/charts/traffic";
        await Expect(page.GetByTestId("csv-traffic")).ToHaveAttributeAsync("href", $"{traffic}?range=24h&format=csv");

        await page.Locator("a[data-range='7d']").ClickAsync();

        await Expect(page.GetByTestId("csv-traffic")).ToHaveAttributeAsync("href", $"{traffic}?range=7d&format=csv");
        await Expect(page.GetByTestId("csv-plans")).ToHaveAttributeAsync("href", $"/api/projects/{server.ProjectId}/charts/plans?range=7d&format=csv");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("csv-signups").ClickAsync());
        Assert.Equal("signups-7d.csv", download.SuggestedFilename);
    }
}
