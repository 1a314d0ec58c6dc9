using Google.Protobuf;
using Vigil.Core.Ingest;
using Vigil.Core.Ingest.Otlp;
using Vigil.Core.Ingest.Otlp.Proto.Trace;
using Vigil.Core.Tests.Support;

namespace Vigil.Core.Tests.Ingest.Otlp;

public sealed class ServerSpansTests
{
    private static ServerSpanBatch Map(params Span[] spans) => ServerSpans.ToRequests(Some.TraceExport(spans), Some.ProjectId, Some.Now);

    private static RequestSample MapOne(Span span)
    {
        var batch = Map(span);
        Assert.Empty(batch.Rejected);
        return Assert.Single(batch.Requests);
    }

    private static SpanRejection RejectOne(Span span)
    {
        var batch = Map(span);
        Assert.Empty(batch.Requests);
        return Assert.Single(batch.Rejected);
    }

    [Fact]
    public void ToRequests_StableConventions_MapMethodRouteStatusDurationAndEndTime()
    {
        var request = MapOne(Some.ServerSpan());

        Assert.Equal(new RequestSample(Some.ProjectId, Some.Now.AddMinutes(-1), "GET", "/api/users/{id}", 200, 120) { TraceId = "5b8efff798038103d269b633813fc60c" }, request);
    }

    [Fact]
    public void ToRequests_OldConventions_MapHttpMethodHttpStatusCodeAndHttpTargetWithoutQuery()
    {
        var span = Some.ServerSpan(
            ("http.request.method", null), ("http.response.status_code", null), ("http.route", null), ("url.path", null),
            ("http.method", "POST"), ("http.status_code", 201L), ("http.target", "/orders?page=2#top"));

        var request = MapOne(span);

        Assert.Equal(("POST", "/orders", 201), (request.Method, request.Route, request.Status));
    }

    [Fact]
    public void ToRequests_BothGenerations_StableNamesWin()
    {
        var span = Some.ServerSpan(("http.method", "DELETE"), ("http.status_code", 204L), ("http.request.method", "PUT"), ("http.response.status_code", 409L));

        var request = MapOne(span);

        Assert.Equal(("PUT", 409), (request.Method, request.Status));
    }

    [Fact]
    public void ToRequests_NoRoute_UsesUrlPath()
    {
        var request = MapOne(Some.ServerSpan(("http.route", null), ("url.path", "/favicon.ico"), ("http.response.status_code", 404L)));

        Assert.Equal(("/favicon.ico", 404), (request.Route, request.Status));
    }

    [Fact]
    public void ToRequests_NoRouteNoPathNoTarget_RejectedForTheMissingRoute()
    {
        var rejection = RejectOne(Some.ServerSpan(("http.route", null), ("url.path", null)));

        Assert.Equal("attributes", rejection.Field);
        Assert.Contains("http.route", rejection.Error);
    }

    [Fact]
    public void ToRequests_LowercaseMethod_IsUpperCased()
    {
        Assert.Equal("PATCH", MapOne(Some.ServerSpan(("http.request.method", "patch"))).Method);
    }

    [Fact]
    public void ToRequests_StatusAsString_IsRead()
    {
        Assert.Equal(503, MapOne(Some.ServerSpan(("http.response.status_code", "503"))).Status);
    }

    [Theory]
    [InlineData(99L)]
    [InlineData(600L)]
    [InlineData("ok")]
    [InlineData(true)]
    public void ToRequests_StatusOutOfRangeOrNotAnInteger_RejectedNamingTheAttribute(object status)
    {
        var rejection = RejectOne(Some.ServerSpan(("http.response.status_code", status)));

        Assert.Equal("http.response.status_code", rejection.Field);
        Assert.Contains("between 100 and 599", rejection.Error);
    }

    [Fact]
    public void ToRequests_NoStatusCodeAndSpanStatusError_IsA500()
    {
        var span = Some.ServerSpan(("http.response.status_code", null));
        span.Status = new Status { Code = Status.Types.StatusCode.Error, Message = "connection reset" };

        Assert.Equal(500, MapOne(span).Status);
    }

    [Fact]
    public void ToRequests_StatusCodeAndSpanStatusError_StatusCodeWins()
    {
        var span = Some.ServerSpan(("http.response.status_code", 404L));
        span.Status = new Status { Code = Status.Types.StatusCode.Error };

        Assert.Equal(404, MapOne(span).Status);
    }

    [Fact]
    public void ToRequests_NoStatusCodeAndSpanStatusUnset_RejectedAsUnknownStatus()
    {
        var rejection = RejectOne(Some.ServerSpan(("http.response.status_code", null)));

        Assert.Equal("attributes", rejection.Field);
        Assert.Contains("http.response.status_code", rejection.Error);
    }

    [Theory]
    [InlineData(Span.Types.SpanKind.Unspecified)]
    [InlineData(Span.Types.SpanKind.Internal)]
    [InlineData(Span.Types.SpanKind.Client)]
    [InlineData(Span.Types.SpanKind.Producer)]
    [InlineData(Span.Types.SpanKind.Consumer)]
    public void ToRequests_NotAServerSpan_PassedOverWithoutRejection(Span.Types.SpanKind kind)
    {
        var span = Some.ServerSpan();
        span.Kind = kind;
        // Even an invalid non-server span is not Vigil's to judge: it keeps none of them.
        span.EndTimeUnixNano = 0;

        var batch = Map(span, Some.ServerSpan());

        Assert.Single(batch.Requests);
        Assert.Empty(batch.Rejected);
        Assert.Equal(2, batch.SpanCount);
        Assert.Null(batch.ErrorMessage);
    }

