using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Vigil.Core.Errors;
using Vigil.Core.Ingest;
using Vigil.Core.Logs;
using Vigil.Core.Metrics;
using Vigil.Core.WebVitals;

namespace Vigil.Storage.ClickHouse;

/// <summary>The JSONEachRow lines of one table in one batch.</summary>
internal sealed record TableRows(string Table, int Count, ReadOnlyMemory<byte> Lines);

/// <summary>
/// One acknowledged batch as the JSONEachRow lines ClickHouse inserts, every row tagged with the batch's random id
/// and its sequence number in its table, so a retried insert can leave out the rows ClickHouse already has.
/// Local hours and days are computed here, in the project's zone at arrival, as the SQLite store does.
/// </summary>
internal sealed record ClickHouseRows(ulong BatchId, IReadOnlyList<TableRows> Tables)
{
    /// <summary>Tables in the order the shipper inserts them.</summary>
    public static readonly IReadOnlyList<string> TableNames = ["events", "requests", "errors", "web_vitals", "logs"];

    // Payloads written before errors were spooled start with the random batch id; these start with this tag.
    private static readonly byte[] TablesTag = "VGTABLES"u8.ToArray();

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    public static ClickHouseRows From(IngestBatch batch, ulong batchId) => new(batchId,
    [
        new TableRows("events", batch.Events.Count, Lines(batch.Events, 256, batchId, (writer, productEvent) => WriteEvent(writer, productEvent, batch.ZoneOf(productEvent.ProjectId)))),
        new TableRows("requests", batch.Requests.Count, Lines(batch.Requests, 160, batchId, (writer, request) => WriteRequest(writer, request, batch.ZoneOf(request.ProjectId)))),
        new TableRows("errors", batch.Errors.Count, Lines(batch.Errors, 512, batchId, WriteError)),
        new TableRows("web_vitals", batch.WebVitals.Count, Lines(batch.WebVitals, 160, batchId, WriteWebVital)),
        new TableRows("logs", batch.Logs.Count, Lines(batch.Logs, 384, batchId, WriteLog)),
    ]);

    /// <summary>The rows for one table; empty when the batch has none.</summary>
    public ReadOnlyMemory<byte> LinesOf(string table) => Tables.FirstOrDefault(rows => rows.Table == table)?.Lines ?? ReadOnlyMemory<byte>.Empty;

    /// <summary>Layout: the tag, batch id (u64), table count (i32), then per table its name (u8 length, ASCII), row count (i32), byte count (i32) and rows.</summary>
    public byte[] ToPayload()
    {
        var size = TablesTag.Length + 12 + Tables.Sum(rows => 1 + rows.Table.Length + 8 + rows.Lines.Length);
        var payload = new byte[size];
        TablesTag.CopyTo(payload, 0);
        var at = TablesTag.Length;
        BinaryPrimitives.WriteUInt64LittleEndian(payload.AsSpan(at), BatchId);
        BinaryPrimitives.WriteInt32LittleEndian(payload.AsSpan(at + 8), Tables.Count);
        at += 12;
        foreach (var rows in Tables)
        {
            payload[at++] = (byte)rows.Table.Length;
            at += Encoding.ASCII.GetBytes(rows.Table, payload.AsSpan(at));
            BinaryPrimitives.WriteInt32LittleEndian(payload.AsSpan(at), rows.Count);
            BinaryPrimitives.WriteInt32LittleEndian(payload.AsSpan(at + 4), rows.Lines.Length);
            at += 8;
            rows.Lines.Span.CopyTo(payload.AsSpan(at));
            at += rows.Lines.Length;
        }
        return payload;
    }

    /// <summary>The rows of a payload, read in place (they share its bytes).</summary>
    public static ClickHouseRows FromPayload(byte[] payload)
    {
        if (!payload.AsSpan().StartsWith(TablesTag))
        {
            return FromEventsAndRequestsPayload(payload);
        }
        var at = TablesTag.Length;
        var batchId = BinaryPrimitives.ReadUInt64LittleEndian(payload.AsSpan(at));
        var tableCount = BinaryPrimitives.ReadInt32LittleEndian(payload.AsSpan(at + 8));
        at += 12;
        var tables = new List<TableRows>(tableCount);
        for (var index = 0; index < tableCount; index++)
        {
            var nameLength = payload[at++];
            var name = Encoding.ASCII.GetString(payload, at, nameLength);
            at += nameLength;
            var count = BinaryPrimitives.ReadInt32LittleEndian(payload.AsSpan(at));
            var length = BinaryPrimitives.ReadInt32LittleEndian(payload.AsSpan(at + 4));
            at += 8;
            tables.Add(new TableRows(name, count, payload.AsMemory(at, length)));
            at += length;
        }
        return new ClickHouseRows(batchId, tables);
    }

    /// <summary>The first layout: batch id (u64), event rows (i32), request rows (i32), event bytes (i32), events, requests.</summary>
    private static ClickHouseRows FromEventsAndRequestsPayload(byte[] payload)
    {
        var eventBytes = BinaryPrimitives.ReadInt32LittleEndian(payload.AsSpan(16));
        return new ClickHouseRows(BinaryPrimitives.ReadUInt64LittleEndian(payload),
        [
            new TableRows("events", BinaryPrimitives.ReadInt32LittleEndian(payload.AsSpan(8)), payload.AsMemory(20, eventBytes)),
            new TableRows("requests", BinaryPrimitives.ReadInt32LittleEndian(payload.AsSpan(12)), payload.AsMemory(20 + eventBytes)),
        ]);
    }

