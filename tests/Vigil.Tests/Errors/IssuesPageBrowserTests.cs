using Microsoft.Playwright;
using Vigil.Tests.Support;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Vigil.Tests.Errors;

/// <summary>
/// The Issues pages with a few days of errors, on a laptop and on a phone. Screenshots land in artifacts/screenshots
/// for a person to look at; the assertions check what a screenshot cannot: nothing scrolls sideways on a phone, and
/// library frames open when asked.
/// </summary>
[Collection(Heavy.Collection)]
public sealed class IssuesPageBrowserTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string CheckoutStack = """
        TypeError: Cannot read properties of null (reading 'items')
            at placeOrder (https://shop.example/static/js/checkout.3f2a1b9c.js:12:19)
            at Array.forEach (<anonymous>)
            at dispatchEvent (https://shop.example/node_modules/react-dom/cjs/react-dom.development.js:4161:14)
            at invokeGuardedCallback (https://shop.example/node_modules/react-dom/cjs/react-dom.development.js:4070:16)
            at onSubmit (https://shop.example/static/js/app.3f2a1b9c.js:40:7)
        """;

    private const string OrderStack = """
        System.InvalidOperationException: Order 12345 has no lines
           at Shop.Orders.OrderService.<PlaceAsync>d__4.MoveNext() in /src/Shop/Orders/OrderService.cs:line 42
           at Microsoft.AspNetCore.Routing.EndpointMiddleware.Invoke(HttpContext httpContext)
           at Shop.Api.OrdersEndpoint.<>c__DisplayClass3_0.<<Map>b__0>d.MoveNext() in /src/Shop/Api/OrdersEndpoint.cs:line 17
        """;

    private VigilServer _server = null!;
    private Browser _browser = null!;
    private string _checkout = "";

    public async Task InitializeAsync()
    {
        _server = await VigilServer.StartAsync();
        var now = TimeProvider.System.GetUtcNow();
        using var ingest = _server.CreateIngestClient();
        // The checkout bug every few hours for three days, busier lately; the order bug now and then.
        var errors = new List<object>();
        for (var hour = 0; hour < 72; hour += 3)
        {
            for (var occurrence = 0; occurrence <= (72 - hour) / 12; occurrence++)
            {
                errors.Add(Error("TypeError", "Cannot read properties of null (reading 'items')", CheckoutStack, $"user-{(hour + occurrence) % 9}", now.AddHours(-hour).AddMinutes(-occurrence)));
            }
            if (hour % 12 == 0)
            {
                errors.Add(Error("System.InvalidOperationException", $"Order {hour} has no lines", OrderStack, null, now.AddHours(-hour - 1)));
            }
        }
        errors.Add(Error("Error", "ResizeObserver loop completed with undelivered notifications", "", null, now.AddHours(-30)));
        await ingest.PostErrorsAsync(errors.ToArray());
        using var admin = _server.CreateAdminClient();
        var issues = (await admin.GetJsonAsync($"api/projects/{_server.ProjectId}/issues")).AsArray();
        _checkout = (string)issues.Single(issue => ((string)issue!["title"]!).StartsWith("TypeError", StringComparison.Ordinal))!["fingerprint"]!;
        var resizeObserver = (string)issues.Single(issue => ((string)issue!["title"]!).StartsWith("Error: Resize", StringComparison.Ordinal))!["fingerprint"]!;
        using var ignore = await admin.PutAsync($"api/projects/{_server.ProjectId}/issues/{resizeObserver}/status", Json.Body(new { status = "ignored" }));
        Assert.True(ignore.IsSuccessStatusCode);
        _browser = await Browser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Pages_OnALaptop_ListAndIssueWithLibraryFramesToUnfold()
    {
        var page = await _browser.NewPageAsync(Browser.Laptop);
        await Browser.LogInAsync(page, _server);
        await page.GetByTestId("nav-issues").ClickAsync();
        await Expect(page.GetByTestId("issue-row")).ToHaveCountAsync(2);
        await Browser.ScreenshotAsync(page, "issues-laptop", output);
        await page.Locator("[data-testid=issue-range] a[data-range='7d']").ClickAsync();
        await Expect(page.GetByTestId("sparkline").First).ToHaveAttributeAsync("data-points", "7");
        await Browser.ScreenshotAsync(page, "issues-laptop-7d", output);

        await page.Locator($"[data-fingerprint='{_checkout}'] [data-testid=issue-title]").ClickAsync();

        var folded = page.Locator("[data-testid=frame][data-in-app=false]");
        await Expect(folded.First).Not.ToBeVisibleAsync();
        await page.GetByTestId("library-frames").ClickAsync();
        await Expect(folded.First).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "issue-laptop", output);
    }

    [Fact]
    public async Task Pages_OnAPhoneInKorean_FitTheScreen()
    {
        var page = await _browser.NewPageAsync(phone: true, locale: "ko-KR");
        await Browser.LogInAsync(page, _server);
        await page.GotoAsync(new Uri(_server.BaseAddress, $"/projects/{_server.ProjectId}/issues?status=all").ToString());
        await Expect(page.GetByTestId("issue-row")).ToHaveCountAsync(3);
        await AssertNoSidewaysScrollAsync(page);
        await Browser.ScreenshotAsync(page, "issues-phone-korean", output);

        await page.Locator($"[data-fingerprint='{_checkout}'] [data-testid=issue-title]").ClickAsync();

        await Expect(page.GetByTestId("issue-resolve")).ToHaveTextAsync("해결");
        await AssertNoSidewaysScrollAsync(page);
        await Browser.ScreenshotAsync(page, "issue-phone-korean", output);
    }

    private static async Task AssertNoSidewaysScrollAsync(IPage page) =>
        Assert.False(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth"), "the page scrolls sideways on a phone");

    private static object Error(string type, string message, string stack, string? user, DateTimeOffset at) => new
    {
        type,
        message,
        stack = stack.Length == 0 ? null : stack,
        distinct_id = user,
        timestamp = at.ToString("O"),
        release = "shop@1.4.2",
        environment = "production",
        trace_id = user is null ? null : "4bf92f3577b34da6a3ce929d0e0e4736",
    };
}
