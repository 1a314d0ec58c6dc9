using Vigil.Core.Logs;

namespace Vigil.Core.Tests.Logs;

public sealed class LogQueryParserTests
{
    [Fact]
    public void ParseText_WordsPhrasesAndPrefixes_EachATerm()
    {
        var (terms, problem) = LogQueryParser.ParseText("  payment \"card declined\"  order-42 retr* 결제 ");

        Assert.Null(problem);
        Assert.Equal(
            [
                new LogSearchTerm("payment"),
                new LogSearchTerm("card declined", IsPhrase: true),
                new LogSearchTerm("order-42"),
                new LogSearchTerm("retr", IsPrefix: true),
                new LogSearchTerm("결제"),
            ],
            terms);
    }

    [Theory]
    [InlineData("\"not closed", "closed")]
    [InlineData("ok --", "no letter or digit")]
    [InlineData("\"\"", "no letter or digit")]
    public void ParseText_Unusable_SaysWhy(string q, string reason) => Assert.Contains(reason, LogQueryParser.ParseText(q).Problem);

    [Fact]
    public void ParseText_TooManyTerms_Refused() =>
        Assert.NotNull(LogQueryParser.ParseText(string.Join(' ', Enumerable.Range(0, LogQueryParser.MaxTerms + 1).Select(index => $"w{index}"))).Problem);

    [Fact]
    public void Parse_EveryParameter_OneQuery()
    {
        var (query, problem) = LogQueryParser.Parse(7, new LogSearchParameters(
            "timeout", "WARN", "2026-11-21T00:00:00+09:00", "2026-11-21T01:00:00Z", "4BF92F3577B34DA6A3CE929D0E0E4736",
            ["http.route:/api/orders/{id}", "user.id: u:1 "], "50", "1763683200000.17"));

        Assert.Null(problem);
        Assert.Equal(7, query!.ProjectId);
        Assert.Equal([new LogSearchTerm("timeout")], query.Terms);
        Assert.Equal(LogSeverity.Warn, query.MinLevel);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 15, 0, 0, TimeSpan.Zero), query.From);
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 1, 0, 0, TimeSpan.Zero), query.To);
        Assert.Equal("4bf92f3577b34da6a3ce929d0e0e4736", query.TraceId);
        Assert.Equal([new("http.route", "/api/orders/{id}"), new("user.id", "u:1")], query.Attributes);
        Assert.Equal(50, query.Limit);
        Assert.Equal(new LogCursor(1763683200000, 17), query.Before);
    }

    [Fact]
    public void Parse_Nothing_NewestHundred() =>
        Assert.Equal(LogQuery.Newest(3) with { Terms = [], Attributes = [] }, LogQueryParser.Parse(3, new LogSearchParameters()).Query! with { Terms = [], Attributes = [] });

    [Theory]
    [InlineData("level", "loud")]
    [InlineData("from", "yesterday")]
    [InlineData("trace_id", "abc")]
    [InlineData("attr", "novalue")]
    [InlineData("limit", "0")]
    [InlineData("limit", "1001")]
    [InlineData("before", "12")]
    [InlineData("q", "\"open")]
    public void Parse_BadParameter_NamesIt(string field, string value)
    {
        var parameters = field switch
        {
            "level" => new LogSearchParameters(Level: value),
            "from" => new LogSearchParameters(From: value),
            "trace_id" => new LogSearchParameters(TraceId: value),
            "attr" => new LogSearchParameters(Attributes: [value]),
            "limit" => new LogSearchParameters(Limit: value),
            "before" => new LogSearchParameters(Before: value),
            _ => new LogSearchParameters(Q: value),
        };

        var (query, problem) = LogQueryParser.Parse(1, parameters);

        Assert.Null(query);
        Assert.Equal(field, problem!.Field);
    }

    [Fact]
    public void Parse_FromNotBeforeTo_Refused() =>
        Assert.Equal("from", LogQueryParser.Parse(1, new LogSearchParameters(From: "2026-11-21T01:00:00Z", To: "2026-11-21T01:00:00Z")).Problem!.Field);

    [Fact]
    public void WithinRetention_FromOlderOrMissing_RaisedToTheOldestKeptInstant()
    {
        var now = new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

        Assert.Equal(now.AddDays(-14), LogQuery.Newest(1).WithinRetention(now, 14).From);
        Assert.Equal(now.AddDays(-14), (LogQuery.Newest(1) with { From = now.AddDays(-30) }).WithinRetention(now, 14).From);
        Assert.Equal(now.AddDays(-1), (LogQuery.Newest(1) with { From = now.AddDays(-1) }).WithinRetention(now, 14).From);
    }

    [Fact]
    public void LogCursor_ToStringThenParse_SameCursor() =>
        Assert.Equal(new LogCursor(1763683200123, ulong.MaxValue), LogCursor.Parse(new LogCursor(1763683200123, ulong.MaxValue).ToString()));

    [Fact]
    public void LogPage_From_OneRowMoreThanTheLimit_CursorOfTheLastShown()
    {
        var at = new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
        var rows = Enumerable.Range(1, 3).Select(id => new StoredLog((ulong)id, new LogRecord(1, at, at, 9, "", LogSeverity.Info, "x", "", null, null, []))).ToList();

        var page = LogPage.From(rows, 2);

        Assert.Equal(2, page.Logs.Count);
        Assert.Equal(new LogCursor(at.ToUnixTimeMilliseconds(), 2), page.Next);
        Assert.Null(LogPage.From(rows, 3).Next);
    }
}
