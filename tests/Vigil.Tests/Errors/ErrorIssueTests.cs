using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Alerts;
using Vigil.Tests.Support;

namespace Vigil.Tests.Errors;

/// <summary>Errors through <c>POST /v1/errors</c> into issues, read and resolved through the API, on a real server and each backend.</summary>
public abstract class ErrorIssueTests(Backend backend) : ServerTests(backend, Now)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 5, 30, 0, TimeSpan.Zero);

    // The same bug at two deploys: other line numbers, another checkout path, another order id.
    private const string PlaceOrderStack = """
        System.InvalidOperationException: Order 12345 has no lines
           at Shop.Orders.OrderService.<PlaceAsync>d__4.MoveNext() in /src/Shop/Orders/OrderService.cs:line 42
           at Shop.Api.OrdersEndpoint.<>c__DisplayClass3_0.<<Map>b__0>d.MoveNext() in /src/Shop/Api/OrdersEndpoint.cs:line 17
        """;

    private const string PlaceOrderStackLater = """
        System.InvalidOperationException: Order 98 has no lines
           at Shop.Orders.OrderService.<PlaceAsync>d__5.MoveNext() in /home/ci/Shop/Orders/OrderService.cs:line 57
           at Shop.Api.OrdersEndpoint.<>c__DisplayClass4_0.<<Map>b__0>d.MoveNext() in /home/ci/Shop/Api/OrdersEndpoint.cs:line 21
        """;

    private string Issues => $"api/projects/{Server.ProjectId}/issues";

    [Fact]
    public async Task PostErrors_SameBugTwiceAndAnother_TwoIssuesWithCountsUsersAndSample()
    {
        var answer = await PostErrorsAsync(
            Error(PlaceOrderStack, "Order 12345 has no lines", "u1", Now.AddMinutes(-20)),
            Error(PlaceOrderStackLater, "Order 98 has no lines", "u2", Now.AddMinutes(-10)),
            Error(PlaceOrderStack, "Order 7 has no lines", "u2", Now.AddMinutes(-5)),
            new { type = "TypeError", message = "Cannot read properties of null (reading 'value')", distinct_id = "u3", level = "fatal",
                stack = "TypeError: x\n    at submitOrder (https://shop.example/static/js/main.3f2a1b9c.js:2:10423)" });
        Assert.Equal(4, (int)answer["accepted"]!);
        await Server.WaitUntilStoredAsync();

        var issues = (await Admin.GetJsonAsync(Issues)).AsArray();

        Assert.Equal(2, issues.Count);
        var order = issues.Single(issue => ((string)issue!["title"]!).StartsWith("System.InvalidOperationException", StringComparison.Ordinal))!;
        Assert.Equal("System.InvalidOperationException: Order 12345 has no lines", (string?)order["title"]);
        Assert.Equal("Shop.Orders.OrderService.PlaceAsync (OrderService.cs)", (string?)order["culprit"]);
        Assert.Equal((3L, 2L, "open"), ((long)order["count"]!, (long)order["users"]!, (string)order["status"]!));
        Assert.Equal(Now.AddMinutes(-20), (DateTimeOffset)order["firstSeen"]!);
        Assert.Equal(Now.AddMinutes(-5), (DateTimeOffset)order["lastSeen"]!);
        var hourly = order["hourly"]!.AsArray().Select(count => (long)count!).ToList();
        Assert.Equal(24, hourly.Count);
        Assert.Equal(3, hourly[^1]);

        var detail = await Admin.GetJsonAsync($"{Issues}/{(string)order["fingerprint"]!}");
        var samples = detail["samples"]!.AsArray();
        Assert.Equal(3, samples.Count);
        Assert.Equal("Order 7 has no lines", (string?)samples[0]!["message"]);
        Assert.Equal("api", (string?)samples[0]!["source"]);
        Assert.Equal("Shop.Orders.OrderService.<PlaceAsync>d__4.MoveNext", (string?)samples[0]!["frames"]!.AsArray()[^1]!["function"]);
        Assert.Equal(42, (int)samples[0]!["frames"]!.AsArray()[^1]!["line"]!);
    }

    [Fact]
    public async Task ResolvedIssue_HappensAgainLater_ReopensAsARegression()
    {
        await PostErrorsAsync(Error(PlaceOrderStack, "Order 1 has no lines", "u1", Now.AddMinutes(-30)));
        await Server.WaitUntilStoredAsync();
        var fingerprint = (string)(await Admin.GetJsonAsync(Issues)).AsArray().Single()!["fingerprint"]!;

        using var resolve = await Admin.PutAsync($"{Issues}/{fingerprint}/status", Json.Body(new { status = "resolved" }));
        Assert.Equal(HttpStatusCode.NoContent, resolve.StatusCode);
        Assert.Equal("resolved", (string?)(await Admin.GetJsonAsync($"{Issues}?status=resolved")).AsArray().Single()!["status"]);

        Time.Advance(TimeSpan.FromMinutes(10));
        await PostErrorsAsync(Error(PlaceOrderStackLater, "Order 2 has no lines", "u2", Time.GetUtcNow().AddMinutes(-1)));
        await Server.WaitUntilStoredAsync();

        var issue = (await Admin.GetJsonAsync($"{Issues}?status=open")).AsArray().Single()!;
        Assert.Equal(fingerprint, (string?)issue["fingerprint"]);
        Assert.Equal(1, (long)issue["regressions"]!);
        Assert.Equal(Time.GetUtcNow().AddMinutes(-1), (DateTimeOffset)issue["regressedAt"]!);
    }

    [Fact]
    public async Task AlertRule_NewIssuesAndRegressions_FireWhenABugFirstAppearsAndWhenItComesBack()
    {
        using var rules = await Admin.PutAsync($"api/projects/{Server.ProjectId}/alert-rules", new StringContent("""
            alerts:
              - name: New bug
                condition: new_issues > 0
              - name: Bug is back
                condition: regressions[1h] > 0
            """, System.Text.Encoding.UTF8, "application/yaml"));
        Assert.True(rules.IsSuccessStatusCode);
        await RunCycleAsync();
        Assert.Empty(await FiringAsync());

        await PostErrorsAsync(Error(PlaceOrderStack, "Order 1 has no lines", "u1", Now.AddMinutes(-1)));
        await Server.WaitUntilStoredAsync();
        Time.Advance(TimeSpan.FromSeconds(15));
        await RunCycleAsync();
        Assert.Equal(["New bug"], await FiringAsync());

        var fingerprint = (string)(await Admin.GetJsonAsync(Issues)).AsArray().Single()!["fingerprint"]!;
        using var resolve = await Admin.PutAsync($"{Issues}/{fingerprint}/status", Json.Body(new { status = "resolved" }));
        Time.Advance(TimeSpan.FromMinutes(10));
        await PostErrorsAsync(Error(PlaceOrderStack, "Order 2 has no lines", "u1", Time.GetUtcNow().AddSeconds(-5)));
        await Server.WaitUntilStoredAsync();
        await RunCycleAsync();
        Assert.Equal(["Bug is back"], await FiringAsync());
    }

    [Fact]
    public async Task PostErrors_BadItems_RejectedWithFieldAndReason()
    {
        var answer = await PostErrorsAsync(
            new { message = "fine" },
            new { },
            new { message = "x", level = "catastrophic" },
            new { message = "x", trace_id = "not-a-trace" },
            new { message = "x", frames = "at a.js:1:1" },
            new { message = "x", frames = new[] { new { file = "a.js", line = -1 } } });

        Assert.Equal(1, (int)answer["accepted"]!);
        Assert.Equal(["message", "level", "trace_id", "frames", "frames[0].line"], answer["rejected"]!.AsArray().Select(item => (string)item!["field"]!));
    }

    [Fact]
    public async Task IssueApi_BadInput_ProblemsNamingTheField()
    {
        await Json.AssertProblemAsync(await Ingest.PostAsync("v1/errors?source=cron", Json.Body(new { errors = new[] { new { message = "x" } } })), 400, "source");
        await Json.AssertProblemAsync(await Admin.GetAsync($"{Issues}?status=closed"), 400, "status");
        await Json.AssertProblemAsync(await Admin.GetAsync($"{Issues}?range=1y"), 400, "range");
        await Json.AssertProblemAsync(await Admin.GetAsync($"{Issues}/0123456789abcdef"), 404, "fingerprint");
        await Json.AssertProblemAsync(await Admin.PutAsync($"{Issues}/0123456789abcdef/status", Json.Body(new { status = "resolved" })), 404, "fingerprint");
        await Json.AssertProblemAsync(await Admin.PutAsync($"{Issues}/0123456789abcdef/status", Json.Body(new { status = "1" })), 400, "status");
        await Json.AssertProblemAsync(await Admin.GetAsync($"api/projects/999/issues"), 404, "id");
        Assert.Equal(HttpStatusCode.Unauthorized, (await Anonymous.GetAsync(Issues)).StatusCode);
    }

    private Task RunCycleAsync() => Server.Services.GetRequiredService<AlertEvaluator>().RunCycleAsync(CancellationToken.None);

    private async Task<IReadOnlyList<string>> FiringAsync() =>
        (await Admin.GetJsonAsync($"api/projects/{Server.ProjectId}/alerts"))["firing"]!.AsArray().Select(alert => (string)alert!["ruleName"]!).ToList();

    private static object Error(string stack, string message, string user, DateTimeOffset at) =>
        new { type = "System.InvalidOperationException", message, stack, distinct_id = user, timestamp = at.ToString("O"), release = "shop@1.4.2", environment = "production" };

    private async Task<JsonNode> PostErrorsAsync(params object[] errors)
    {
        using var response = await Ingest.PostAsync("v1/errors", Json.Body(new { errors }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadAsync();
    }
}

public sealed class SqliteErrorIssueTests() : ErrorIssueTests(Backend.Sqlite);

public sealed class PostgresClickHouseErrorIssueTests() : ErrorIssueTests(Backend.PostgresClickHouse);
