using System.Buffers.Binary;
using System.Text;
using Vigil.Core.Errors;
using Vigil.Core.Ingest;
using Vigil.Core.Logs;
using Vigil.Core.Series;

namespace Vigil.Storage.ClickHouse.Tests;

public sealed class ClickHouseRowsTests
{
    private static readonly DateTimeOffset Minute = new(2026, 11, 21, 5, 30, 0, TimeSpan.Zero);

    [Fact]
    public void FromPayload_OfToPayload_EveryTableWithItsRows()
    {
        var batch = new IngestBatch(
            [new ProductEvent(1, "signup", "u1", Minute, "{}", [])],
            [new RequestSample(1, Minute, "GET", "/", 200, 12), new RequestSample(1, Minute, "GET", "/", 500, 40)],
            new Dictionary<long, TimeZoneInfo> { [1] = TimeZoneInfo.Utc })
        {
            Errors = [new ErrorEvent(1, Minute, "aaaa", "api", "error", null, "boom", null, null, null, null, [])],
            Logs = [new LogRecord(1, Minute, Minute, 9, "", LogSeverity.Info, "started", "shop", null, null, [new("k", "v")])],
            Series = SeriesAccumulator.Accumulate([new MetricPoint(new NamedSeries(1, "queue_depth", [], SeriesKind.Gauge, ""), Minute, 4)], _ => null),
        };
        var rows = ClickHouseRows.From(batch, 42);

        var read = ClickHouseRows.FromPayload(rows.ToPayload());

        Assert.Equal(42UL, read.BatchId);
        Assert.Equal(["events:1", "requests:2", "errors:1", "web_vitals:0", "logs:1", "metric_series:1", "metric_minutes:1"], read.Tables.Select(table => $"{table.Table}:{table.Count}"));
        foreach (var table in ClickHouseRows.TableNames)
        {
            Assert.Equal(Encoding.UTF8.GetString(rows.LinesOf(table).Span), Encoding.UTF8.GetString(read.LinesOf(table).Span));
        }
        Assert.Contains("\"fingerprint\":\"aaaa\"", Encoding.UTF8.GetString(read.LinesOf("errors").Span), StringComparison.Ordinal);
        Assert.Contains("\"attributes\":\"{\\\"k\\\":\\\"v\\\"}\"", Encoding.UTF8.GetString(read.LinesOf("logs").Span), StringComparison.Ordinal);
    }

    [Fact]
    public void FromPayload_FirstLayoutLeftInASpool_ReadsItsEventsAndRequests()
    {
        // Spooled by a build before errors: batch id, event rows, request rows, event bytes, events, requests.
        var events = "{\"project_id\":1,\"seq\":0}\n"u8.ToArray();
        var requests = "{\"project_id\":1,\"seq\":0}\n{\"project_id\":1,\"seq\":1}\n"u8.ToArray();
        var payload = new byte[20 + events.Length + requests.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(payload, 7);
        BinaryPrimitives.WriteInt32LittleEndian(payload.AsSpan(8), 1);
        BinaryPrimitives.WriteInt32LittleEndian(payload.AsSpan(12), 2);
        BinaryPrimitives.WriteInt32LittleEndian(payload.AsSpan(16), events.Length);
        events.CopyTo(payload, 20);
        requests.CopyTo(payload, 20 + events.Length);

        var read = ClickHouseRows.FromPayload(payload);

        Assert.Equal(7UL, read.BatchId);
        Assert.Equal(events, read.LinesOf("events").ToArray());
        Assert.Equal(requests, read.LinesOf("requests").ToArray());
        Assert.True(read.LinesOf("errors").IsEmpty);
    }
}
