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
using Vigil.Core.Series;

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
    public static readonly IReadOnlyList<string> TableNames = ["events", "requests", "errors", "web_vitals", "logs", "metric_series", "metric_minutes"];

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
        new TableRows("metric_series", batch.Series.Series.Count, Lines(batch.Series.Series.Values.ToList(), 256, batchId, (writer, series) => WriteSeries(writer, series.Series, series.State))),
        new TableRows("metric_minutes", batch.Series.Rollups.Count, Lines(batch.Series.Rollups.ToList(), 128, batchId, (writer, rollup) => WriteSeriesMinute(writer, rollup.Key, rollup.Value))),
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
        if (request.TraceId is { } traceId)
        {
            writer.WriteString("trace_id", traceId);
        }
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

    // A series without state (a gauge, a delta series) has state_time of its newest point and no sketch; readers take
    // each column from the row with the newest state_time.
    private static void WriteSeries(Utf8JsonWriter writer, NamedSeries series, SeriesState? state)
    {
        writer.WriteNumber("project_id", series.ProjectId);
        writer.WriteNumber("series_id", series.Id);
        writer.WriteString("name", series.Name);
        writer.WriteString("labels", series.LabelsJson);
        writer.WriteNumber("kind", (int)series.Kind);
        writer.WriteString("unit", series.Unit);
        writer.WriteNumber("has_state", state is null ? 0 : 1);
        writer.WriteNumber("state_time", state?.Time.ToUnixTimeMilliseconds() ?? 0);
        writer.WriteNumber("state_start", state?.StartTime?.ToUnixTimeMilliseconds() ?? 0);
        writer.WriteNumber("state_value", state?.Value ?? 0);
        writer.WriteNumber("state_count", state?.Count ?? 0);
        writer.WriteNumber("state_sum", state?.Sum ?? 0);
        writer.WriteString("state_sketch", state?.Sketch is { } sketch ? Convert.ToBase64String(sketch.ToBytes()) : "");
    }

    private static void WriteSeriesMinute(Utf8JsonWriter writer, (long ProjectId, long SeriesId, DateTimeOffset Minute) key, MinuteRollup rollup)
    {
        writer.WriteNumber("project_id", key.ProjectId);
        writer.WriteNumber("series_id", key.SeriesId);
        writer.WriteNumber("minute", key.Minute.ToUnixTimeSeconds());
        writer.WriteNumber("count", rollup.Count);
        writer.WriteNumber("sum", rollup.Sum);
        // Counters and histograms keep no minimum or maximum; JSON has no infinities, and nothing reads these for them.
        writer.WriteNumber("min", double.IsFinite(rollup.Min) ? rollup.Min : 0);
        writer.WriteNumber("max", double.IsFinite(rollup.Max) ? rollup.Max : 0);
        writer.WriteNumber("last", rollup.Last);
        writer.WriteNumber("last_time", rollup.LastTime.ToUnixTimeMilliseconds());
        writer.WriteString("sketch", rollup.Sketch is { } sketch ? Convert.ToBase64String(sketch.ToBytes()) : "");
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
