using System.Globalization;
using System.Text;
using Vigil.Core.Errors.Sentry;
using Vigil.Core.Ingest;
using Vigil.Core.Tests.Support;

namespace Vigil.Core.Tests.Errors.Sentry;

public sealed class SentryTransactionsTests
{
    // A minute before Some.Now, in unix seconds with microseconds as the JavaScript SDKs write them.
    private static readonly string End = (Some.Now.AddMinutes(-1).ToUnixTimeMilliseconds() / 1000.0).ToString("0.000000", CultureInfo.InvariantCulture);
    private static readonly string Start = (Some.Now.AddMinutes(-1).ToUnixTimeMilliseconds() / 1000.0 - 0.0125).ToString("0.000000", CultureInfo.InvariantCulture);

    [Fact]
    public void FromEnvelope_NodeHttpServerTransaction_IsARequestAtItsEnd()
    {
        // As @sentry/node 11 (traceLifecycle "static") sends an http server's transaction.
        var batch = Envelope($$$"""
            {"event_id":"9f2d0b7c6a4e4b1f8c3d2e1f0a9b8c7d","sent_at":"2026-11-21T11:59:00.100Z"}
            {"type":"transaction"}
            {"contexts":{"trace":{"span_id":"a49067a185e3dcc5","trace_id":"77e04cf6338044aa892a9c92c108a0b5","op":"http.server","status":"ok","data":{"sentry.op":"http.server","url.path":"/orders/42","http.request.method":"GET","http.response.status_code":200}},"response":{"status_code":200}},"spans":[],"start_timestamp":{{{Start}}},"timestamp":{{{End}}},"transaction":"GET /orders/42","type":"transaction","transaction_info":{"source":"url"},"request":{"method":"GET","url":"http://127.0.0.1:41139/orders/42?x=1"}}
            """);

        Assert.Null(batch.Problem);
        Assert.Empty(batch.Errors);
        var request = Assert.Single(batch.Requests);
        Assert.Equal((Some.ProjectId, Some.Now.AddMinutes(-1), "GET", "/orders/42", 200), (request.ProjectId, request.Timestamp, request.Method, request.Route, request.Status));
        Assert.Equal(12.5, request.DurationMs, 3);
        Assert.Equal("9f2d0b7c6a4e4b1f8c3d2e1f0a9b8c7d", batch.EventId);
    }

    [Theory]
    [InlineData("\"transaction\":\"GET /orders/:id\",\"contexts\":{\"trace\":{\"op\":\"http.server\"},\"response\":{\"status_code\":201}}", "GET", "/orders/:id", 201)]
    [InlineData("\"transaction\":\"/checkout\",\"request\":{\"method\":\"post\"},\"tags\":{\"http.status_code\":\"503\"},\"contexts\":{\"trace\":{\"op\":\"http.server\"}}", "POST", "/checkout", 503)]
    [InlineData("\"transaction\":\"GET\",\"contexts\":{\"trace\":{\"op\":\"http.server\",\"data\":{\"http.route\":\"/users/:id\",\"http.status_code\":404}}}", "GET", "/users/:id", 404)]
    [InlineData("\"contexts\":{\"trace\":{\"op\":\"http.server\",\"status\":\"internal_error\",\"data\":{\"http.method\":\"DELETE\",\"url.path\":\"/carts/7\"}}}", "DELETE", "/carts/7", 500)]
    public void FromEnvelope_ServerTransactionOfAnySdk_MethodRouteAndStatusFromWhereItKeepsThem(string fields, string method, string route, int status)
    {
        var batch = Envelope($"{{}}\n{{\"type\":\"transaction\"}}\n{{{fields},\"start_timestamp\":{Start},\"timestamp\":{End}}}");

        Assert.Null(batch.Problem);
        var request = Assert.Single(batch.Requests);
        Assert.Equal((method, route, status), (request.Method, request.Route, request.Status));
    }

    [Theory]
    [InlineData("pageload")]
    [InlineData("http.client")]
    [InlineData("queue.process")]
    public void FromEnvelope_TransactionOfAnotherOperation_IsAcknowledgedAndNotKept(string op)
    {
        var batch = Envelope($"{{}}\n{{\"type\":\"transaction\"}}\n{{\"transaction\":\"/pricing\",\"contexts\":{{\"trace\":{{\"op\":\"{op}\"}}}},\"start_timestamp\":{Start},\"timestamp\":{End}}}");

        Assert.Null(batch.Problem);
        Assert.Empty(batch.Requests);
    }

    [Fact]
    public void FromEnvelope_EventAndServerTransaction_ErrorAndRequest()
    {
        var batch = Envelope($$$"""
            {}
            {"type":"event"}
            {"message":"Payment declined","level":"warning"}
            {"type":"transaction"}
            {"transaction":"POST /pay","contexts":{"trace":{"op":"http.server"},"response":{"status_code":402}},"start_timestamp":{{{Start}}},"timestamp":{{{End}}}}
            """);

        Assert.Single(batch.Errors);
        Assert.Equal(402, Assert.Single(batch.Requests).Status);
    }

