using System.Globalization;
using Vigil.Core.Ingest;
using Vigil.Core.Logs;
using Vigil.Core.Storage;

namespace Vigil.Testing.Contracts;

/// <summary>
/// How every telemetry store keeps, searches and expires log lines; each engine's test project runs it on a store of
/// its own. Text terms here are whole words, which both engines match alike (SQLite by word, ClickHouse by substring).
/// </summary>
public abstract class TelemetryLogsContract<TEngine> : TelemetryContract<TEngine>
    where TEngine : ITelemetryEngine, new()
{
    private static readonly DateTimeOffset Hour = new(2026, 11, 21, 5, 0, 0, TimeSpan.Zero);
    private static readonly Dictionary<long, TimeZoneInfo> Zones = new() { [1] = TimeZoneInfo.Utc, [2] = TimeZoneInfo.Utc };
    private const string TraceA = "4bf92f3577b34da6a3ce929d0e0e4736";
    private const string TraceB = "0af7651916cd43dd8448eb211c80319c";

    [Fact]
    public async Task SearchLogsAsync_NoConditions_NewestFirstWithEveryFieldAsWritten()
    {
        var full = new LogRecord(1, Hour.AddMinutes(9).AddMilliseconds(5), Hour.AddMinutes(9).AddMilliseconds(7), 17, "Error", LogSeverity.Error,
            "Payment declined for order 42\n\t\"card\" — 결제 실패", "checkout", TraceA, "00f067aa0ba902b7",
            [new("http.route", "/api/orders/{id}"), new("user.id", "u-1"), new("resource.host.name", "web-1")]);
        var bare = Some.Log(Hour.AddMinutes(1), "started");
        await WriteAsync(bare, full, Some.Log(Hour.AddMinutes(5), "middle"));

        var page = await SearchAsync(LogQuery.Newest(1));

        Assert.Equal(["Payment declined for order 42\n\t\"card\" — 결제 실패", "middle", "started"], page.Logs.Select(log => log.Record.Body));
        AssertSame(full, page.Logs[0].Record);
        AssertSame(bare, page.Logs[2].Record);
        Assert.Null(page.Next);
    }

    [Fact]
    public async Task SearchLogsAsync_Words_EveryWordCaseInsensitivelyAndPhrasesInOrder()
    {
        await WriteAsync(
            Some.Log(Hour.AddMinutes(1), "Payment declined for order 42"),
            Some.Log(Hour.AddMinutes(2), "payment accepted"),
            Some.Log(Hour.AddMinutes(3), "order declined: payment missing"),
            Some.Log(Hour.AddMinutes(4), "결제 실패 order 7"),
            Some.Log(Hour.AddMinutes(5), "PAYMENT DECLINED again", projectId: 2));

        Assert.Equal(["order declined: payment missing", "Payment declined for order 42"], await BodiesAsync(Terms("DECLINED", "payment")));
        Assert.Equal(["Payment declined for order 42"], await BodiesAsync(Terms(new LogSearchTerm("payment declined", IsPhrase: true))));
        Assert.Equal(["결제 실패 order 7"], await BodiesAsync(Terms("결제")));
        Assert.Empty(await BodiesAsync(Terms("payment", "refunded")));
    }

    [Fact]
    public async Task SearchLogsAsync_SearchSyntaxInTerms_IsSearchedForNotInterpreted()
    {
        await WriteAsync(Some.Log(Hour.AddMinutes(1), "a \"quoted\" NEAR(word) AND -minus OR col:on"));

        Assert.Single(await BodiesAsync(Terms("\"quoted\"", "NEAR(word)", "AND", "-minus", "col:on")));
        Assert.Empty(await BodiesAsync(Terms("quoted", "absent\"")));
    }

    [Fact]
    public async Task SearchLogsAsync_MinLevel_ThatLevelAndAbove()
    {
        await WriteAsync(
            Some.Log(Hour.AddMinutes(1), "debug", LogSeverity.Debug),
            Some.Log(Hour.AddMinutes(2), "info", LogSeverity.Info),
            Some.Log(Hour.AddMinutes(3), "warn", LogSeverity.Warn),
            Some.Log(Hour.AddMinutes(4), "error", LogSeverity.Error),
            Some.Log(Hour.AddMinutes(5), "fatal", LogSeverity.Fatal));

        Assert.Equal(["fatal", "error", "warn"], await BodiesAsync(LogQuery.Newest(1) with { MinLevel = LogSeverity.Warn }));
        Assert.Equal(["fatal", "error"], await BodiesAsync(LogQuery.Newest(1) with { MinLevel = LogSeverity.Error }));
    }

    [Fact]
    public async Task SearchLogsAsync_TimeRange_HalfOpenToTheMillisecond()
    {
        await WriteAsync(
            Some.Log(Hour.AddMilliseconds(-1), "before"),
            Some.Log(Hour, "first"),
            Some.Log(Hour.AddMinutes(10).AddMilliseconds(-1), "last"),
            Some.Log(Hour.AddMinutes(10), "after"));

        Assert.Equal(["last", "first"], await BodiesAsync(LogQuery.Newest(1) with { From = Hour, To = Hour.AddMinutes(10) }));
    }

    [Fact]
    public async Task SearchLogsAsync_TraceId_OnlyThatTracesLines()
    {
        await WriteAsync(
            Some.Log(Hour.AddMinutes(1), "a1") with { TraceId = TraceA },
            Some.Log(Hour.AddMinutes(2), "b1") with { TraceId = TraceB },
            Some.Log(Hour.AddMinutes(3), "none"),
            Some.Log(Hour.AddMinutes(4), "a2") with { TraceId = TraceA },
            Some.Log(Hour.AddMinutes(5), "other project") with { TraceId = TraceA, ProjectId = 2 });

        Assert.Equal(["a2", "a1"], await BodiesAsync(LogQuery.Newest(1) with { TraceId = TraceA }));
    }

    [Fact]
    public async Task SearchLogsAsync_Attributes_EveryPairExactly()
    {
        await WriteAsync(
            Some.Log(Hour.AddMinutes(1), "both") with { Attributes = [new("http.route", "/api/orders"), new("user.id", "u-1")] },
            Some.Log(Hour.AddMinutes(2), "route only") with { Attributes = [new("http.route", "/api/orders")] },
            Some.Log(Hour.AddMinutes(3), "other user") with { Attributes = [new("http.route", "/api/orders"), new("user.id", "u-10")] },
            Some.Log(Hour.AddMinutes(4), "value in another key") with { Attributes = [new("note", "user.id u-1")] },
            Some.Log(Hour.AddMinutes(5), "quoted") with { Attributes = [new("say \"hi\"", "a \"b\" \\ c")] });

        Assert.Equal(["other user", "route only", "both"], await BodiesAsync(LogQuery.Newest(1) with { Attributes = [new("http.route", "/api/orders")] }));
        Assert.Equal(["both"], await BodiesAsync(LogQuery.Newest(1) with { Attributes = [new("http.route", "/api/orders"), new("user.id", "u-1")] }));
        Assert.Equal(["quoted"], await BodiesAsync(LogQuery.Newest(1) with { Attributes = [new("say \"hi\"", "a \"b\" \\ c")] }));
        Assert.Empty(await BodiesAsync(LogQuery.Newest(1) with { Attributes = [new("missing", "")] }));
    }

    [Fact]
    public async Task SearchLogsAsync_Cursor_WalksEveryLineOnceNewestFirst()
    {
        // Three lines share a millisecond: the id orders them, and no page boundary may lose or repeat one.
        var lines = Enumerable.Range(0, 7).Select(index => Some.Log(Hour.AddSeconds(index < 3 ? 0 : index), $"line{index}")).ToArray();
        await WriteAsync(lines);

        var seen = new List<StoredLog>();
        var query = LogQuery.Newest(1, limit: 2);
        LogPage page;
        do
        {
            page = await SearchAsync(query);
            Assert.True(page.Logs.Count <= 2);
            seen.AddRange(page.Logs);
            query = query with { Before = page.Next };
        }
        while (page.Next is not null);

        Assert.Equal(7, seen.Select(log => log.Id).Distinct().Count());
        Assert.Equal(["line6", "line5", "line4", "line3"], seen.Take(4).Select(log => log.Record.Body));
        Assert.Equal(["line0", "line1", "line2"], seen.Skip(4).Select(log => log.Record.Body).Order());
        Assert.Equal(seen.OrderByDescending(log => log.Record.Timestamp).ThenByDescending(log => log.Id).Select(log => log.Id), seen.Select(log => log.Id));
    }

    [Fact]
    public async Task SearchLogsAsync_ManyMatchesArrivingOutOfTimeOrder_EveryPageNewestFirst()
    {
        // Lines arrive in four batches: the second is an hour older than the first, the third shares the first's
        // milliseconds, the last is two days old. Thousands of lines span several id blocks and time ranges, so pages
        // must follow time across them, not arrival. Another project's lines of the same words come before and after.
        var otherProject = Enumerable.Range(0, 300).Select(index => Numbered(index, Hour.AddSeconds(index)) with { ProjectId = 2 }).ToArray();
        await Store.WriteAsync(new IngestBatch([], [], Zones) { Logs = otherProject[..150] }, CancellationToken.None);
        var recent = Enumerable.Range(0, 1500).Select(index => Numbered(index, Hour.AddSeconds(index / 2)));
        var older = Enumerable.Range(1500, 1500).Select(index => Numbered(index, Hour.AddHours(-1).AddSeconds(index - 1500)));
        var sameMillisecond = Enumerable.Range(3000, 200).Select(index => Numbered(index, Hour.AddSeconds(index * 7 % 1500 / 2)));
        var daysOld = Enumerable.Range(3200, 150).Select(index => Numbered(index, Hour.AddDays(-2).AddMinutes(index - 3200)));
        var lines = new List<LogRecord>();
        foreach (var batch in new[] { recent, older, sameMillisecond, daysOld })
        {
            var written = batch.ToArray();
            await Store.WriteAsync(new IngestBatch([], [], Zones) { Logs = written }, CancellationToken.None);
            lines.AddRange(written);
        }
        await Store.WriteAsync(new IngestBatch([], [], Zones) { Logs = otherProject[150..] }, CancellationToken.None);
        await MakeReadableAsync();
        var shardOne = new KeyValuePair<string, string>("shard", "1");
        var searches = new (LogQuery Query, Func<LogRecord, bool> Matches)[]
        {
            (Terms("alpha"), _ => true),
            (Terms("beta"), line => line.Body.Contains("beta", StringComparison.Ordinal)),
            (Terms("alpha") with { MinLevel = LogSeverity.Error }, line => line.Level == LogSeverity.Error),
            (Terms("alpha") with { From = Hour.AddMinutes(-30), To = Hour.AddMinutes(5) }, line => line.Timestamp >= Hour.AddMinutes(-30) && line.Timestamp < Hour.AddMinutes(5)),
            (Terms("beta") with { Attributes = [shardOne] }, line => line.Body.Contains("beta", StringComparison.Ordinal) && line.Attributes.Contains(shardOne)),
        };

        foreach (var (query, matches) in searches)
        {
            var seen = await EveryPageAsync(query with { Limit = 100 });

            var expected = lines.Where(matches).ToList();
            Assert.Equal(expected.Select(line => line.Body).Order(), seen.Select(log => log.Record.Body).Order());
            Assert.Equal(expected.Select(line => line.Timestamp).OrderDescending(), seen.Select(log => log.Record.Timestamp));
            Assert.Equal(seen.OrderByDescending(log => log.Record.Timestamp).ThenByDescending(log => log.Id).Select(log => log.Id), seen.Select(log => log.Id));
        }
    }

    [Fact]
    public async Task DeleteExpiredLogsAsync_DaysBeforeTheCutoff_GoneAndLaterLinesKept()
    {
        var cutoff = new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);
        await WriteAsync(
            Some.Log(cutoff.AddDays(-3), "three days old"),
            Some.Log(cutoff.AddDays(-1).AddHours(23), "an hour before"),
            Some.Log(cutoff.AddDays(-2), "other project old", projectId: 2),
            Some.Log(cutoff, "at the cutoff"),
            Some.Log(cutoff.AddDays(1), "a day later", projectId: 2));

        var deleted = await Store.DeleteExpiredLogsAsync(new Dictionary<long, DateTimeOffset> { [1] = cutoff, [2] = cutoff }, CancellationToken.None);

        Assert.Equal(3, deleted);
        Assert.Equal(["at the cutoff"], await BodiesAsync(LogQuery.Newest(1)));
        Assert.Equal(["a day later"], await BodiesAsync(LogQuery.Newest(2)));
        Assert.Single(await BodiesAsync(Terms("cutoff")));
    }

    private static LogQuery Terms(params string[] words) => LogQuery.Newest(1) with { Terms = words.Select(word => new LogSearchTerm(word)).ToList() };

    private static LogQuery Terms(params LogSearchTerm[] terms) => LogQuery.Newest(1) with { Terms = terms };

    private async Task<LogPage> SearchAsync(LogQuery query) => await Store.SearchLogsAsync(query, CancellationToken.None);

    private async Task<List<StoredLog>> EveryPageAsync(LogQuery query)
    {
        var seen = new List<StoredLog>();
        for (LogCursor? before = null; ;)
        {
            var page = await SearchAsync(query with { Before = before });
            Assert.True(page.Logs.Count <= query.Limit);
            seen.AddRange(page.Logs);
            if (page.Next is null)
            {
                return seen;
            }
            before = page.Next;
        }
    }

    private static LogRecord Numbered(int index, DateTimeOffset at) =>
        Some.Log(at, $"alpha line{index}{(index % 7 == 0 ? " beta" : "")}", index % 5 == 0 ? LogSeverity.Error : LogSeverity.Info)
            with { Attributes = [new("shard", (index % 3).ToString(CultureInfo.InvariantCulture))] };

    private async Task<List<string>> BodiesAsync(LogQuery query) => (await SearchAsync(query)).Logs.Select(log => log.Record.Body).ToList();

    private static void AssertSame(LogRecord expected, LogRecord actual)
    {
        Assert.Equal(expected with { Attributes = [] }, actual with { Attributes = [] });
        Assert.Equal(expected.Attributes, actual.Attributes);
    }

    private async Task WriteAsync(params LogRecord[] logs)
    {
        await Store.WriteAsync(new IngestBatch([], [], Zones) { Logs = logs }, CancellationToken.None);
        await MakeReadableAsync();
    }

    private static class Some
    {
        public static LogRecord Log(DateTimeOffset at, string body, LogSeverity level = LogSeverity.Info, long projectId = 1) =>
            new(projectId, at, at, LogSeverities.BaseNumber(level), "", level, body, "shop", null, null, []);
    }
}
