using System.Text.Json.Nodes;
using Vigil.Core.Logs;
using Vigil.Core.Tests.Support;

namespace Vigil.Core.Tests.Logs;

public sealed class LogJsonParserTests
{
    private static JsonObject Line() => new()
    {
        ["timestamp"] = "2026-11-21T20:59:00.250+09:00",
        ["level"] = "warning",
        ["message"] = "Slow query",
        ["attributes"] = new JsonObject { ["db"] = new JsonObject { ["statement"] = "SELECT 1" }, ["ms"] = 812.5, ["cached"] = false, ["rows"] = new JsonArray(1, 2), ["none"] = null },
        ["trace_id"] = "4BF92F3577B34DA6A3CE929D0E0E4736",
        ["span_id"] = "00f067aa0ba902b7",
        ["service"] = "shop-api",
    };

    [Fact]
    public void Parse_FullLine_EveryField()
    {
        var parsed = LogJsonParser.Parse(Some.Body("logs", [Line()]), Some.ProjectId, Some.Now);

        var log = Assert.Single(parsed.Accepted);
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 11, 59, 0, 250, TimeSpan.Zero), log.Timestamp);
        Assert.Equal(Some.Now, log.ObservedTimestamp);
        Assert.Equal((13, "warning", LogSeverity.Warn, "Slow query", "shop-api"), (log.SeverityNumber, log.SeverityText, log.Level, log.Body, log.ServiceName));
        Assert.Equal(("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7"), (log.TraceId, log.SpanId));
        Assert.Equal([new("db.statement", "SELECT 1"), new("ms", "812.5"), new("cached", "false"), new("rows", "[1,2]")], log.Attributes);
    }

    [Fact]
    public void Parse_MessageOnly_InfoNowNoIds() 
    {
        var log = Assert.Single(LogJsonParser.Parse(Some.Body("logs", [new JsonObject { ["message"] = "hi" }]), Some.ProjectId, Some.Now).Accepted);

        Assert.Equal((LogSeverity.Info, 9, Some.Now, (string?)null, ""), (log.Level, log.SeverityNumber, log.Timestamp, log.TraceId, log.ServiceName));
    }

    [Theory]
    [InlineData("message", null, "required")]
    [InlineData("level", "loud", "one of trace, debug, info, warn, error, fatal")]
    [InlineData("trace_id", "123", "32 hexadecimal")]
    [InlineData("span_id", "0000000000000000", "16 hexadecimal")]
    [InlineData("attributes", "text", "JSON object")]
    [InlineData("timestamp", "2026-11-21T11:00:00", "offset")]
    public void Parse_BadField_ThatLineRejectedWithItsField(string field, string? value, string reason)
    {
        var bad = Line();
        bad[field] = value;

        var parsed = LogJsonParser.Parse(Some.Body("logs", [Line(), bad]), Some.ProjectId, Some.Now);

        Assert.Single(parsed.Accepted);
        var rejection = Assert.Single(parsed.Rejected);
        Assert.Equal((1, field), (rejection.Index, rejection.Field));
        Assert.Contains(reason, rejection.Error);
    }

    [Fact]
    public void Parse_MessageOverLimit_Rejected()
    {
        var line = Line();
        line["message"] = new string('é', LogLimits.MaxBodyBytes / 2 + 1);

        Assert.Equal("message", Assert.Single(LogJsonParser.Parse(Some.Body("logs", [line]), Some.ProjectId, Some.Now).Rejected).Field);
    }

    [Fact]
    public void Parse_NoLogsArray_RefusesTheRequest() =>
        Assert.Equal("logs", LogJsonParser.Parse("{\"events\":[]}"u8.ToArray(), Some.ProjectId, Some.Now).Problem!.Field);
}
