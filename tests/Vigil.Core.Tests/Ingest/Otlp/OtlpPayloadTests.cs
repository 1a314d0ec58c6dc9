using System.Text;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Vigil.Core.Ingest.Otlp;
using Vigil.Core.Ingest.Otlp.Proto.Collector.Trace;
using Vigil.Core.Ingest.Otlp.Proto.Trace;
using Vigil.Core.Tests.Support;
using BadRequest = Vigil.Core.Ingest.Otlp.Proto.Rpc.BadRequest;
using RpcStatus = Vigil.Core.Ingest.Otlp.Proto.Rpc.Status;

namespace Vigil.Core.Tests.Ingest.Otlp;

public sealed class OtlpPayloadTests
{
    private const string TraceIdHex = "5B8EFFF798038103D269B633813FC60C";
    private const string SpanIdHex = "EEE19B7EC3C1B174";

    /// <summary>An OTLP/JSON export as the specification's example spells it: hex ids, integer enums, 64-bit times as strings.</summary>
    private static string JsonExport(string spanFields = "") => $$$"""
        {"resourceSpans":[{
          "resource":{"attributes":[{"key":"service.name","value":{"stringValue":"shop-api"}}]},
          "scopeSpans":[{
            "scope":{"name":"manual"},
            "spans":[{
              "traceId":"{{{TraceIdHex}}}","spanId":"{{{SpanIdHex}}}","parentSpanId":"",
              "name":"GET /api/users/{id}","kind":2,
              "startTimeUnixNano":"{{{Some.UnixNanoseconds(Some.Now.AddMinutes(-1).AddMilliseconds(-250))}}}",
              "endTimeUnixNano":{{{Some.UnixNanoseconds(Some.Now.AddMinutes(-1))}}},
              "attributes":[
                {"key":"http.request.method","value":{"stringValue":"GET"}},
                {"key":"http.route","value":{"stringValue":"/api/users/{id}"}},
                {"key":"http.response.status_code","value":{"intValue":"500"}}
              ],
              "status":{"code":2}{{{spanFields}}}
            }]
          }]
        }]}
        """;

    private static ExportTraceServiceRequest DecodeJson(string json)
    {
        Assert.True(OtlpPayload.TryDecode<ExportTraceServiceRequest>(Encoding.UTF8.GetBytes(json), OtlpEncoding.Json, out var export, out var problem), problem);
        return export;
    }

    private static Span OnlySpan(ExportTraceServiceRequest export) => Assert.Single(Assert.Single(Assert.Single(export.ResourceSpans).ScopeSpans).Spans);

    [Fact]
    public void TryDecode_JsonHexIds_AreReadAsHexNotBase64()
    {
        var span = OnlySpan(DecodeJson(JsonExport()));

        Assert.Equal(Convert.FromHexString(TraceIdHex), span.TraceId.ToByteArray());
        Assert.Equal(Convert.FromHexString(SpanIdHex), span.SpanId.ToByteArray());
        Assert.True(span.ParentSpanId.IsEmpty);
    }

    [Fact]
    public void TryDecode_JsonLowercaseHexIds_AreReadAsHex()
    {
        var span = OnlySpan(DecodeJson(JsonExport().Replace(TraceIdHex, TraceIdHex.ToLowerInvariant())));

        Assert.Equal(Convert.FromHexString(TraceIdHex), span.TraceId.ToByteArray());
    }

    [Fact]
    public void TryDecode_JsonInt64AsStringOrNumber_BothRead()
    {
        var span = OnlySpan(DecodeJson(JsonExport()));

        // startTimeUnixNano came as a string, endTimeUnixNano as a number, intValue as a string.
        Assert.Equal(Some.UnixNanoseconds(Some.Now.AddMinutes(-1).AddMilliseconds(-250)), span.StartTimeUnixNano);
        Assert.Equal(Some.UnixNanoseconds(Some.Now.AddMinutes(-1)), span.EndTimeUnixNano);
        Assert.Equal(500, span.Attributes.Single(attribute => attribute.Key == "http.response.status_code").Value.IntValue);
    }

    [Fact]
    public void TryDecode_JsonIntegerEnums_AreRead()
    {
        var span = OnlySpan(DecodeJson(JsonExport()));

        Assert.Equal(Span.Types.SpanKind.Server, span.Kind);
        Assert.Equal(Status.Types.StatusCode.Error, span.Status.Code);
    }

    [Fact]
    public void TryDecode_JsonUnknownFields_AreIgnored()
    {
        var export = DecodeJson(JsonExport(""","someFutureField":{"nested":[1,2,3]},"anotherOne":"x" """));

        Assert.Equal("GET /api/users/{id}", OnlySpan(export).Name);
    }

    [Fact]
    public void TryDecode_JsonLinkIds_AreHexToo()
    {
        var span = OnlySpan(DecodeJson(JsonExport($$""","links":[{"traceId":"{{TraceIdHex}}","spanId":"{{SpanIdHex}}"}]""")));

        Assert.Equal(Convert.FromHexString(SpanIdHex), Assert.Single(span.Links).SpanId.ToByteArray());
    }

    [Fact]
    public void TryDecode_JsonBase64Ids_AreAcceptedFromPlainProtobufMapping()
    {
        var base64 = Convert.ToBase64String(Convert.FromHexString(TraceIdHex));

        var span = OnlySpan(DecodeJson(JsonExport().Replace(TraceIdHex, base64)));

        Assert.Equal(Convert.FromHexString(TraceIdHex), span.TraceId.ToByteArray());
    }

