using System.Net;
using System.Text.RegularExpressions;
using Vigil.Tests.Support;

namespace Vigil.Tests.Routes;

/// <summary>
/// Requests sent through <c>POST /v1/requests</c> and read back per route through the API and the Routes page, on a
/// real server and each backend, at a fixed clock.
/// </summary>
public abstract partial class RoutesApiTests(Backend backend) : ServerTests(backend, Now, logIn: true)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 5, 30, 0, TimeSpan.Zero);
    private const string SlowTrace = "4bf92f3577b34da6a3ce929d0e0e4736";

    [Fact]
    public async Task PostRequests_ThenRoutes_PerRouteNumbersAndTheSlowestWithTraceIds()
    {
        await SendAsync();

        var answer = await Admin.GetJsonAsync($"api/projects/{Server.ProjectId}/routes?range=24h");

        Assert.Equal("24h", (string?)answer["range"]);
        var routes = answer["routes"]!.AsArray();
        Assert.Equal(["GET /orders/{id}", "POST /orders"], routes.Select(route => $"{(string?)route!["method"]} {(string?)route["route"]}"));
        var orders = routes[0]!;
        Assert.Equal(20, (int)orders["count"]!);
        // 20 requests over the 23.5 hours the range has run (from 06:00 the day before to 05:30).
        Assert.Equal(20 / (23.5 * 3600), (double)orders["requestsPerSecond"]!, 12);
        Assert.Equal((0.1, 0.05), ((double)orders["clientErrorRate"]!, (double)orders["serverErrorRate"]!));
        Assert.Equal(1900, (double)orders["p95Ms"]!, 1900 * 0.01);
        Assert.Equal(1050, (double)orders["averageMs"]!, 6);
        var slowest = answer["slowest"]!.AsArray();
        Assert.Equal([5000.0, 2000, 1900, 1800, 1700], slowest.Select(request => (double)request!["durationMs"]!));
        Assert.Equal((SlowTrace, 503, "POST"), ((string?)slowest[0]!["traceId"], (int)slowest[0]!["status"]!, (string?)slowest[0]!["method"]));
        Assert.Null(slowest[1]!["traceId"]);

        var oneRoute = await Admin.GetJsonAsync($"api/projects/{Server.ProjectId}/requests/slowest?route={Uri.EscapeDataString("/orders/{id}")}");
        Assert.Equal([2000.0, 1900, 1800, 1700, 1600], oneRoute["requests"]!.AsArray().Select(request => (double)request!["durationMs"]!));
    }

    [Fact]
    public async Task Routes_Csv_TheTableWithTheSameNumbers()
    {
        await SendAsync();

        var routes = await Page.GetCsvAsync($"api/projects/{Server.ProjectId}/routes?format=csv");
        var slowest = await Admin.GetCsvAsync($"api/projects/{Server.ProjectId}/requests/slowest?range=7d&format=csv");

        Assert.Equal(["Method", "Route", "Requests"], routes[0][..3]);
        Assert.Equal(["GET", "/orders/{id}", "20"], routes[1][..3]);
        Assert.Equal(["POST", "/orders", "1"], routes[2][..3]);
        Assert.Equal(["Time", "Method", "Route", "Status", "Duration (ms)", "Trace id"], slowest[0]);
        // In the project's zone (Asia/Seoul).
        Assert.Equal(["2026-11-21T14:10:00+09:00", "POST", "/orders", "503", "5000", SlowTrace], slowest[1]);
    }

    [Fact]
    public async Task Routes_BadParametersUnknownProjectOrNoCredentials_Problem()
    {
        await Json.AssertProblemAsync(await Admin.GetAsync($"api/projects/{Server.ProjectId}/routes?range=1y"), 400, "range");
        await Json.AssertProblemAsync(await Admin.GetAsync($"api/projects/{Server.ProjectId}/routes?format=xml"), 400, "format");
        await Json.AssertProblemAsync(await Admin.GetAsync($"api/projects/{Server.ProjectId}/requests/slowest?method="), 400, "method");
        await Json.AssertProblemAsync(await Admin.GetAsync($"api/projects/{Server.ProjectId}/requests/slowest?route={new string('x', 513)}"), 400, "route");
        await Json.AssertProblemAsync(await Admin.GetAsync("api/projects/999/routes"), 404, "id");
        await Json.AssertProblemAsync(await Admin.GetAsync("api/projects/999/requests/slowest"), 404, "id");
        using var anonymous = await Anonymous.GetAsync($"api/projects/{Server.ProjectId}/routes");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task PostRequests_TraceIdNot32HexDigits_RejectedNamingIt()
    {
        using var response = await Ingest.PostAsync("v1/requests", Json.Body(new
        {
            requests = new object[]
            {
                new { method = "GET", route = "/", status = 200, duration_ms = 5, trace_id = "not-a-trace" },
                new { method = "GET", route = "/", status = 200, duration_ms = 5, trace_id = SlowTrace.ToUpperInvariant() },
            },
        }));

        var answer = await response.ReadAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (int)answer["accepted"]!);
        Assert.Equal((0, "trace_id"), ((int)answer["rejected"]![0]!["index"]!, (string?)answer["rejected"]![0]!["field"]));
    }

    [Fact]
    public async Task RoutesPage_TableAndSlowestLinkingToTheTracesLogs()
    {
        await SendAsync();

        var html = await Page.GetStringAsync($"/projects/{Server.ProjectId}/routes");

        Assert.Contains("class=\"active\" data-testid=\"nav-routes\"", html);
        Assert.Equal(2, RouteRow().Count(html));
        Assert.Matches("data-testid=\"route-count\">20<", html);
        Assert.Matches("data-testid=\"route-4xx\">10.0%<", html);
        Assert.Matches("data-testid=\"route-5xx\">5.0%<", html);
        Assert.Equal(5, Regex.Count(html, "data-testid=\"slowest-row\""));
        Assert.Contains($"href=\"/projects/{Server.ProjectId}/logs?trace_id={SlowTrace}\" data-testid=\"slowest-trace-link\"", html);
        Assert.Contains("2026-11-21 14:10:00.000", html);
        Assert.Contains($"href=\"/api/projects/{Server.ProjectId}/routes?range=24h&amp;format=csv\"", html);

        var month = await Page.GetStringAsync($"/projects/{Server.ProjectId}/routes?range=30d");
        Assert.Contains("data-range=\"30d\" class=\"active\"", month);
        Assert.Contains($"href=\"/api/projects/{Server.ProjectId}/requests/slowest?range=30d&amp;format=csv\"", month);
    }

    [Fact]
    public async Task RoutesPage_NoRequests_SaysHowToSendThem()
    {
        var html = await Page.GetStringAsync($"/projects/{Server.ProjectId}/routes");

        Assert.Contains("data-testid=\"routes-empty\"", html);
        Assert.Contains("POST /v1/requests", html);
        Assert.DoesNotContain("data-testid=\"slowest-table\"", html);
    }

    /// <summary>
    /// GET /orders/{id}: 20 requests of 100…2000 ms, two 404s and one 500, none with a trace id; POST /orders: one of
    /// 5 s that failed with 503, with a trace id. All 20 minutes before now.
    /// </summary>
    private async Task SendAsync()
    {
        var at = Now.AddMinutes(-20).ToString("O");
        var requests = Enumerable.Range(1, 20)
            .Select(index => (object)new { timestamp = at, method = "get", route = "/orders/{id}", status = index switch { 3 or 7 => 404, 11 => 500, _ => 200 }, duration_ms = index * 100 })
            .Append(new { timestamp = at, method = "POST", route = "/orders", status = 503, duration_ms = 5000, trace_id = SlowTrace })
            .ToArray();
        await Ingest.PostRequestsAsync(requests);
        await Server.WaitUntilStoredAsync();
    }

    [GeneratedRegex("data-testid=\"route-row\"")]
    private static partial Regex RouteRow();
}

public sealed class SqliteRoutesApiTests() : RoutesApiTests(Backend.Sqlite);

public sealed class PostgresClickHouseRoutesApiTests() : RoutesApiTests(Backend.PostgresClickHouse);