    [Fact]
    public void ToRequests_ServerSpanWithoutHttpMethod_PassedOver()
    {
        var batch = Map(Some.ServerSpan(("http.request.method", null), ("rpc.system", "grpc")));

        Assert.Empty(batch.Requests);
        Assert.Empty(batch.Rejected);
    }

    [Fact]
    public void ToRequests_EndBeforeStart_Rejected()
    {
        var span = Some.ServerSpan();
        span.EndTimeUnixNano = span.StartTimeUnixNano - 1;

        var rejection = RejectOne(span);

        Assert.Equal("endTimeUnixNano", rejection.Field);
        Assert.Contains("before startTimeUnixNano", rejection.Error);
    }

    [Fact]
    public void ToRequests_MissingStartOrEnd_Rejected()
    {
        var noStart = Some.ServerSpan();
        noStart.StartTimeUnixNano = 0;
        var noEnd = Some.ServerSpan();
        noEnd.EndTimeUnixNano = 0;

        var batch = Map(noStart, noEnd);

        Assert.Equal(["startTimeUnixNano", "endTimeUnixNano"], batch.Rejected.Select(rejection => rejection.Field));
        Assert.All(batch.Rejected, rejection => Assert.Contains("missing", rejection.Error));
    }

    [Fact]
    public void ToRequests_LongerThanADay_Rejected()
    {
        var span = Some.ServerSpan();
        span.StartTimeUnixNano = span.EndTimeUnixNano - (ulong)TimeSpan.FromHours(25).Ticks * TimeSpan.NanosecondsPerTick;

        Assert.Equal("endTimeUnixNano", RejectOne(span).Field);
    }

    [Fact]
    public void ToRequests_OlderThan30DaysOrAheadOfTheClock_Rejected()
    {
        var old = Some.ServerSpan();
        old.EndTimeUnixNano = Some.UnixNanoseconds(Some.Now.AddDays(-31));
        old.StartTimeUnixNano = old.EndTimeUnixNano - 1_000;
        var ahead = Some.ServerSpan();
        ahead.EndTimeUnixNano = ulong.MaxValue;
        ahead.StartTimeUnixNano = ahead.EndTimeUnixNano - 1_000;

        var batch = Map(old, ahead);

        Assert.Equal(["endTimeUnixNano", "endTimeUnixNano"], batch.Rejected.Select(rejection => rejection.Field));
        Assert.Contains("30 days old", batch.Rejected[0].Error);
        Assert.Contains("ahead of the server's clock", batch.Rejected[1].Error);
    }

    [Theory]
    [InlineData("traceId", 0)]
    [InlineData("traceId", 8)]
    [InlineData("spanId", 0)]
    [InlineData("spanId", 16)]
    public void ToRequests_IdOfWrongLength_Rejected(string field, int length)
    {
        var span = Some.ServerSpan();
        var id = ByteString.CopyFrom(Enumerable.Repeat((byte)7, length).ToArray());
        if (field == "traceId")
        {
            span.TraceId = id;
        }
        else
        {
            span.SpanId = id;
        }

        Assert.Equal(field, RejectOne(span).Field);
    }

    [Fact]
    public void ToRequests_AllZeroTraceId_Rejected()
    {
        var span = Some.ServerSpan();
        span.TraceId = ByteString.CopyFrom(new byte[16]);

        Assert.Equal("traceId", RejectOne(span).Field);
    }

    [Fact]
    public void ToRequests_RouteLongerThan512_RejectedNamingTheAttribute()
    {
        var rejection = RejectOne(Some.ServerSpan(("http.route", "/" + new string('a', 512))));

        Assert.Equal("http.route", rejection.Field);
    }

    [Fact]
    public void ErrorMessage_SomeRejected_NamesSpanFieldAndReasonAndCountsAll()
    {
        var bad = Some.ServerSpan();
        bad.EndTimeUnixNano = 0;

        var batch = Map(Some.ServerSpan(), bad);

        Assert.Equal("Rejected 1 of 2 spans: resourceSpans[0].scopeSpans[0].spans[1] (endTimeUnixNano): endTimeUnixNano is missing.", batch.ErrorMessage);
    }

    [Fact]
    public void ErrorMessage_ManyRejected_ListsTenAndCountsTheRest()
    {
        var spans = Enumerable.Range(0, 13).Select(_ =>
        {
            var span = Some.ServerSpan();
            span.StartTimeUnixNano = 0;
            return span;
        }).ToArray();

        var message = Map(spans).ErrorMessage!;

        Assert.StartsWith("Rejected 13 of 13 spans: ", message);
        Assert.Contains("spans[9]", message);
        Assert.DoesNotContain("spans[10]", message);
        Assert.EndsWith("; and 3 more.", message);
    }

    [Theory]
    [InlineData("/orders?id=1", "/orders")]
    [InlineData("/orders#frag", "/orders")]
    [InlineData("?only=query", "/")]
    [InlineData("/plain", "/plain")]
    public void PathOnly_DropsQueryAndFragment(string target, string expected)
    {
        Assert.Equal(expected, ServerSpans.PathOnly(target));
    }
}
