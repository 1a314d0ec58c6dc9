using System.Text;
using Vigil.Core.Errors;

namespace Vigil.Core.Tests.Errors;

public sealed class ErrorIngestParserTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 5, 30, 0, TimeSpan.Zero);

    [Fact]
    public void Parse_FullError_EveryFieldWithFramesFromTheStackAndItsIssue()
    {
        var batch = Parse("""
            {"errors":[{"type":"TypeError","message":"Cannot read 'id'","level":"FATAL","distinct_id":"u1","release":"shop@1.4.2",
              "environment":"production","trace_id":"4BF92F3577B34DA6A3CE929D0E0E4736","timestamp":"2026-11-21T05:00:00+09:00",
              "stack":"TypeError: Cannot read 'id'\n    at placeOrder (/app/src/orders.js:42:17)\n    at /app/src/routes.js:8:3"}]}
            """);

        var grouped = Assert.Single(batch.Accepted);
        var error = grouped.Error;
        Assert.Equal((7L, "browser", "fatal", "TypeError", "Cannot read 'id'", "u1"), (error.ProjectId, error.Source, error.Level, error.Type, error.Message, error.DistinctId));
        Assert.Equal(("shop@1.4.2", "production", "4bf92f3577b34da6a3ce929d0e0e4736"), (error.Release, error.Environment, error.TraceId));
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 20, 0, 0, TimeSpan.Zero), error.Timestamp);
        Assert.Equal(["routes.js:", "orders.js:placeOrder"], error.Frames.Select(ErrorFrames.Key));
        Assert.Equal(grouped.Group.Fingerprint, error.Fingerprint);
        Assert.Equal("placeOrder (orders.js)", grouped.Group.Culprit);
    }

    [Fact]
    public void Parse_StructuredFrames_TakenAsSentWithTheirInAppFlag()
    {
        var batch = Parse("""
            {"errors":[{"message":"boom","frames":[{"module":"shop.cart","function":"total","line":5,"column":1,"in_app":true},{"file":"lib.js"}]}]}
            """);

        var error = Assert.Single(batch.Accepted).Error;
        Assert.Equal([new ErrorFrame("shop.cart", null, "total", 5, 1, true), new ErrorFrame(null, "lib.js", null, null, null, null)], error.Frames);
        Assert.Equal(("error", Now), (error.Level, error.Timestamp));
    }

    [Fact]
    public void Sightings_OnePerIssueSpanningItsErrors()
    {
        var batch = Parse("""
            {"errors":[
              {"type":"E","message":"a","timestamp":"2026-11-21T05:10:00Z"},
              {"type":"E","message":"b","timestamp":"2026-11-21T05:00:00Z"},
              {"type":"E","message":"a","timestamp":"2026-11-21T05:20:00Z"}]}
            """);

        var sightings = ErrorIngestParser.Sightings(batch.Accepted);

        Assert.Equal(2, sightings.Count);
        var first = sightings.Single(sighting => sighting.Title == "E: a");
        Assert.Equal((Now.AddMinutes(-20), Now.AddMinutes(-10)), (first.FirstAt, first.LastAt));
    }

    [Theory]
    [InlineData("""{"type":1,"message":"x"}""", "type")]
    [InlineData("""{}""", "message")]
    [InlineData("""{"message":"x","level":"loud"}""", "level")]
    [InlineData("""{"message":"x","trace_id":"abc"}""", "trace_id")]
    [InlineData("""{"message":"x","frames":{}}""", "frames")]
    [InlineData("""{"message":"x","frames":[1]}""", "frames[0]")]
    [InlineData("""{"message":"x","frames":[{"line":"7"}]}""", "frames[0].line")]
    [InlineData("""{"message":"x","timestamp":"2026-10-01T00:00:00Z"}""", "timestamp")]
    [InlineData("""{"message":"x","distinct_id":5}""", "distinct_id")]
    public void Parse_BadItem_RejectedNamingTheField(string item, string field)
    {
        var batch = Parse($$"""{"errors":[{{item}}]}""");

        Assert.Empty(batch.Accepted);
        Assert.Equal(field, Assert.Single(batch.Rejected).Field);
    }

    [Fact]
    public void Parse_NoErrorsArray_RefusesTheRequest()
    {
        Assert.Equal("errors", Parse("""{"events":[]}""").Problem?.Field);
    }

    [Fact]
    public void Parse_RunawayRecursion_KeepsTheFramesNearestTheThrow()
    {
        var stack = "RangeError: Maximum call stack size exceeded\n" + string.Concat(Enumerable.Range(0, 1000).Select(index => $"    at f{index} (/app/a.js:{index}:1)\n"));
        var batch = Parse($$"""{"errors":[{"message":"too deep","stack":{{System.Text.Json.JsonSerializer.Serialize(stack)}}}]}""");

        var frames = Assert.Single(batch.Accepted).Error.Frames;
        Assert.Equal(ErrorIngestParser.MaxFrames, frames.Count);
        Assert.Equal("f0", frames[^1].Function);
    }

    private static Core.Ingest.ParsedBatch<GroupedError> Parse(string json) => ErrorIngestParser.Parse(Encoding.UTF8.GetBytes(json), 7, Now, "browser");
}
