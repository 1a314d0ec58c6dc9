using Microsoft.Playwright;
using Vigil.Tests.Support;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Vigil.Tests.Logs;

/// <summary>The logs page in a real browser, on a server of its own per test with lines sent through /v1/logs.</summary>
[Collection(Heavy.Collection)]
public sealed class LogsPageBrowserTests(ITestOutputHelper output)
{
    private const string Trace = "4bf92f3577b34da6a3ce929d0e0e4736";

    private static async Task PostLinesAsync(VigilServer server, int filler = 0)
    {
        using var ingest = server.CreateIngestClient();
        var now = DateTimeOffset.UtcNow;
        var lines = new List<object>
        {
            new { message = "Order 42 placed", level = "info", timestamp = now.AddMinutes(-3), trace_id = Trace, service = "shop-api", attributes = new { order = new { id = "42" } } },
            new { message = "Payment declined for order 42", level = "error", timestamp = now.AddMinutes(-2), trace_id = Trace, service = "shop-api", attributes = new { order = new { id = "42" } } },
            new { message = "Cache warmed", level = "debug", timestamp = now.AddMinutes(-1), trace_id = (string?)null, service = "worker", attributes = new { order = new { id = "0" } } },
        };
        lines.AddRange(Enumerable.Range(0, filler).Select(index => (object)new { message = $"heartbeat {index}", level = "info", timestamp = now.AddMinutes(-10).AddSeconds(-index), trace_id = (string?)null, service = "worker", attributes = new { order = new { id = "" } } }));
        var answer = await (await ingest.PostAsync("v1/logs", Json.Body(new { logs = lines }))).ReadAsync();
        Assert.Equal(lines.Count, (int)answer["accepted"]!);
    }

    [Fact]
    public async Task Search_FromTheNavLink_FiltersByWordsAndLevelThenFollowsTheTraceLink()
    {
        await using var server = await VigilServer.StartAsync();
        await PostLinesAsync(server);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync();
        await Browser.LogInAsync(page, server);

        await page.GetByTestId("nav-logs").ClickAsync();
        await Browser.ExpectAddressAsync(page, $"/projects/{server.ProjectId}/logs([?#]|$)");
        await Expect(page.GetByTestId("nav-logs")).ToHaveClassAsync("active");
        await Expect(page.GetByTestId("log-row")).ToHaveCountAsync(3);

        await page.GetByTestId("log-q").FillAsync("order 42");
        await page.GetByTestId("log-level").SelectOptionAsync("error");
        await page.GetByTestId("log-apply").ClickAsync();

        var row = page.GetByTestId("log-row");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("Payment declined for order 42");
        await Expect(row).ToHaveAttributeAsync("data-level", "error");
        await Expect(page.GetByTestId("log-level")).ToHaveValueAsync("error");
        await row.Locator("summary").ClickAsync();
        await Expect(row.GetByTestId("log-details")).ToContainTextAsync("order.id");
        await Browser.ScreenshotAsync(page, "logs-search", output);

        await row.GetByTestId("log-trace-link").ClickAsync();

        await Browser.ExpectAddressAsync(page, $"\\?trace_id={Trace}(#|$)");
        await Expect(page.GetByTestId("log-trace-id")).ToHaveValueAsync(Trace);
        await Expect(page.GetByTestId("log-row")).ToHaveCountAsync(2);
    }

    [Fact]
    public async Task LoadOlder_OnAPhoneInKorean_ShowsTheRestThenBadSearchNamesTheField()
    {
        await using var server = await VigilServer.StartAsync();
        await PostLinesAsync(server, filler: 100);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(phone: true, locale: "ko-KR");
        await Browser.LogInAsync(page, server);
        await page.GotoAsync(new Uri(server.BaseAddress, $"/projects/{server.ProjectId}/logs").ToString());
        await Expect(page.Locator("h1")).ToHaveTextAsync("로그");
        await Expect(page.GetByTestId("log-row")).ToHaveCountAsync(100);

        await page.GetByTestId("log-older").ClickAsync();

        await Expect(page.GetByTestId("log-row")).ToHaveCountAsync(3);
        await Expect(page.GetByTestId("log-older")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("log-row").Last).ToContainTextAsync("heartbeat 99");
        await Browser.ScreenshotAsync(page, "logs-phone-ko", output);

        await page.GetByTestId("log-q").FillAsync("\"unclosed");
        await page.GetByTestId("log-apply").ClickAsync();

        await Expect(page.GetByTestId("log-problem")).ToHaveAttributeAsync("data-field", "q");
        await Expect(page.GetByTestId("log-problem")).ToContainTextAsync("검색 조건");
    }
}
