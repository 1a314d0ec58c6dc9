using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Core.Ingest;
using Vigil.Core.Ingest.Otlp.Proto.Collector.Trace;
using Vigil.Core.Ingest.Otlp.Proto.Common;
using Vigil.Core.Ingest.Otlp.Proto.Rpc;
using Vigil.Core.Ingest.Otlp.Proto.Trace;
using Vigil.Core.Metrics;
using Vigil.Core.Storage;
using Vigil.Ingest;
using Vigil.Tests.Support;
using Status = Vigil.Core.Ingest.Otlp.Proto.Rpc.Status;

namespace Vigil.Tests.Ingest.Otlp;

/// <summary>POST /v1/traces against a real Vigil on loopback with its own SQLite file, one server per test.</summary>
public sealed class OtlpTraceEndpointsTests() : ServerTests(Backend.Sqlite, Now)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 5, 30, 0, TimeSpan.Zero);

    /// <summary>An HTTP server span ending <paramref name="endsAgo"/> before now, stable semantic conventions.</summary>
    private static Span ServerSpan(int status, double durationMs, string route = "/api/orders/{id}", TimeSpan? endsAgo = null, Span.Types.SpanKind kind = Span.Types.SpanKind.Server)
    {
        var end = Now - (endsAgo ?? TimeSpan.FromMinutes(1));
        return new Span
        {
            TraceId = ByteString.CopyFrom(Guid.NewGuid().ToByteArray()),
            SpanId = ByteString.CopyFrom(BitConverter.GetBytes(Random.Shared.NextInt64(1, long.MaxValue))),
            Name = $"GET {route}",
            Kind = kind,
            StartTimeUnixNano = UnixNanoseconds(end) - (ulong)(durationMs * 1_000_000),
            EndTimeUnixNano = UnixNanoseconds(end),
            Attributes =
            {
                new KeyValue { Key = "http.request.method", Value = new AnyValue { StringValue = "GET" } },
                new KeyValue { Key = "http.route", Value = new AnyValue { StringValue = route } },
                new KeyValue { Key = "http.response.status_code", Value = new AnyValue { IntValue = status } },
            },
        };
    }

    private static ulong UnixNanoseconds(DateTimeOffset time) => (ulong)(time - DateTimeOffset.UnixEpoch).Ticks * TimeSpan.NanosecondsPerTick;

    private static ExportTraceServiceRequest Export(params Span[] spans) => new()
    {
        ResourceSpans = { new ResourceSpans { ScopeSpans = { new ScopeSpans { Spans = { spans } } } } },
    };

    private static ByteArrayContent Protobuf(IMessage message) => RequestBodies.Of(message.ToByteArray(), "application/x-protobuf");

    private async Task<RequestAggregate> StoredRequestsAsync()
    {
        await Server.WaitUntilStoredAsync();
        var store = Server.Services.GetRequiredService<ITelemetryStore>();
        var totals = await store.ReadRequestTotalsAsync([Server.ProjectId], Now.AddHours(-1), Now.AddMinutes(1), Granularity.Minute, CancellationToken.None);
        return totals.GetValueOrDefault(Server.ProjectId) ?? new RequestAggregate();
    }

    private static async Task<T> ReadProtobufAsync<T>(HttpResponseMessage response, MessageParser<T> parser)
        where T : IMessage<T>
    {
        Assert.Equal("application/x-protobuf", response.Content.Headers.ContentType?.MediaType);
        return parser.ParseFrom(await response.Content.ReadAsByteArrayAsync());
    }

    private static async Task AssertStatusAsync(HttpResponseMessage response, HttpStatusCode expected, string messagePart, string? field = null)
    {
        Assert.Equal(expected, response.StatusCode);
        var status = await ReadProtobufAsync(response, Status.Parser);
        Assert.Contains(messagePart, status.Message);
        if (field is not null)
        {
            var violation = Assert.Single(Assert.Single(status.Details).Unpack<BadRequest>().FieldViolations);
            Assert.Equal(field, violation.Field);
        }
    }

    [Fact]
    public async Task PostTraces_Protobuf_StoresServerSpansAsRequestsAndAnswersAnEmptyResponse()
    {
        var export = Export(ServerSpan(200, 100), ServerSpan(404, 200), ServerSpan(503, 300), ServerSpan(200, 999, kind: Span.Types.SpanKind.Client));

        using var response = await Ingest.PostAsync("v1/traces", Protobuf(export));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await ReadProtobufAsync(response, ExportTraceServiceResponse.Parser);
        Assert.Null(answer.PartialSuccess);
        var stored = await StoredRequestsAsync();
        Assert.Equal((3, 1, 1, 600.0), (stored.Count, stored.ClientErrors, stored.ServerErrors, stored.SumMs));
        var realtime = await Admin.GetJsonAsync($"api/projects/{Server.ProjectId}/realtime");
        Assert.Equal(100.0 / 3, (double)realtime["errorRate"]!, 9);
        Assert.Equal(200.0, (double)realtime["avgResponseTime"]!, 9);
    }

    [Fact]
    public async Task PostTraces_ExceptionEvent_BecomesAnIssueWithTheSpansTraceId()
    {
        var span = ServerSpan(500, 30);
        span.Events.Add(new Span.Types.Event
        {
            Name = "exception",
            TimeUnixNano = span.EndTimeUnixNano,
            Attributes =
            {
                new KeyValue { Key = "exception.type", Value = new AnyValue { StringValue = "System.TimeoutException" } },
                new KeyValue { Key = "exception.message", Value = new AnyValue { StringValue = "The payment gateway did not answer" } },
                new KeyValue { Key = "exception.stacktrace", Value = new AnyValue { StringValue = "System.TimeoutException: The payment gateway did not answer\n   at Shop.Payments.Charge() in /src/Shop/Payments.cs:line 9" } },
            },
        });

        using var response = await Ingest.PostAsync("v1/traces", Protobuf(Export(span)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (await StoredRequestsAsync()).Count);
        var issue = Assert.Single((await Admin.GetJsonAsync($"api/projects/{Server.ProjectId}/issues")).AsArray())!;
        Assert.Contains("The payment gateway did not answer", (string)issue["title"]!);
        var detail = await Admin.GetJsonAsync($"api/projects/{Server.ProjectId}/issues/{(string)issue["fingerprint"]!}");
        var sample = detail["samples"]![0]!;
        Assert.Equal(("otlp", Convert.ToHexStringLower(span.TraceId.Span)), ((string)sample["source"]!, (string)sample["traceId"]!));
    }

    [Fact]
    public async Task PostTraces_Json_HexIdsAndStringNumbers_AreStoredAndAnsweredInJson()
    {
        var end = UnixNanoseconds(Now.AddMinutes(-2));
        var json = $$$"""
            {"resourceSpans":[{"scopeSpans":[{"spans":[{
              "traceId":"5B8EFFF798038103D269B633813FC60C","spanId":"EEE19B7EC3C1B174",
              "name":"POST /api/orders","kind":2,
              "startTimeUnixNano":"{{{end - 42_000_000}}}","endTimeUnixNano":"{{{end}}}",
              "attributes":[
                {"key":"http.request.method","value":{"stringValue":"POST"}},
                {"key":"http.route","value":{"stringValue":"/api/orders"}},
                {"key":"http.response.status_code","value":{"intValue":"201"}}
              ]
            }]}]}]}
            """;

        using var response = await Ingest.PostAsync("v1/traces", RequestBodies.Of(Encoding.UTF8.GetBytes(json), "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("{}", (await response.ReadAsync()).ToJsonString());
        var stored = await StoredRequestsAsync();
        Assert.Equal((1L, 42.0), (stored.Count, stored.SumMs));
    }

    [Fact]
    public async Task PostTraces_GzipProtobuf_IsAccepted()
    {
        using var response = await Ingest.PostAsync("v1/traces", RequestBodies.Of(Export(ServerSpan(200, 10), ServerSpan(200, 30)).ToByteArray(), "application/x-protobuf", gzip: true));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, (await StoredRequestsAsync()).Count);
    }

    [Fact]
    public async Task PostTraces_SomeSpansInvalid_PartialSuccessCountsAndNamesThemAndStoresTheRest()
    {
        var endsBeforeItStarts = ServerSpan(200, 10);
        endsBeforeItStarts.EndTimeUnixNano = endsBeforeItStarts.StartTimeUnixNano - 1;
        var tooOld = ServerSpan(200, 10, endsAgo: TimeSpan.FromDays(31));

        using var response = await Ingest.PostAsync("v1/traces", Protobuf(Export(ServerSpan(200, 50), endsBeforeItStarts, tooOld)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var partial = (await ReadProtobufAsync(response, ExportTraceServiceResponse.Parser)).PartialSuccess;
        Assert.Equal(2, partial.RejectedSpans);
        Assert.Contains("spans[1] (endTimeUnixNano): endTimeUnixNano", partial.ErrorMessage);
        Assert.Contains("spans[2] (endTimeUnixNano)", partial.ErrorMessage);
        Assert.Contains("30 days old", partial.ErrorMessage);
        Assert.Equal(1, (await StoredRequestsAsync()).Count);
    }

    [Fact]
    public async Task PostTraces_PartialSuccessAsJson_CarriesRejectedSpansAsAString()
    {
        var noStart = ServerSpan(200, 10);
        noStart.StartTimeUnixNano = 0;

        using var response = await Ingest.PostAsync("v1/traces", RequestBodies.Of(Encoding.UTF8.GetBytes(JsonFormatter.Default.Format(Export(noStart))), "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var partial = (await response.ReadAsync())["partialSuccess"]!;
        Assert.Equal("1", (string)partial["rejectedSpans"]!);
        Assert.Contains("startTimeUnixNano is missing", (string)partial["errorMessage"]!);
    }

    [Fact]
    public async Task PostTraces_EmptyProtobufBody_IsAnEmptySuccess()
    {
        using var response = await Ingest.PostAsync("v1/traces", RequestBodies.Of([], "application/x-protobuf"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("vgi_unknown")]
    public async Task PostTraces_MissingOrUnknownKey_Is401StatusInProtobuf(string? key)
    {
        using var client = Server.CreateClient(key);

        using var response = await client.PostAsync("v1/traces", Protobuf(Export(ServerSpan(200, 1))));

        await AssertStatusAsync(response, HttpStatusCode.Unauthorized, "x-vigil-key");
        Assert.Equal(0, (await StoredRequestsAsync()).Count);
    }

    [Fact]
    public async Task PostTraces_AdminTokenInsteadOfIngestKey_Is401()
    {
        using var response = await Admin.PostAsync("v1/traces", Protobuf(Export(ServerSpan(200, 1))));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task PostTraces_UnknownKeyAsJson_Is401StatusInJson()
    {
        using var client = Server.CreateClient("vgi_unknown");

        using var response = await client.PostAsync("v1/traces", RequestBodies.Of("{}"u8.ToArray(), "application/json"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(16, (int)(await response.ReadAsync())["code"]!);
    }

    [Fact]
    public async Task PostTraces_KeyInXVigilKeyHeader_IsAccepted()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/traces") { Content = Protobuf(Export(ServerSpan(200, 1))) };
        request.Headers.Add(IngestKeys.HeaderName, Server.IngestKey);

        using var response = await Anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (await StoredRequestsAsync()).Count);
    }

    [Fact]
    public async Task PostTraces_GarbageProtobuf_Is400NamingTheBody()
    {
        // Field 1, length-delimited, claiming far more bytes than follow.
        using var response = await Ingest.PostAsync("v1/traces", RequestBodies.Of([0x0A, 0xFF, 0xFF, 0xFF, 0x0F, 0x01], "application/x-protobuf"));

        await AssertStatusAsync(response, HttpStatusCode.BadRequest, "ExportTraceServiceRequest", field: "body");
    }

    [Fact]
    public async Task PostTraces_GarbageJson_Is400StatusInJsonNamingTheBody()
    {
        using var response = await Ingest.PostAsync("v1/traces", RequestBodies.Of("{\"resourceSpans\":[{"u8.ToArray(), "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var status = await response.ReadAsync();
        Assert.Equal("body", (string)status["details"]![0]!["fieldViolations"]![0]!["field"]!);
        Assert.Contains("not an OTLP/JSON", (string)status["message"]!);
    }

    [Fact]
    public async Task PostTraces_BrokenGzip_Is400()
    {
        var content = RequestBodies.Of([1, 2, 3, 4], "application/x-protobuf");
        content.Headers.ContentEncoding.Add("gzip");

        using var response = await Ingest.PostAsync("v1/traces", content);

        await AssertStatusAsync(response, HttpStatusCode.BadRequest, "gzip", field: "body");
    }

    [Fact]
    public async Task PostTraces_UnsupportedContentType_Is415()
    {
        using var response = await Ingest.PostAsync("v1/traces", RequestBodies.Of("hello"u8.ToArray(), "text/plain"));

        await AssertStatusAsync(response, HttpStatusCode.UnsupportedMediaType, "text/plain", field: "Content-Type");
    }

    [Fact]
    public async Task PostTraces_BodyOverTheLimit_Is413()
    {
        using var response = await Ingest.PostAsync("v1/traces", RequestBodies.Of(new byte[IngestLimits.MaxOtlpRequestBytes + 1], "application/x-protobuf"));

        await AssertStatusAsync(response, HttpStatusCode.RequestEntityTooLarge, "KiB", field: "body");
    }

    [Fact]
    public async Task PostTraces_StorageUnavailable_Is503WithRetryAfter()
    {
        // A stopped writer takes no more writes: what a shutting-down node answers.
        await Server.Services.GetRequiredService<IngestWriter>().StopAsync(CancellationToken.None);

        using var response = await Ingest.PostAsync("v1/traces", Protobuf(Export(ServerSpan(200, 1))));

        await AssertStatusAsync(response, HttpStatusCode.ServiceUnavailable, "nothing of this request was stored");
        Assert.Equal("1", response.Headers.GetValues("Retry-After").Single());
    }

    [Fact]
    public async Task Preflight_Traces_AllowsAnyOriginForBrowserExporters()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "v1/traces");
        request.Headers.Add("Origin", "https://shop.example");
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type,x-vigil-key");

        using var response = await Anonymous.SendAsync(request);

        Assert.True(response.IsSuccessStatusCode);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }
}
