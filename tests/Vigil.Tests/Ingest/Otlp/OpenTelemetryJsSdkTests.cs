using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Core.Metrics;
using Vigil.Core.Storage;
using Vigil.Tests.Support;

namespace Vigil.Tests.Ingest.Otlp;

/// <summary>
/// The real OpenTelemetry JS SDK (pinned in tests/node/package.json) with its OTLP/HTTP exporters, which send
/// OTLP/JSON, exporting an app's spans and logs to Vigil on each backend: the server spans are requests, the recorded
/// exception an issue of the trace, and the log lines searchable by their trace.
/// </summary>
public abstract class OpenTelemetryJsSdkTests(Backend backend)
    // The system clock: the SDK stamps spans and lines with the real time, and the server must agree with it.
    : ServerTests(backend)
{
    [Fact]
    public async Task OtlpJsonExporters_SpansAndLogs_RequestsIssueAndLogLinesOfTheirTraces()
    {
        var (exitCode, output) = await NodeScripts.RunAsync("@opentelemetry/exporter-trace-otlp-http", "otel-json-export.mjs",
            Server.BaseAddress.ToString().TrimEnd('/'), Server.IngestKey);

        Assert.True(exitCode == 0, $"node exited {exitCode}:\n{output}");
        var traces = JsonNode.Parse(output.Split('\n').Single(line => line.StartsWith('{')))!;
        var (ordersTraceId, checkoutTraceId) = ((string)traces["ordersTraceId"]!, (string)traces["checkoutTraceId"]!);
        await Server.WaitUntilStoredAsync();

        // GET /orders/:id (200) and POST /checkout (500); the client span to the payment service is not a request.
        var now = DateTimeOffset.UtcNow;
        var requests = (await Server.Services.GetRequiredService<ITelemetryStore>()
            .ReadRequestTotalsAsync([Server.ProjectId], now.AddHours(-1), now.AddMinutes(1), Granularity.Minute, CancellationToken.None))[Server.ProjectId];
        Assert.Equal((2, 0, 1), ((int)requests.Count, (int)requests.ClientErrors, (int)requests.ServerErrors));
        Assert.InRange(requests.SumMs, 25, 10_000);

        var issue = Assert.Single((await Admin.GetJsonAsync($"api/projects/{Server.ProjectId}/issues")).AsArray())!;
        Assert.Equal(("TypeError: Cannot read properties of undefined (reading 'reduce')", "orderTotal (otel-json-export.mjs)"),
            ((string)issue["title"]!, (string?)issue["culprit"]));
        var sample = (await Admin.GetJsonAsync($"api/projects/{Server.ProjectId}/issues/{(string)issue["fingerprint"]!}"))["samples"]![0]!;
        Assert.Equal(("otlp", checkoutTraceId, "user-7", "1.4.2", "test"),
            ((string)sample["source"]!, (string)sample["traceId"]!, (string?)sample["distinctId"], (string?)sample["release"], (string?)sample["environment"]));

        var logs = $"api/projects/{Server.ProjectId}/logs";
        var shown = Assert.Single((await Admin.GetJsonAsync($"{logs}?trace_id={ordersTraceId}"))["logs"]!.AsArray())!;
        Assert.Equal(("Order 42 shown to user-7", "info", "shop-web", "42"),
            ((string)shown["body"]!, (string)shown["level"]!, (string)shown["service"]!, (string)shown["attributes"]!["order.id"]!));
        var failed = Assert.Single((await Admin.GetJsonAsync($"{logs}?trace_id={checkoutTraceId}"))["logs"]!.AsArray())!;
        Assert.Equal(("Checkout failed: Cannot read properties of undefined (reading 'reduce')", "error"), ((string)failed["body"]!, (string)failed["level"]!));
    }
}

public sealed class SqliteOpenTelemetryJsSdkTests() : OpenTelemetryJsSdkTests(Backend.Sqlite);

public sealed class PostgresClickHouseOpenTelemetryJsSdkTests() : OpenTelemetryJsSdkTests(Backend.PostgresClickHouse);