    [Fact]
    public void TryDecode_JsonIdNeitherHexNorBase64_BecomesEmptySoOnlyThatSpanIsRejected()
    {
        var export = DecodeJson(JsonExport().Replace(TraceIdHex, "not-an-id!"));

        Assert.True(OnlySpan(export).TraceId.IsEmpty);
        var batch = ServerSpans.ToRequests(export, Some.ProjectId, Some.Now);
        Assert.Equal("traceId", Assert.Single(batch.Rejected).Field);
    }

    [Fact]
    public void TryDecode_JsonExport_MapsToTheRequestItDescribes()
    {
        var batch = ServerSpans.ToRequests(DecodeJson(JsonExport()), Some.ProjectId, Some.Now);

        var request = Assert.Single(batch.Requests);
        Assert.Equal(("GET", "/api/users/{id}", 500, 250.0), (request.Method, request.Route, request.Status, request.DurationMs));
    }

    [Theory]
    [InlineData("{\"resourceSpans\":[")]
    [InlineData("not json")]
    [InlineData("")]
    [InlineData("{\"resourceSpans\":{}}")]
    [InlineData("{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"startTimeUnixNano\":\"soon\"}]}]}]}")]
    [InlineData("{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"kind\":\"SPAN_KIND_SERVER_TYPO\"}]}]}]}")]
    public void TryDecode_BadJson_FailsWithAProblemNamingTheMessage(string json)
    {
        var decoded = OtlpPayload.TryDecode<ExportTraceServiceRequest>(Encoding.UTF8.GetBytes(json), OtlpEncoding.Json, out _, out var problem);

        Assert.False(decoded);
        Assert.Contains("ExportTraceServiceRequest", problem);
    }

    [Fact]
    public void TryDecode_Protobuf_RoundTripsTheExport()
    {
        var export = Some.TraceExport(Some.ServerSpan());

        Assert.True(OtlpPayload.TryDecode<ExportTraceServiceRequest>(export.ToByteArray(), OtlpEncoding.Protobuf, out var decoded, out _));

        Assert.Equal(export, decoded);
    }

    [Fact]
    public void TryDecode_EmptyProtobufBody_IsAnEmptyExport()
    {
        Assert.True(OtlpPayload.TryDecode<ExportTraceServiceRequest>(ReadOnlyMemory<byte>.Empty, OtlpEncoding.Protobuf, out var export, out _));

        Assert.Empty(export.ResourceSpans);
    }

    [Fact]
    public void TryDecode_TruncatedProtobuf_FailsWithAProblem()
    {
        var bytes = Some.TraceExport(Some.ServerSpan()).ToByteArray();

        var decoded = OtlpPayload.TryDecode<ExportTraceServiceRequest>(bytes.AsMemory(0, bytes.Length - 5), OtlpEncoding.Protobuf, out _, out var problem);

        Assert.False(decoded);
        Assert.StartsWith("The body is not a protobuf-encoded opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest", problem);
    }

    [Fact]
    public void TryDecode_JsonSentAsProtobuf_FailsWithAProblem()
    {
        Assert.False(OtlpPayload.TryDecode<ExportTraceServiceRequest>(Encoding.UTF8.GetBytes(JsonExport()), OtlpEncoding.Protobuf, out _, out _));
    }

    [Theory]
    [InlineData("application/x-protobuf", OtlpEncoding.Protobuf)]
    [InlineData("application/protobuf", OtlpEncoding.Protobuf)]
    [InlineData("Application/X-Protobuf", OtlpEncoding.Protobuf)]
    [InlineData("application/json", OtlpEncoding.Json)]
    [InlineData("application/json; charset=utf-8", OtlpEncoding.Json)]
    [InlineData("text/plain", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void EncodingOf_ContentType_NamesTheEncoding(string? contentType, OtlpEncoding? expected)
    {
        Assert.Equal(expected, OtlpPayload.EncodingOf(contentType));
    }

    [Fact]
    public void Encode_PartialSuccessAsJson_UsesCamelCaseAndInt64AsString()
    {
        var response = new ExportTraceServiceResponse { PartialSuccess = new() { RejectedSpans = 2, ErrorMessage = "two bad spans" } };

        var json = JsonNode.Parse(OtlpPayload.Encode(response, OtlpEncoding.Json))!;

        Assert.Equal("2", (string)json["partialSuccess"]!["rejectedSpans"]!);
        Assert.Equal("two bad spans", (string)json["partialSuccess"]!["errorMessage"]!);
    }

    [Fact]
    public void Encode_StatusWithBadRequestAsJson_WritesTheFieldViolation()
    {
        var violation = new BadRequest { FieldViolations = { new BadRequest.Types.FieldViolation { Field = "body", Description = "not protobuf" } } };
        var status = new RpcStatus { Code = 3, Message = "Invalid body", Details = { Any.Pack(violation) } };

        var json = JsonNode.Parse(OtlpPayload.Encode(status, OtlpEncoding.Json))!;

        var detail = json["details"]![0]!;
        Assert.Equal("type.googleapis.com/google.rpc.BadRequest", (string)detail["@type"]!);
        Assert.Equal("body", (string)detail["fieldViolations"]![0]!["field"]!);
    }

    [Fact]
    public void Encode_EmptyResponseAsProtobuf_IsEmpty()
    {
        Assert.Empty(OtlpPayload.Encode(new ExportTraceServiceResponse(), OtlpEncoding.Protobuf));
    }
}
