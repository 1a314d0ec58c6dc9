using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Vigil.Core.Ingest;
using Vigil.Core.Metrics;

namespace Vigil.Storage.ClickHouse;

/// <summary>
/// One acknowledged batch as the JSONEachRow lines ClickHouse inserts, every row tagged with the batch's random id
/// and its sequence number in its table, so a retried insert can leave out the rows ClickHouse already has.
/// Local hours and days are computed here, in the project's zone at arrival, as the SQLite store does.
/// </summary>
internal sealed record ClickHouseRows(ulong BatchId, int EventCount, int RequestCount, ReadOnlyMemory<byte> Events, ReadOnlyMemory<byte> Requests)
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    public static ClickHouseRows From(IngestBatch batch, ulong batchId)
    {
        var events = new ArrayBufferWriter<byte>(Math.Max(256, batch.Events.Count * 256));
        using (var writer = new Utf8JsonWriter(events, WriterOptions))
        {
            for (var seq = 0; seq < batch.Events.Count; seq++)
            {
                var productEvent = batch.Events[seq];
                var zone = batch.ZoneOf(productEvent.ProjectId);
                writer.WriteStartObject();
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
                WriteBatch(writer, batchId, seq);
                writer.WriteEndObject();
                writer.Flush();
                events.Write("\n"u8);
                writer.Reset();
            }
        }
        var requests = new ArrayBufferWriter<byte>(Math.Max(256, batch.Requests.Count * 160));
        using (var writer = new Utf8JsonWriter(requests, WriterOptions))
        {
            for (var seq = 0; seq < batch.Requests.Count; seq++)
            {
                var request = batch.Requests[seq];
                writer.WriteStartObject();
                writer.WriteNumber("project_id", request.ProjectId);
                WriteTime(writer, request.Timestamp);
                writer.WriteString("method", request.Method);
                writer.WriteString("route", request.Route);
                writer.WriteNumber("status", request.Status);
                writer.WriteNumber("duration_ms", request.DurationMs);
                writer.WriteNumber("local_hour", TimeBuckets.LocalHourStart(request.Timestamp, batch.ZoneOf(request.ProjectId)).ToUnixTimeSeconds());
                writer.WriteNumber("sketch_bucket", LatencySketch.BucketOf(request.DurationMs));
                WriteBatch(writer, batchId, seq);
                writer.WriteEndObject();
                writer.Flush();
                requests.Write("\n"u8);
                writer.Reset();
            }
        }
        return new ClickHouseRows(batchId, batch.Events.Count, batch.Requests.Count, events.WrittenMemory, requests.WrittenMemory);
    }

    /// <summary>Layout: batch id (u64), event rows (i32), request rows (i32), event bytes (i32), events, requests.</summary>
    public byte[] ToPayload()
    {
        var payload = new byte[20 + Events.Length + Requests.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(payload, BatchId);
        BinaryPrimitives.WriteInt32LittleEndian(payload.AsSpan(8), EventCount);
        BinaryPrimitives.WriteInt32LittleEndian(payload.AsSpan(12), RequestCount);
        BinaryPrimitives.WriteInt32LittleEndian(payload.AsSpan(16), Events.Length);
        Events.Span.CopyTo(payload.AsSpan(20));
        Requests.Span.CopyTo(payload.AsSpan(20 + Events.Length));
        return payload;
    }

    /// <summary>The rows of a payload, read in place (they share its bytes).</summary>
    public static ClickHouseRows FromPayload(byte[] payload)
    {
        var eventBytes = BinaryPrimitives.ReadInt32LittleEndian(payload.AsSpan(16));
        return new ClickHouseRows(
            BinaryPrimitives.ReadUInt64LittleEndian(payload),
            BinaryPrimitives.ReadInt32LittleEndian(payload.AsSpan(8)),
            BinaryPrimitives.ReadInt32LittleEndian(payload.AsSpan(12)),
            payload.AsMemory(20, eventBytes),
            payload.AsMemory(20 + eventBytes));
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

    private static void WriteBatch(Utf8JsonWriter writer, ulong batchId, int seq)
    {
        writer.WriteNumber("batch_id", batchId);
        writer.WriteNumber("seq", seq);
    }
}
