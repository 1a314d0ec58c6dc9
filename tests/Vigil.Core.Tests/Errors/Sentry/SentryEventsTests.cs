using System.Text;
using Vigil.Core.Errors;
using Vigil.Core.Errors.Sentry;
using Vigil.Core.Tests.Support;

namespace Vigil.Core.Tests.Errors.Sentry;

public sealed class SentryEventsTests
{
    // What @sentry/node 11.12 sends for a TypeError caught and passed to captureException (context lines shortened).
    private const string NodeTypeErrorEnvelope = """
        {"event_id":"17988dfb18524b549ccf1f0144aa2697","sent_at":"2026-11-21T11:30:00.799Z","sdk":{"name":"sentry.javascript.node","version":"11.12.0"},"trace":{"environment":"test","release":"shop@1.4.2","public_key":"vgi_abc","trace_id":"d7c8422a94a743f5b67c68a460a1d451"}}
        {"type":"event"}
        {"exception":{"values":[{"type":"TypeError","value":"Cannot read properties of undefined (reading 'reduce')","stacktrace":{"frames":[{"filename":"node:internal/modules/run_main","module":"run_main","function":"asyncRunEntryPointWithESMLoader","lineno":117,"colno":5,"in_app":false},{"filename":"node:internal/modules/esm/module_job","module":"module_job","function":"ModuleJob.run","lineno":325,"colno":25,"in_app":false},{"filename":"/app/checkout.mjs","module":"checkout","function":"?","lineno":62,"colno":1,"in_app":true,"context_line":"checkout({ id: 1 })"},{"filename":"/app/checkout.mjs","module":"checkout","function":"checkout","lineno":44,"colno":12,"in_app":true},{"filename":"/app/checkout.mjs","module":"checkout","function":"orderTotal","lineno":39,"colno":22,"in_app":true,"pre_context":["function orderTotal(order) {"],"context_line":"  return order.lines.reduce((sum, line) => sum + line.price, 0)"}]},"mechanism":{"type":"generic","handled":true}}]},"event_id":"17988dfb18524b549ccf1f0144aa2697","level":"error","platform":"node","contexts":{"trace":{"trace_id":"d7c8422a94a743f5b67c68a460a1d451","span_id":"b9d0c800cf65f017"},"runtime":{"name":"node","version":"v20.20.2"}},"server_name":"vm","timestamp":1795260600.772,"environment":"test","release":"shop@1.4.2","sdk":{"integrations":["LinkedErrors","Dedupe"],"name":"sentry.javascript.node","version":"11.12.0"},"user":{"id":"user-1"}}
        """;

    // What sentry-python sends for an unhandled error in a Django view: module frames, an RFC 3339 timestamp.
    private const string PythonEvent = """
        {"event_id":"5c6a1b7de2f04a4c9a5b0d4f9c3e2a10","timestamp":"2026-11-21T11:58:00.123456Z","level":"error","platform":"python",
         "exception":{"values":[{"type":"ZeroDivisionError","value":"division by zero","mechanism":{"type":"django","handled":false},
           "stacktrace":{"frames":[
             {"filename":"django/core/handlers/exception.py","abs_path":"/venv/lib/python3.12/site-packages/django/core/handlers/exception.py","function":"inner","module":"django.core.handlers.exception","lineno":55,"in_app":false},
             {"filename":"shop/views.py","abs_path":"/srv/shop/views.py","function":"cart","module":"shop.views","lineno":18,"in_app":true},
             {"filename":"shop/pricing.py","abs_path":"/srv/shop/pricing.py","function":"average_price","module":"shop.pricing","lineno":42,"in_app":true}]}}]},
         "user":{"email":"ada@example.com","ip_address":"10.0.0.1"},"release":"shop@2.0.0","environment":"production"}
        """;

