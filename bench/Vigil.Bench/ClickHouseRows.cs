using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Vigil.Bench;

/// <summary>
/// The events of an ingestion-API body as the rows Vigil inserts into ClickHouse's <c>events</c> table, local hour and
/// day in Asia/Seoul included, so ClickHouse's own insert rate is measured on the same rows and the same views.
/// Converted before the run; not part of what is timed.
/// </summary>
internal static class ClickHouseRows
{
    private static readonly TimeZoneInfo Seoul = TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul");
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] FromEventsBody(byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        var buffer = new ArrayBufferWriter<byte>(body.Length * 2);
        var batchId = (ulong)Random.Shared.NextInt64();
        var seq = 0;
        foreach (var item in document.RootElement.GetProperty("events").EnumerateArray())
        {
            var timestamp = item.GetProperty("timestamp").GetDateTimeOffset();
            var local = TimeZoneInfo.ConvertTime(timestamp, Seoul);
            var properties = item.GetProperty("properties");
            using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            {
                writer.WriteStartObject();
                writer.WriteNumber("project_id", 1);
                writer.WriteString("name", item.GetProperty("event").GetString());
                writer.WriteString("distinct_id", item.GetProperty("distinct_id").GetString());
                writer.WriteNumber("time", timestamp.ToUnixTimeSeconds());
                writer.WriteNumber("millis", timestamp.Millisecond);
                writer.WriteString("properties", properties.GetRawText());
                writer.WriteNumber("local_hour", new DateTimeOffset(local.Year, local.Month, local.Day, local.Hour, 0, 0, local.Offset).ToUnixTimeSeconds());
                writer.WriteString("local_day", local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                writer.WriteStartArray("breakdown_keys");
                foreach (var property in properties.EnumerateObject())
                {
                    writer.WriteStringValue(property.Name);
                }
                writer.WriteEndArray();
                writer.WriteStartArray("breakdown_values");
                foreach (var property in properties.EnumerateObject())
                {
                    writer.WriteStringValue(property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : property.Value.GetRawText());
                }
                writer.WriteEndArray();
                writer.WriteNumber("batch_id", batchId);
                writer.WriteNumber("seq", seq++);
                writer.WriteEndObject();
            }
            buffer.Write("\n"u8);
        }
        return buffer.WrittenSpan.ToArray();
    }
}