    private static ReadOnlyMemory<byte> Lines<T>(IReadOnlyList<T> items, int bytesPerRow, ulong batchId, Action<Utf8JsonWriter, T> writeColumns)
    {
        var lines = new ArrayBufferWriter<byte>(Math.Max(256, items.Count * bytesPerRow));
        using var writer = new Utf8JsonWriter(lines, WriterOptions);
        for (var seq = 0; seq < items.Count; seq++)
        {
            writer.WriteStartObject();
            writeColumns(writer, items[seq]);
            writer.WriteNumber("batch_id", batchId);
            writer.WriteNumber("seq", seq);
            writer.WriteEndObject();
            writer.Flush();
            lines.Write("\n"u8);
            writer.Reset();
        }
        return lines.WrittenMemory;
    }

    private static void WriteEvent(Utf8JsonWriter writer, ProductEvent productEvent, TimeZoneInfo zone)
    {
        writer.WriteNumber("project_id", productEvent.ProjectId);
        writer.WriteString("name", productEvent.Name);
        writer.WriteString("distinct_id", productEvent.DistinctId);
        WriteTime(writer, productEvent.Timestamp);
        writer.WriteString("properties", productEvent.PropertiesJson);
        writer.WriteNumber("local_hour", TimeBuckets.LocalHourStart(productEvent.Timestamp, zone).ToUnixTimeSeconds());
        writer.WriteString("local_day", TimeBuckets.LocalDate(productEvent.Timestamp, zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        writer.WriteStartArray("breakdown_keys");
        foreach (var (key, _) in productEvent.BreakdownValues)
        {
            writer.WriteStringValue(key);
        }
        writer.WriteEndArray();
        writer.WriteStartArray("breakdown_values");
        foreach (var (_, value) in productEvent.BreakdownValues)
        {
            writer.WriteStringValue(value);
        }
        writer.WriteEndArray();
    }

    private static void WriteRequest(Utf8JsonWriter writer, RequestSample request, TimeZoneInfo zone)
    {
        writer.WriteNumber("project_id", request.ProjectId);
        WriteTime(writer, request.Timestamp);
        writer.WriteString("method", request.Method);
        writer.WriteString("route", request.Route);
        writer.WriteNumber("status", request.Status);
        writer.WriteNumber("duration_ms", request.DurationMs);
        writer.WriteNumber("local_hour", TimeBuckets.LocalHourStart(request.Timestamp, zone).ToUnixTimeSeconds());
        writer.WriteNumber("sketch_bucket", LatencySketch.BucketOf(request.DurationMs));
    }

    private static void WriteError(Utf8JsonWriter writer, ErrorEvent error)
    {
        writer.WriteNumber("project_id", error.ProjectId);
        writer.WriteString("fingerprint", error.Fingerprint);
        WriteTime(writer, error.Timestamp);
        writer.WriteString("source", error.Source);
        writer.WriteString("level", error.Level);
        // Optional fields are empty strings: TabSeparated answers cannot tell a NULL from the text "N".
        writer.WriteString("type", error.Type ?? "");
        writer.WriteString("message", error.Message);
        writer.WriteString("distinct_id", error.DistinctId ?? "");
        writer.WriteString("trace_id", error.TraceId ?? "");
        writer.WriteString("release", error.Release ?? "");
        writer.WriteString("environment", error.Environment ?? "");
        writer.WriteString("frames", ErrorFrameJson.Serialize(error.Frames));
    }

    private static void WriteWebVital(Utf8JsonWriter writer, WebVitalSample vital)
    {
        writer.WriteNumber("project_id", vital.ProjectId);
        WriteTime(writer, vital.Timestamp);
        writer.WriteString("metric", WebVitalThresholds.NameOf(vital.Metric));
        writer.WriteString("page", vital.Page);
        writer.WriteNumber("value", vital.Value);
        writer.WriteString("distinct_id", vital.DistinctId ?? "");
        writer.WriteNumber("rating", (int)WebVitalThresholds.Rate(vital.Metric, vital.Value));
        writer.WriteNumber("sketch_bucket", WebVitalAggregate.BucketOf(vital.Metric, vital.Value));
    }

    private static void WriteLog(Utf8JsonWriter writer, LogRecord log)
    {
        writer.WriteNumber("project_id", log.ProjectId);
        WriteTime(writer, log.Timestamp);
        writer.WriteNumber("observed_ms", log.ObservedTimestamp.ToUnixTimeMilliseconds());
        writer.WriteNumber("severity_number", log.SeverityNumber);
        writer.WriteString("severity_text", log.SeverityText);
        writer.WriteNumber("level", (int)log.Level);
        writer.WriteString("body", log.Body);
        writer.WriteString("service", log.ServiceName);
        writer.WriteString("trace_id", log.TraceId ?? "");
        writer.WriteString("span_id", log.SpanId ?? "");
        writer.WriteString("attributes", LogAttributeJson.Serialize(log.Attributes));
    }

    /// <summary>The lines of <paramref name="rows"/> whose sequence numbers are not in <paramref name="present"/>.</summary>
    public static IEnumerable<ReadOnlyMemory<byte>> Missing(ReadOnlyMemory<byte> rows, IReadOnlySet<int> present)
    {
        for (var seq = 0; !rows.IsEmpty; seq++)
        {
            var line = rows[..(rows.Span.IndexOf((byte)'\n') + 1)];
            if (!present.Contains(seq))
            {
                yield return line;
            }
            rows = rows[line.Length..];
        }
    }

    private static void WriteTime(Utf8JsonWriter writer, DateTimeOffset timestamp)
    {
        var milliseconds = timestamp.ToUnixTimeMilliseconds();
        writer.WriteNumber("time", Math.DivRem(milliseconds, 1000, out var remainder) - (remainder < 0 ? 1 : 0));
        writer.WriteNumber("millis", (int)((remainder + 1000) % 1000));
    }
}
