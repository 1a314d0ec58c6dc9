using System.Buffers;
using System.Text.Json;

namespace Vigil.Demo;

/// <summary>One request body for the ingestion API, already serialized.</summary>
internal sealed record DemoBatch(string Path, byte[] Body, int Count, bool IsEvents, DateTimeOffset Last)
{
    public const int MaxItems = 1000;
    public const int MaxBodyBytes = 1024 * 1024;

    public const string EventsPath = "v1/events";
    public const string RequestsPath = "v1/requests";

    public static IEnumerable<DemoBatch> Events(IReadOnlyList<DemoEvent> events) =>
        Split(events, EventsPath, isEvents: true, "events", WriteEvent, item => item.Timestamp);

    public static IEnumerable<DemoBatch> Requests(IReadOnlyList<DemoRequest> requests) =>
        Split(requests, RequestsPath, isEvents: false, "requests", WriteRequest, item => item.Timestamp);

    private static IEnumerable<DemoBatch> Split<T>(
        IReadOnlyList<T> items,
        string path,
        bool isEvents,
        string arrayName,
        Action<Utf8JsonWriter, T> write,
        Func<T, DateTimeOffset> timestamp)
    {
        for (var start = 0; start < items.Count; start += MaxItems)
        {
            foreach (var batch in Serialize(items, start, Math.Min(MaxItems, items.Count - start)))
            {
                yield return batch;
            }
        }

        IEnumerable<DemoBatch> Serialize(IReadOnlyList<T> source, int start, int count)
        {
            var buffer = new ArrayBufferWriter<byte>(count * 160);
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WriteStartArray(arrayName);
                for (var index = start; index < start + count; index++)
                {
                    write(writer, source[index]);
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            if (buffer.WrittenCount <= MaxBodyBytes || count == 1)
            {
                return [new DemoBatch(path, buffer.WrittenSpan.ToArray(), count, isEvents, timestamp(source[start + count - 1]))];
            }

            // Demo items are small, so this only guards against a future generator with large properties.
            var half = count / 2;
            return Serialize(source, start, half).Concat(Serialize(source, start + half, count - half));
        }
    }

    private static void WriteEvent(Utf8JsonWriter writer, DemoEvent item)
    {
        writer.WriteStartObject();
        writer.WriteString("event", item.Name);
        writer.WriteString("distinct_id", item.DistinctId);
        writer.WriteString("timestamp", item.Timestamp.UtcDateTime);
        writer.WriteStartObject("properties");
        foreach (var (name, value) in item.Properties)
        {
            switch (value)
            {
                case long number:
                    writer.WriteNumber(name, number);
                    break;
                case int number:
                    writer.WriteNumber(name, number);
                    break;
                case double number:
                    writer.WriteNumber(name, number);
                    break;
                case bool flag:
                    writer.WriteBoolean(name, flag);
                    break;
                default:
                    writer.WriteString(name, value.ToString());
                    break;
            }
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteRequest(Utf8JsonWriter writer, DemoRequest item)
    {
        writer.WriteStartObject();
        writer.WriteString("timestamp", item.Timestamp.UtcDateTime);
        writer.WriteString("method", item.Method);
        writer.WriteString("route", item.Route);
        writer.WriteNumber("status", item.Status);
        writer.WriteNumber("duration_ms", item.DurationMs);
        writer.WriteEndObject();
    }
}
