using Microsoft.Playwright;
using Vigil.Tests.Support;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Vigil.Tests.Routes;

/// <summary>The Routes page in a real browser: from the header to a slow request, and from its trace id to the trace's logs.</summary>
[Collection(Heavy.Collection)]
public sealed class RoutesPageBrowserTests(ITestOutputHelper output)
{
    private const string Trace = "0af7651916cd43dd8448eb211c80319c";

    [Fact]
    public async Task SlowestRequest_TraceLink_OpensTheLogsOfThatTrace()
    {
        await using var server = await VigilServer.StartAsync();
        using (var ingest = server.CreateIngestClient())
        {
            var now = DateTimeOffset.UtcNow;
            await ingest.PostRequestsAsync(
                new { timestamp = now.AddMinutes(-2), method = "GET", route = "/orders/{id}", status = 200, duration_ms = 40 },
                new { timestamp = now.AddMinutes(-2), method = "GET", route = "/orders/{id}", status = 404, duration_ms = 12 },
                new { timestamp = now.AddMinutes(-1), method = "POST", route = "/checkout", status = 500, duration_ms = 3200, trace_id = Trace });
            var logs = await (await ingest.PostAsync("v1/logs", Json.Body(new
            {
                logs = new object[]
                {
                    new { message = "Payment gateway timed out", level = "error", timestamp = now.AddMinutes(-1), trace_id = Trace },
                    new { message = "Order 7 shown", level = "info", timestamp = now.AddMinutes(-2) },
                },
            }))).ReadAsync();
            Assert.Equal(2, (int)logs["accepted"]!);
        }
        await server.WaitUntilStoredAsync();
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync();
        await Browser.LogInAsync(page, server);

        await page.GetByTestId("nav-routes").ClickAsync();

        await Browser.ExpectAddressAsync(page, $"/projects/{server.ProjectId}/routes([?#]|$)");
        await Expect(page.GetByTestId("route-row")).ToHaveCountAsync(2);
        await Expect(page.GetByTestId("route-row").First).ToHaveAttributeAsync("data-route", "/orders/{id}");
        await Expect(page.GetByTestId("route-4xx").First).ToHaveTextAsync("50.0%");
        await Expect(page.GetByTestId("slowest-row").First).ToContainTextAsync("POST /checkout");
        await Browser.ScreenshotAsync(page, "routes", output);

        await page.GetByTestId("slowest-trace-link").ClickAsync();

        await Browser.ExpectAddressAsync(page, $"/logs\\?trace_id={Trace}(#|$)");
        await Expect(page.GetByTestId("log-trace-id")).ToHaveValueAsync(Trace);
        await Expect(page.GetByTestId("log-row")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("log-row")).ToContainTextAsync("Payment gateway timed out");
    }
}
