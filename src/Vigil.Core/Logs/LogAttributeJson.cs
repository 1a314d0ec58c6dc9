using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Vigil.Core.Logs;

/// <summary>Attributes as one JSON object of strings, in their order: how SQLite keeps them, and how the API shows them.</summary>
public static class LogAttributeJson
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Serialize(IReadOnlyList<KeyValuePair<string, string>> attributes)
    {
        if (attributes.Count == 0)
        {
            return "{}";
        }
        var output = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(output, WriterOptions))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in attributes)
            {
                writer.WriteString(key, value);
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    public static IReadOnlyList<KeyValuePair<string, string>> Deserialize(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateObject().Select(member => new KeyValuePair<string, string>(member.Name, member.Value.GetString() ?? "")).ToList();
    }
}