    [Fact]
    public void FromEnvelope_NodeTypeError_AnErrorWithEveryField()
    {
        var batch = Envelope(NodeTypeErrorEnvelope);

        var grouped = Assert.Single(batch.Errors);
        var error = grouped.Error;
        Assert.Equal("17988dfb18524b549ccf1f0144aa2697", batch.EventId);
        Assert.Equal((Some.ProjectId, "sentry", "error", "TypeError", "Cannot read properties of undefined (reading 'reduce')"),
            (error.ProjectId, error.Source, error.Level, error.Type, error.Message));
        Assert.Equal(("user-1", "d7c8422a94a743f5b67c68a460a1d451", "shop@1.4.2", "test"), (error.DistinctId, error.TraceId, error.Release, error.Environment));
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 11, 30, 0, 772, TimeSpan.Zero), error.Timestamp);
        Assert.Equal(new ErrorFrame("checkout", "/app/checkout.mjs", "orderTotal", 39, 22, true), error.Frames[^1]);
        Assert.Equal(5, error.Frames.Count);
        Assert.Equal(("TypeError: Cannot read properties of undefined (reading 'reduce')", "orderTotal (checkout)"), (grouped.Group.Title, grouped.Group.Culprit));
        Assert.Equal(grouped.Group.Fingerprint, error.Fingerprint);
    }

    [Fact]
    public void FromEnvelope_SameBugReachedFromAnotherLine_SameIssue()
    {
        var later = NodeTypeErrorEnvelope.Replace("\"lineno\":62,\"colno\":1", "\"lineno\":64,\"colno\":1", StringComparison.Ordinal)
            .Replace("\"user-1\"", "\"user-2\"", StringComparison.Ordinal);

        Assert.Equal(Fingerprint(Envelope(NodeTypeErrorEnvelope)), Fingerprint(Envelope(later)));
    }

    [Fact]
    public void FromStore_PythonEvent_ModuleFramesAndTheEmailAsUser()
    {
        var batch = Store(PythonEvent);

        var grouped = Assert.Single(batch.Errors);
        Assert.Equal("5c6a1b7de2f04a4c9a5b0d4f9c3e2a10", batch.EventId);
        Assert.Equal(("ZeroDivisionError: division by zero", "average_price (shop.pricing)"), (grouped.Group.Title, grouped.Group.Culprit));
        Assert.Equal(["django.core.handlers.exception:inner", "shop.views:cart", "shop.pricing:average_price"], grouped.Error.Frames.Select(ErrorFrames.Key));
        Assert.Equal(("ada@example.com", new DateTimeOffset(2026, 11, 21, 11, 58, 0, 123, TimeSpan.Zero).AddTicks(4560)), (grouped.Error.DistinctId, grouped.Error.Timestamp));
    }

    [Fact]
    public void FromStore_ChainedExceptions_TheNewestNamesAndGroupsTheIssue()
    {
        // raise ValueError("cart 17 is empty") from KeyError('sku'): the cause first, the exception it caused last.
        var batch = Store("""
            {"exception":{"values":[
              {"type":"KeyError","value":"'sku'","stacktrace":{"frames":[{"module":"shop.catalog","function":"lookup","lineno":9,"in_app":true}]}},
              {"type":"ValueError","value":"cart 17 is empty","stacktrace":{"frames":[{"module":"shop.cart","function":"checkout","lineno":30,"in_app":true}]}}]}}
            """);

        var grouped = Assert.Single(batch.Errors);
        Assert.Equal(("ValueError", "cart 17 is empty"), (grouped.Error.Type, grouped.Error.Message));
        Assert.Equal(["shop.cart:checkout"], grouped.Error.Frames.Select(ErrorFrames.Key));
        Assert.Equal("checkout (shop.cart)", grouped.Group.Culprit);
        Assert.Equal(ErrorGrouping.Group(new ErrorReport("ValueError", "other", [new ErrorFrame("shop.cart", null, "checkout", 1, null, true)])).Fingerprint, grouped.Group.Fingerprint);
    }

    [Fact]
    public void FromStore_NewestExceptionWithoutStack_FramesOfItsCause()
    {
        var batch = Store("""
            {"exception":{"values":[
              {"type":"KeyError","value":"'sku'","stacktrace":{"frames":[{"module":"shop.catalog","function":"lookup","in_app":true}]}},
              {"type":"ValueError","value":"no price"}]}}
            """);

        var grouped = Assert.Single(batch.Errors);
        Assert.Equal(("ValueError: no price", "lookup (shop.catalog)"), (grouped.Group.Title, grouped.Group.Culprit));
    }

    [Fact]
    public void FromStore_MessageOnly_GroupedByTheMessageWithoutItsNumbers()
    {
        var plain = Single(Store("""{"message":"User 42 failed to pay","level":"warning"}"""));
        var logEntry = Single(Store("""{"logentry":{"message":"User %s failed to pay","params":["43"],"formatted":"User 43 failed to pay"},"level":"log"}"""));
        var other = Single(Store("""{"message":{"message":"Stock of 5 items ran out"}}"""));

        Assert.Equal((null, "User 42 failed to pay", "warning"), (plain.Error.Type, plain.Error.Message, plain.Error.Level));
        Assert.Equal(("User 43 failed to pay", "info"), (logEntry.Error.Message, logEntry.Error.Level));
        Assert.Equal(plain.Group.Fingerprint, logEntry.Group.Fingerprint);
        Assert.NotEqual(plain.Group.Fingerprint, other.Group.Fingerprint);
        Assert.Equal(("Stock of 5 items ran out", "error"), (other.Group.Title, other.Error.Level));
    }

    [Fact]
    public void FromStore_SyntheticExceptionOfCaptureMessage_GroupedByTheMessageNotTheCallSite()
    {
        // @sentry/node's captureMessage: the message as a synthetic exception carrying the caller's stack.
        static string Message(string text) => $$$"""
            {"level":"warning","message":"{{{text}}}","exception":{"values":[{"value":"{{{text}}}","mechanism":{"type":"generic","handled":true,"synthetic":true},
              "stacktrace":{"frames":[{"filename":"/app/pay.mjs","module":"pay","function":"charge","lineno":8,"in_app":true}]}}]}}
            """;

        var timedOut = Single(Store(Message("Payment provider timed out after 3000 ms")));
        var timedOutAgain = Single(Store(Message("Payment provider timed out after 5000 ms")));
        var declined = Single(Store(Message("Card declined")));

        Assert.Equal(timedOut.Group.Fingerprint, timedOutAgain.Group.Fingerprint);
        Assert.NotEqual(timedOut.Group.Fingerprint, declined.Group.Fingerprint);
        Assert.Equal(("Payment provider timed out after 3000 ms", "charge (pay)"), (timedOut.Group.Title, timedOut.Group.Culprit));
        Assert.Single(timedOut.Error.Frames);
    }

    [Fact]
    public void FromEnvelope_BrowserTransactionSessionAndClientReport_AcknowledgedAndNotKept()
    {
        var batch = Envelope("""
            {"event_id":"aa3ff046696b4bc6b609ce6d28fde9e2","sent_at":"2026-11-21T11:59:00Z"}
            {"type":"transaction"}
            {"type":"transaction","transaction":"/orders","start_timestamp":1795260600.1,"timestamp":1795260600.5,"contexts":{"trace":{"trace_id":"d7c8422a94a743f5b67c68a460a1d451","span_id":"b9d0c800cf65f017","op":"pageload"}},"spans":[]}
            {"type":"session"}
            {"sid":"7c7b6585f4c4441a8e1dbc2e0e5e4a11","status":"ok","errors":0,"started":"2026-11-21T11:58:00Z","attrs":{"release":"shop@1.4.2"}}
            {"type":"client_report"}
            {"timestamp":1795260600,"discarded_events":[{"reason":"sample_rate","category":"transaction","quantity":3}]}
            """);

        Assert.Empty(batch.Errors);
        Assert.Empty(batch.Requests);
        Assert.Null(batch.Problem);
        Assert.Equal("aa3ff046696b4bc6b609ce6d28fde9e2", batch.EventId);
    }

    [Theory]
    [InlineData(1795260600.25, 2026, 11, 21, 11, 30, 0, 250)]
    [InlineData(1795262400, 2026, 11, 21, 12, 0, 0, 0)]
    public void FromStore_UnixFloatTimestamp_ReadAsSeconds(double timestamp, int year, int month, int day, int hour, int minute, int second, int millisecond)
    {
        var error = Single(Store($$"""{"message":"x","timestamp":{{timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture)}}}""")).Error;

        Assert.Equal(new DateTimeOffset(year, month, day, hour, minute, second, millisecond, TimeSpan.Zero), error.Timestamp);
    }

    [Fact]
    public void FromStore_TimestampWithoutOffsetAndNoTimestamp_UtcAndTheServersTime()
    {
        Assert.Equal(Some.Now.AddHours(-1), Single(Store("""{"message":"x","timestamp":"2026-11-21T11:00:00"}""")).Error.Timestamp);
        Assert.Equal(Some.Now, Single(Store("""{"message":"x"}""")).Error.Timestamp);
    }

    [Fact]
    public void FromStore_UserWithNumericIdOrServerFilledAddress_ReadAsSentryDoes()
    {
        Assert.Equal("17", Single(Store("""{"message":"x","user":{"id":17,"email":"a@b.example"}}""")).Error.DistinctId);
        Assert.Null(Single(Store("""{"message":"x","user":{"ip_address":"{{auto}}"}}""")).Error.DistinctId);
        Assert.Equal("10.0.0.1", Single(Store("""{"message":"x","user":{"ip_address":"10.0.0.1"}}""")).Error.DistinctId);
    }

    [Fact]
    public void FromStore_LongMessageAndDeepRecursion_TrimmedNotRefused()
    {
        var frames = string.Join(',', Enumerable.Range(0, 1000).Select(index => $$"""{"function":"f{{index}}","filename":"/app/a.js","in_app":true}"""));
        var error = Single(Store($$$"""{"exception":{"values":[{"type":"RangeError","value":"{{{new string('x', 10_000)}}}","stacktrace":{"frames":[{{{frames}}}]}}]}}""")).Error;

        Assert.Equal(ErrorIngestParser.MaxMessageLength, error.Message.Length);
        Assert.Equal(ErrorIngestParser.MaxFrames, error.Frames.Count);
        Assert.Equal("f999", error.Frames[^1].Function);
    }

    [Theory]
    [InlineData("""{"message":"x","level":"loud"}""", "level")]
    [InlineData("""{"message":"x","timestamp":"yesterday"}""", "timestamp")]
    [InlineData("""{"message":"x","timestamp":1700000000}""", "timestamp")]
    [InlineData("""{"message":"x","event_id":"nope"}""", "event_id")]
    [InlineData("""{"message":"x","contexts":{"trace":{"trace_id":"abc"}}}""", "contexts.trace.trace_id")]
    [InlineData("""{"message":"x","user":"u1"}""", "user")]
    [InlineData("""{"message":"x","release":7}""", "release")]
    [InlineData("""{"exception":{"values":{}}}""", "exception.values")]
    [InlineData("""{"exception":{"values":[{"type":5}]}}""", "exception.values[0].type")]
    [InlineData("""{"exception":{"values":[{"type":"E","stacktrace":{"frames":[{"lineno":"7"}]}}]}}""", "exception.values[0].stacktrace.frames[0].lineno")]
    [InlineData("""{"exception":[{"type":"E","stacktrace":{"frames":[1]}}]}""", "exception[0].stacktrace.frames[0]")]
    [InlineData("""{"exception":{"values":[{}]}}""", "exception")]
    [InlineData("""{"level":"error"}""", "exception")]
    [InlineData("""[]""", "body")]
    [InlineData("""{"message":""", "body")]
    public void FromStore_BadEvent_RefusedNamingTheField(string json, string field)
    {
        var batch = Store(json);

        Assert.Empty(batch.Errors);
        Assert.Equal(field, batch.Problem?.Field);
    }

    [Fact]
    public void FromEnvelope_BadEvent_FieldWithinItsItem()
    {
        var batch = Envelope("{}\n{\"type\":\"session\"}\n{}\n{\"type\":\"event\"}\n{\"message\":\"x\",\"level\":\"loud\"}");

        Assert.Equal("items[1].level", batch.Problem?.Field);
        Assert.Equal("level must be one of fatal, error, warning, info, debug, not 'loud'. (in items[1])", batch.Problem?.Detail);
    }

    [Fact]
    public void FromEnvelope_BadEnvelopeEventId_Refused()
    {
        Assert.Equal("header.event_id", Envelope("{\"event_id\":\"12\"}\n").Problem?.Field);
    }

    [Fact]
    public void FromEnvelope_EventOverOneMebibyte_RefusedAsTooLarge()
    {
        var batch = Envelope($"{{}}\n{{\"type\":\"event\"}}\n{{\"message\":\"{new string('x', SentryEvents.MaxEventBytes)}\"}}");

        Assert.Equal(("items[0]", true), (batch.Problem?.Field, batch.Problem?.TooLarge));
    }

    private static GroupedError Single(SentryBatch batch)
    {
        Assert.True(batch.Problem is null, batch.Problem?.Detail);
        return Assert.Single(batch.Errors);
    }

    private static string Fingerprint(SentryBatch batch) => Single(batch).Group.Fingerprint;

    private static SentryBatch Store(string json) => SentryEvents.FromStore(Encoding.UTF8.GetBytes(json), Some.ProjectId, Some.Now);

    private static SentryBatch Envelope(string body)
    {
        var envelope = SentryEnvelope.Parse(Encoding.UTF8.GetBytes(body.ReplaceLineEndings("\n")), out var problem);
        Assert.True(envelope is not null, problem?.Detail);
        return SentryEvents.FromEnvelope(envelope, Some.ProjectId, Some.Now);
    }
}
