using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Vigil.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Vigil.Tests.Snippet;

/// <summary>
/// A customer's page with the snippet throws in Chromium; its errors arrive as issues, which the Issues page lists,
/// shows with the page's own stack frames, and resolves.
/// </summary>
[Collection(Heavy.Collection)]
public sealed class SnippetErrorsBrowserTests : CustomerSiteTests
{
    private const string NullItems = "TypeError: Cannot read properties of null (reading 'items')";

    private HttpClient _admin = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _admin = Server.CreateAdminClient();
    }

    public override async Task DisposeAsync()
    {
        _admin.Dispose();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task UncaughtErrorAndRejection_OnTheShop_ListedWithTheirStackAndResolvable()
    {
        var shop = await OpenShopAsync();

        await shop.EvaluateAsync("() => { shop.checkout(); shop.loadPrices(); }");

        await WaitForIssueAsync(NullItems);
        await WaitForIssueAsync("Error: price service unavailable");
        var page = await Chromium.NewPageAsync();
        await Browser.LogInAsync(page, Server);
        await page.GetByTestId("nav-issues").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Issues");
        var titles = page.GetByTestId("issue-title");
        await Expect(titles.Filter(new() { HasText = NullItems })).ToHaveCountAsync(1);
        await Expect(titles.Filter(new() { HasText = "Error: price service unavailable" })).ToHaveCountAsync(1);

        await titles.Filter(new() { HasText = NullItems }).ClickAsync();

        await Expect(page.GetByTestId("issue-heading")).ToHaveTextAsync(NullItems);
        var frames = page.GetByTestId("frame");
        await Expect(frames.Nth(0).GetByTestId("frame-function")).ToHaveTextAsync("placeOrder");
        await Expect(frames.Nth(0).GetByTestId("frame-location")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"/static/shop\.js:2:\d+$"));
        await Expect(frames.Nth(0)).ToHaveAttributeAsync("data-in-app", "true");
        await Expect(frames.Nth(1).GetByTestId("frame-function")).ToHaveTextAsync("checkout");
        await Expect(page.GetByTestId("tag-release")).ToHaveTextAsync("shop@2.0.1");
        await Expect(page.GetByTestId("tag-environment")).ToHaveTextAsync("staging");
        var user = await shop.EvaluateAsync<string>("() => localStorage.getItem('vigil_id')");
        await Expect(page.GetByTestId("tag-user")).ToHaveTextAsync(user);

        await page.GetByTestId("issue-resolve").ClickAsync();

        await Expect(page.GetByTestId("issue-status-done")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("issue-status")).ToHaveAttributeAsync("data-status", "resolved");
        await page.GetByTestId("back-to-issues").ClickAsync();
        await Expect(titles.Filter(new() { HasText = NullItems })).ToHaveCountAsync(0);
        await page.Locator("[data-testid=issue-tabs] a[data-status=resolved]").ClickAsync();
        await Expect(titles.Filter(new() { HasText = NullItems })).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task SameError_Thrown50Times_StoresNoMoreThanTheSnippetsCap()
    {
        var shop = await OpenShopAsync();

        // The last error is thrown after the 50 and is queued after them: once it is stored, so is all that was sent.
        await shop.EvaluateAsync("() => { shop.renderRows(50); shop.fail('rows done'); }");

        await WaitForIssueAsync("Error: rows done");
        var rows = await WaitForIssueAsync("RangeError: row out of range");
        Assert.InRange((long)rows["count"]!, 1, 5);
    }

    [Fact]
    public async Task NonErrorsAndCaughtErrors_Reported_ScriptErrorWithoutDetailsIgnored()
    {
        var shop = await OpenShopAsync();

        await shop.EvaluateAsync("""
            () => {
              window.dispatchEvent(new ErrorEvent("error", { message: "Script error." }));
              vigil.captureError(new SyntaxError("caught by a boundary"));
              shop.throwText("plain text thrown");
            }
            """);

        var thrown = await WaitForIssueAsync("plain text thrown");
        await WaitForIssueAsync("SyntaxError: caught by a boundary");
        var detail = await _admin.GetJsonAsync($"api/projects/{Server.ProjectId}/issues/{(string)thrown["fingerprint"]!}");
        Assert.EndsWith("/static/shop.js", (string)detail["samples"]![0]!["frames"]![0]!["file"]!, StringComparison.Ordinal);
        Assert.Equal("browser", (string?)detail["samples"]![0]!["source"]);
        var issues = (await _admin.GetJsonAsync($"api/projects/{Server.ProjectId}/issues?status=open")).AsArray();
        Assert.DoesNotContain(issues, issue => ((string)issue!["title"]!).Contains("Script error", StringComparison.Ordinal));
    }

    private async Task<IPage> OpenShopAsync()
    {
        var page = await Chromium.NewPageAsync();
        await page.GotoAsync(Site.Urls.First() + "/shop?flush=200");
        return page;
    }

    /// <summary>The issue with this title, from the issues API, once it is there.</summary>
    private async Task<JsonNode> WaitForIssueAsync(string title)
    {
        var issues = await Eventually.JsonAsync(_admin, $"api/projects/{Server.ProjectId}/issues",
            answer => answer.AsArray().Any(issue => (string?)issue!["title"] == title), TimeSpan.FromSeconds(15));
        return issues.AsArray().First(issue => (string?)issue!["title"] == title)!;
    }
}
