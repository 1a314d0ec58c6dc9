using System.Net;
using Vigil.Tests.Support;

namespace Vigil.Tests.WebVitals;

/// <summary>Web Vitals through <c>POST /v1/vitals</c> and back through the API, on a real server and each backend.</summary>
public abstract class WebVitalsApiTests(Backend backend) : ServerTests(backend, Now)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 5, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task PostVitals_ThenRead_P75AndSharesSiteWideAndPerPage()
    {
        // Four page loads of /orders/{id}: LCP 1.0, 2.0, 3.0 and 5.0 s; one of /pricing; two CLS reports.
        var vitals = new object[]
        {
            new { name = "LCP", value = 1000, page = "https://shop.example/orders/1" },
            new { name = "LCP", value = 2000, page = "/orders/2" },
            new { name = "LCP", value = 3000, page = "/orders/3?tab=items" },
            new { name = "LCP", value = 5000, page = "/orders/4" },
            new { name = "LCP", value = 900, page = "/pricing", distinct_id = "u1" },
            new { name = "CLS", value = 0.02, page = "/pricing" },
            new { name = "CLS", value = 0.4, page = "/orders/1" },
            new { name = "FID", value = 10, page = "/" },
        };

        using var response = await Ingest.PostAsync("v1/vitals", Json.Body(new { vitals }));
        var answer = await response.ReadAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(7, (int)answer["accepted"]!);
        Assert.Equal("name", (string?)answer["rejected"]![0]!["field"]);
        await Server.WaitUntilStoredAsync();

        var report = await Admin.GetJsonAsync($"api/projects/{Server.ProjectId}/web-vitals?range=24h");

        var lcp = report["metrics"]!.AsArray().Single(metric => (string?)metric!["name"] == "LCP")!;
        Assert.Equal(5, (long)lcp["pageLoads"]!);
        Assert.Equal((0.6, 0.2, 0.2), ((double)lcp["good"]!, (double)lcp["needsImprovement"]!, (double)lcp["poor"]!));
        Assert.InRange((double)lcp["p75"]!, 2970, 3030);
        Assert.Equal("needsImprovement", (string?)lcp["rating"]);
        var pages = report["pages"]!.AsArray();
        Assert.Equal(["/orders/:id", "/pricing"], pages.Select(page => (string)page!["page"]!));
        Assert.Equal(4, (long)pages[0]!["pageLoads"]!);
        var ordersCls = pages[0]!["metrics"]!.AsArray().Single(metric => (string?)metric!["name"] == "CLS")!;
        Assert.Equal("poor", (string?)ordersCls["rating"]);
    }

    [Fact]
    public async Task GetWebVitals_BadRangeOrUnknownProject_Problem()
    {
        await Json.AssertProblemAsync(await Admin.GetAsync($"api/projects/{Server.ProjectId}/web-vitals?range=1y"), 400, "range");
        await Json.AssertProblemAsync(await Admin.GetAsync("api/projects/999/web-vitals"), 404, "id");
    }
}

public sealed class SqliteWebVitalsApiTests() : WebVitalsApiTests(Backend.Sqlite);

public sealed class PostgresClickHouseWebVitalsApiTests() : WebVitalsApiTests(Backend.PostgresClickHouse);
