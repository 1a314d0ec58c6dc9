using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Core.Ingest.Otlp.Proto.Collector.Logs;
using Vigil.Core.Ingest.Otlp.Proto.Common;
using Vigil.Core.Ingest.Otlp.Proto.Logs;
using Vigil.Core.Logs;
using Vigil.Core.Storage;
using Vigil.Logs;
using Vigil.Tests.Support;
using OtlpLogRecord = Vigil.Core.Ingest.Otlp.Proto.Logs.LogRecord;

namespace Vigil.Tests.Logs;

/// <summary>POST /v1/logs in every format, then GET /api/projects/{id}/logs, on a real server and each backend.</summary>
public abstract class LogEndpointsTests(Backend backend) : ServerTests(backend, Now)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 5, 30, 0, TimeSpan.Zero);
    private const string Trace = "5b8efff798038103d269b633813fc60c";

    private string Search => $"api/projects/{Server.ProjectId}/logs";

    private static ulong Nanoseconds(DateTimeOffset time) => (ulong)(time - DateTimeOffset.UnixEpoch).Ticks * TimeSpan.NanosecondsPerTick;

    private static OtlpLogRecord Record(string body, SeverityNumber severity, DateTimeOffset at, string? traceId = null, params (string Key, string Value)[] attributes)
    {
        var record = new OtlpLogRecord { TimeUnixNano = Nanoseconds(at), SeverityNumber = severity, Body = new AnyValue { StringValue = body } };
        if (traceId is not null)
        {
            record.TraceId = ByteString.CopyFrom(Convert.FromHexString(traceId));
            record.SpanId = ByteString.CopyFrom(Convert.FromHexString("eee19b7ec3c1b174"));
        }
        foreach (var (key, value) in attributes)
        {
            record.Attributes.Add(new KeyValue { Key = key, Value = new AnyValue { StringValue = value } });
        }
        return record;
    }

    private static ExportLogsServiceRequest Export(params OtlpLogRecord[] records) => new()
    {
        ResourceLogs =
        {
            new ResourceLogs
            {
                Resource = new() { Attributes = { new KeyValue { Key = "service.name", Value = new AnyValue { StringValue = "shop-api" } } } },
                ScopeLogs = { new ScopeLogs { Scope = new() { Name = "Shop.Orders" }, LogRecords = { records } } },
            },
        },
    };

    private async Task<List<string>> BodiesAsync(string query = "")
    {
        await Server.WaitUntilStoredAsync();
        var answer = await Admin.GetJsonAsync($"{Search}{query}");
        return answer["logs"]!.AsArray().Select(log => (string)log!["body"]!).ToList();
    }

    [Fact]
    public async Task PostLogs_OtlpProtobuf_StoredAndFoundByTextLevelTraceAndAttribute()
    {
        var export = Export(
            Record("Order 42 placed", SeverityNumber.Info, Now.AddMinutes(-3), Trace, ("order.id", "42")),
            Record("Payment declined for order 42", SeverityNumber.Error, Now.AddMinutes(-2), Trace, ("order.id", "42")),
            Record("Cache warmed", SeverityNumber.Debug, Now.AddMinutes(-1)),
            Record("too old", SeverityNumber.Info, Now.AddDays(-40)));

        using var response = await Ingest.PostAsync("v1/logs", RequestBodies.Of(export.ToByteArray(), "application/x-protobuf"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = ExportLogsServiceResponse.Parser.ParseFrom(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(1, answer.PartialSuccess.RejectedLogRecords);
        Assert.Contains("logRecords[3] (timeUnixNano)", answer.PartialSuccess.ErrorMessage);
        Assert.Equal(["Cache warmed", "Payment declined for order 42", "Order 42 placed"], await BodiesAsync());
        Assert.Equal(["Payment declined for order 42", "Order 42 placed"], await BodiesAsync("?q=order"));
        Assert.Equal(["Payment declined for order 42"], await BodiesAsync("?q=order+%22payment+declined%22"));
        Assert.Equal(["Payment declined for order 42"], await BodiesAsync("?level=error"));
        Assert.Equal(["Payment declined for order 42", "Order 42 placed"], await BodiesAsync($"?trace_id={Trace.ToUpperInvariant()}"));
        Assert.Equal(["Payment declined for order 42", "Order 42 placed"], await BodiesAsync("?attr=order.id:42&attr=scope.name:Shop.Orders"));
        Assert.Equal(["Cache warmed"], await BodiesAsync($"?from={Uri.EscapeDataString(Now.AddMinutes(-1).ToString("O"))}"));

        var line = (await Admin.GetJsonAsync($"{Search}?level=error"))["logs"]![0]!;
        Assert.Equal(("error", 17, "shop-api", Trace, "eee19b7ec3c1b174"), ((string)line["level"]!, (int)line["severityNumber"]!, (string)line["service"]!, (string)line["traceId"]!, (string)line["spanId"]!));
        Assert.Equal("42", (string)line["attributes"]!["order.id"]!);
        Assert.Equal(Now.AddMinutes(-2), (DateTimeOffset)line["timestamp"]!);
    }

    [Fact]
    public async Task PostLogs_OtlpJsonGzip_AnsweredInJsonAndStored()
    {
        var json = $$$"""
            {"resourceLogs":[{"scopeLogs":[{"logRecords":[
              {"timeUnixNano":"{{{Nanoseconds(Now.AddMinutes(-1))}}}","severityText":"WARN","body":{"kvlistValue":{"values":[{"key":"event","value":{"stringValue":"slow"}}]}},
               "traceId":"{{{Trace}}}","spanId":"eee19b7ec3c1b174"}]}]}]}
            """;

        using var response = await Ingest.PostAsync("v1/logs", RequestBodies.Of(Encoding.UTF8.GetBytes(json), "application/json", gzip: true));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Null(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["partialSuccess"]);
        await Server.WaitUntilStoredAsync();
        var line = (await Admin.GetJsonAsync($"{Search}?trace_id={Trace}"))["logs"]![0]!;
        Assert.Equal(("{\"event\":\"slow\"}", "warn", "WARN"), ((string)line["body"]!, (string)line["level"]!, (string)line["severityText"]!));
    }

    [Fact]
    public async Task PostLogs_VigilJson_AcceptedWithPerLineRejections()
    {
        var answer = await (await Ingest.PostAsync("v1/logs", Json.Body(new
        {
            logs = new object[]
            {
                new { message = "checkout started", level = "info", timestamp = Now.AddMinutes(-2), trace_id = Trace, service = "web", attributes = new { cart = new { items = 3 } } },
                new { message = "checkout failed", level = "error", timestamp = Now.AddMinutes(-1) },
                new { level = "error" },
                new { message = "x", trace_id = "nothex" },
            },
        }))).ReadAsync();

        Assert.Equal(2, (int)answer["accepted"]!);
        Assert.Equal(["message", "trace_id"], answer["rejected"]!.AsArray().Select(rejection => (string)rejection!["field"]!));
        Assert.Equal(["checkout failed", "checkout started"], await BodiesAsync("?q=checkout"));
        Assert.Equal(["checkout started"], await BodiesAsync("?attr=cart.items:3"));
    }

    [Fact]
    public async Task PostLogs_NoKey_401InTheRequestsKind()
    {
        using var protobuf = await Anonymous.PostAsync("v1/logs", RequestBodies.Of(Export().ToByteArray(), "application/x-protobuf"));
        using var json = await Anonymous.PostAsync("v1/logs", Json.Body(new { logs = Array.Empty<object>() }));

        Assert.Equal((HttpStatusCode.Unauthorized, "application/x-protobuf"), (protobuf.StatusCode, protobuf.Content.Headers.ContentType?.MediaType));
        await Json.AssertProblemAsync(json, 401, "authorization");
    }

    [Fact]
    public async Task PostLogs_BrokenBodies_400NamingTheField()
    {
        using var protobuf = await Ingest.PostAsync("v1/logs", RequestBodies.Of([0xff, 0xff, 0xff], "application/x-protobuf"));
        using var json = await Ingest.PostAsync("v1/logs", Json.Raw("{\"logs\": 3}"));

        Assert.Equal(HttpStatusCode.BadRequest, protobuf.StatusCode);
        await Json.AssertProblemAsync(json, 400, "logs");
    }

    [Theory]
    [InlineData("level=loud", "level")]
    [InlineData("trace_id=123", "trace_id")]
    [InlineData("limit=5000", "limit")]
    [InlineData("attr=nocolon", "attr")]
    [InlineData("from=yesterday", "from")]
    [InlineData("before=x", "before")]
    [InlineData("q=%22open", "q")]
    public async Task SearchLogs_BadParameter_400NamingIt(string query, string field)
    {
        using var response = await Admin.GetAsync($"{Search}?{query}");

        await Json.AssertProblemAsync(response, 400, field);
    }

    [Fact]
    public async Task SearchLogs_Paging_EveryLineOnceThroughNext()
    {
        await Ingest.PostAsync("v1/logs", Json.Body(new { logs = Enumerable.Range(0, 5).Select(index => new { message = $"line {index}", timestamp = Now.AddSeconds(-index) }) }));
        await Server.WaitUntilStoredAsync();

        var bodies = new List<string>();
        string? next = null;
        do
        {
            var page = await Admin.GetJsonAsync($"{Search}?limit=2{(next is null ? "" : $"&before={next}")}");
            bodies.AddRange(page["logs"]!.AsArray().Select(log => (string)log!["body"]!));
            next = (string?)page["next"];
        }
        while (next is not null);

        Assert.Equal(["line 0", "line 1", "line 2", "line 3", "line 4"], bodies);
    }

    [Fact]
    public async Task Retention_OneDay_OlderLinesHiddenThenDeletedByTheJob()
    {
        await Ingest.PostAsync("v1/logs", Json.Body(new
        {
            logs = new[] { new { message = "three days old", timestamp = Now.AddDays(-3) }, new { message = "fresh", timestamp = Now.AddMinutes(-1) } },
        }));
        var project = await Admin.GetJsonAsync($"api/projects/{Server.ProjectId}");
        Assert.Equal(14, (int)project["logRetentionDays"]!);
        Assert.Equal(["fresh", "three days old"], await BodiesAsync());

        project["logRetentionDays"] = 1;
        using (var put = await Admin.PutAsync($"api/projects/{Server.ProjectId}", Json.Raw(project.ToJsonString())))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }
        Assert.Equal(["fresh"], await BodiesAsync());

        var deleted = await Server.Services.GetRequiredService<LogRetentionJob>().RunAsync(CancellationToken.None);

        Assert.Equal(1, deleted);
        var stored = await Server.Services.GetRequiredService<ITelemetryStore>().SearchLogsAsync(LogQuery.Newest(Server.ProjectId), CancellationToken.None);
        Assert.Equal(["fresh"], stored.Logs.Select(log => log.Record.Body));
    }

    [Fact]
    public async Task UpdateProject_RetentionOutOfRange_ValidationProblem()
    {
        var project = await Admin.GetJsonAsync($"api/projects/{Server.ProjectId}");
        project["logRetentionDays"] = 366;

        using var put = await Admin.PutAsync($"api/projects/{Server.ProjectId}", Json.Raw(project.ToJsonString()));

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.NotNull((await put.ReadAsync())["errors"]!["logRetentionDays"]);
    }
}

public sealed class SqliteLogEndpointsTests() : LogEndpointsTests(Backend.Sqlite);

public sealed class PostgresClickHouseLogEndpointsTests() : LogEndpointsTests(Backend.PostgresClickHouse);
