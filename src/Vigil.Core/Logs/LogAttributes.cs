using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Vigil.Core.Ingest;
using Vigil.Core.Ingest.Otlp.Proto.Common;

namespace Vigil.Core.Logs;

/// <summary>
/// Gathers a log line's attributes as flat string pairs within <see cref="LogLimits"/>: nested maps become dotted keys
/// (<c>http.request.method</c>), lists and other structures their JSON. The first of two equal keys wins, as a map
/// keeps one value per key. A limit passed rejects the line (<see cref="ItemException"/>), naming <c>field</c>.
/// </summary>
internal sealed class LogAttributes
{
    private readonly List<KeyValuePair<string, string>> _pairs = [];
    private readonly HashSet<string> _keys = new(StringComparer.Ordinal);

    public IReadOnlyList<KeyValuePair<string, string>> Pairs => _pairs;

    public void Add(string key, string value, string field)
    {
        if (key.Length == 0)
        {
            throw new ItemException(field, $"{field} has an empty key.");
        }
        if (key.Length > LogLimits.MaxAttributeKeyLength)
        {
            throw new ItemException(field, $"{field} has a key longer than {LogLimits.MaxAttributeKeyLength} characters.");
        }
        if (!_keys.Add(key))
        {
            return;
        }
        if (_pairs.Count == LogLimits.MaxAttributes)
        {
            throw new ItemException(field, $"A log line carries at most {LogLimits.MaxAttributes} attributes (resource attributes included).");
        }
        if (LogText.Utf8LengthOver(value, LogLimits.MaxAttributeValueBytes))
        {
            throw new ItemException(field, $"{field} '{key}' is larger than {LogLimits.MaxAttributeValueBytes / 1024} KiB.");
        }
        _pairs.Add(new(key, value));
    }

    /// <summary>OTLP attributes, each under <paramref name="prefix"/>; a map's entries become <c>key.entry</c>.</summary>
    public void AddOtlp(IEnumerable<KeyValue> attributes, string prefix, string field)
    {
        foreach (var attribute in attributes)
        {
            if (attribute.Value is { ValueCase: AnyValue.ValueOneofCase.KvlistValue } map)
            {
                AddOtlp(map.KvlistValue.Values, $"{prefix}{attribute.Key}.", field);
            }
            else
            {
                Add(prefix + attribute.Key, LogText.Scalar(attribute.Value), field);
            }
        }
    }

    /// <summary>A JSON object's members, each under <paramref name="prefix"/>; nulls are left out.</summary>
    public void AddJson(JsonElement attributes, string prefix, string field)
    {
        foreach (var member in attributes.EnumerateObject())
        {
            var value = member.Value;
            switch (value.ValueKind)
            {
                case JsonValueKind.Object:
                    AddJson(value, $"{prefix}{member.Name}.", field);
                    break;
                case JsonValueKind.Null:
                    break;
                case JsonValueKind.String:
                    Add(prefix + member.Name, value.GetString()!, field);
                    break;
                default:
                    // Numbers as written, booleans as true/false, arrays as their JSON.
                    Add(prefix + member.Name, value.GetRawText(), field);
                    break;
            }
        }
    }
}

/// <summary>Text of OTLP values: a body or an attribute value as a string.</summary>
internal static class LogText
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A string body as it is; any other value as its JSON (a map as an object, a list as an array); none as empty.</summary>
    public static string Body(AnyValue? value) => value?.ValueCase switch
    {
        null or AnyValue.ValueOneofCase.None => "",
        AnyValue.ValueOneofCase.StringValue => value.StringValue,
        _ => Json(value),
    };

    /// <summary>Strings as they are, numbers and booleans as written in JSON, bytes in base64, lists and maps as JSON.</summary>
    public static string Scalar(AnyValue? value) => value?.ValueCase switch
    {
        null or AnyValue.ValueOneofCase.None => "",
        AnyValue.ValueOneofCase.StringValue => value.StringValue,
        AnyValue.ValueOneofCase.BoolValue => value.BoolValue ? "true" : "false",
        AnyValue.ValueOneofCase.IntValue => value.IntValue.ToString(CultureInfo.InvariantCulture),
        AnyValue.ValueOneofCase.DoubleValue => value.DoubleValue.ToString("R", CultureInfo.InvariantCulture),
        AnyValue.ValueOneofCase.BytesValue => value.BytesValue.ToBase64(),
        _ => Json(value),
    };

    public static string Json(AnyValue value)
    {
        var output = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(output, WriterOptions))
        {
            Write(writer, value);
        }
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    public static bool Utf8LengthOver(string text, int maxBytes) =>
        // A UTF-16 character is at most three UTF-8 bytes, so short texts need no count.
        text.Length > maxBytes / 3 && Encoding.UTF8.GetByteCount(text) > maxBytes;

    private static void Write(Utf8JsonWriter writer, AnyValue? value)
    {
        switch (value?.ValueCase)
        {
            case AnyValue.ValueOneofCase.StringValue:
                writer.WriteStringValue(value.StringValue);
                break;
            case AnyValue.ValueOneofCase.BoolValue:
                writer.WriteBooleanValue(value.BoolValue);
                break;
            case AnyValue.ValueOneofCase.IntValue:
                writer.WriteNumberValue(value.IntValue);
                break;
            case AnyValue.ValueOneofCase.DoubleValue when double.IsFinite(value.DoubleValue):
                writer.WriteNumberValue(value.DoubleValue);
                break;
            case AnyValue.ValueOneofCase.DoubleValue:
                // JSON has no NaN or infinity; protobuf's JSON mapping writes them as strings too.
                writer.WriteStringValue(value.DoubleValue.ToString(CultureInfo.InvariantCulture));
                break;
            case AnyValue.ValueOneofCase.BytesValue:
                writer.WriteStringValue(value.BytesValue.ToBase64());
                break;
            case AnyValue.ValueOneofCase.ArrayValue:
                writer.WriteStartArray();
                foreach (var item in value.ArrayValue.Values)
                {
                    Write(writer, item);
                }
                writer.WriteEndArray();
                break;
            case AnyValue.ValueOneofCase.KvlistValue:
                writer.WriteStartObject();
                foreach (var entry in value.KvlistValue.Values)
                {
                    writer.WritePropertyName(entry.Key);
                    Write(writer, entry.Value);
                }
                writer.WriteEndObject();
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }
}