    [Theory]
    [InlineData("\"transaction\":\"GET /x\",\"contexts\":{\"trace\":{\"op\":\"http.server\",\"status\":\"ok\"}}", "items[0].contexts.response.status_code")]
    [InlineData("\"transaction\":\"GET /x\",\"contexts\":{\"trace\":{\"op\":\"http.server\"},\"response\":{\"status_code\":700}}", "items[0].contexts.response.status_code")]
    [InlineData("\"transaction\":\"/x\",\"contexts\":{\"trace\":{\"op\":\"http.server\"},\"response\":{\"status_code\":200}}", "items[0].contexts.trace.data")]
    [InlineData("\"transaction\":\"GET /x\",\"contexts\":{\"trace\":{\"op\":\"http.server\"},\"response\":{\"status_code\":200}},\"start_timestamp\":\"soon\"", "items[0].start_timestamp")]
    public void FromEnvelope_ServerTransactionWithoutWhatARequestNeeds_ProblemNamesTheField(string fields, string field)
    {
        var timestamps = fields.Contains("start_timestamp", StringComparison.Ordinal) ? $"\"timestamp\":{End}" : $"\"start_timestamp\":{Start},\"timestamp\":{End}";

        var batch = Envelope($"{{}}\n{{\"type\":\"transaction\"}}\n{{{fields},{timestamps}}}");

        Assert.Equal(field, batch.Problem?.Field);
        Assert.Empty(batch.Requests);
    }

    [Fact]
    public void FromEnvelope_ServerTransactionEndingBeforeItStartsOrTooOld_ProblemNamesTimestamp()
    {
        const string fields = "\"transaction\":\"GET /x\",\"contexts\":{\"trace\":{\"op\":\"http.server\"},\"response\":{\"status_code\":200}}";
        var monthAgo = Some.Now.AddDays(-31).ToUnixTimeSeconds();

        Assert.Equal("items[0].timestamp", Envelope($"{{}}\n{{\"type\":\"transaction\"}}\n{{{fields},\"start_timestamp\":{End},\"timestamp\":{Start}}}").Problem?.Field);
        Assert.Equal("items[0].timestamp", Envelope($"{{}}\n{{\"type\":\"transaction\"}}\n{{{fields},\"start_timestamp\":{monthAgo},\"timestamp\":{monthAgo + 1}}}").Problem?.Field);
    }

    [Fact]
    public void FromEnvelope_StreamedServerSegments_AreRequestsAndOtherSpansNot()
    {
        // As @sentry/node 11 streams spans by default: the http server's segment, a fetch's, and a child span.
        var batch = Envelope($$$$"""
            {"sent_at":"2026-11-21T11:59:00.100Z"}
            {"type":"span","item_count":3,"content_type":"application/vnd.sentry.items.span.v2+json"}
            {"version":2,"items":[{"name":"GET","span_id":"b721205f5ee6198f","start_timestamp":{{{{Start}}}},"end_timestamp":{{{{End}}}},"is_segment":true,"status":"ok","attributes":{"sentry.op":{"value":"http.server","type":"string"},"url.path":{"value":"/orders/42","type":"string"},"http.request.method":{"value":"GET","type":"string"},"http.response.status_code":{"value":200,"type":"integer"}}},{"name":"GET 127.0.0.1","start_timestamp":{{{{Start}}}},"end_timestamp":{{{{End}}}},"is_segment":true,"status":"ok","attributes":{"sentry.op":{"value":"http.client","type":"string"}}},{"name":"db","start_timestamp":{{{{Start}}}},"end_timestamp":{{{{End}}}},"is_segment":false,"attributes":{"sentry.op":{"value":"http.server","type":"string"}}}]}
            {"type":"span","item_count":1,"content_type":"application/vnd.sentry.items.span.v2+json"}
            {"version":2,"items":[{"name":"POST /checkout/:step","start_timestamp":{{{{Start}}}},"end_timestamp":{{{{End}}}},"is_segment":true,"status":"error","attributes":{"sentry.op":{"value":"http.server","type":"string"}}}]}
            """);

        Assert.Null(batch.Problem);
        Assert.Equal(
            [("GET", "/orders/42", 200), ("POST", "/checkout/:step", 500)],
            batch.Requests.Select(request => (request.Method, request.Route, request.Status)));
        Assert.All(batch.Requests, request => Assert.Equal(12.5, request.DurationMs, 3));
    }

    [Fact]
    public void FromEnvelope_StreamedServerSegmentWithoutStatus_ProblemNamesItsAttributes()
    {
        var batch = Envelope($"{{}}\n{{\"type\":\"span\"}}\n{{\"version\":2,\"items\":[{{\"name\":\"GET /x\",\"start_timestamp\":{Start},\"end_timestamp\":{End},\"is_segment\":true,\"status\":\"ok\",\"attributes\":{{\"sentry.op\":{{\"value\":\"http.server\"}}}}}}]}}");

        Assert.Equal("items[0].items[0].attributes", batch.Problem?.Field);
    }

    private static SentryBatch Envelope(string body)
    {
        var envelope = SentryEnvelope.Parse(Encoding.UTF8.GetBytes(body.ReplaceLineEndings("\n")), out var problem);
        Assert.True(envelope is not null, problem?.Detail);
        return SentryEvents.FromEnvelope(envelope, Some.ProjectId, Some.Now);
    }
}
