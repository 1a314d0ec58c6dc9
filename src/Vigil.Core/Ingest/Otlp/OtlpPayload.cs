using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Vigil.Core.Ingest.Otlp.Proto.Rpc;

namespace Vigil.Core.Ingest.Otlp;

/// <summary>The two encodings of OTLP/HTTP; an answer is always in the encoding of its request.</summary>
public enum OtlpEncoding
{
    Protobuf,
    Json,
}

/// <summary>
/// Reads and writes OTLP/HTTP bodies. JSON follows the protobuf JSON mapping with the OTLP deviations: trace and span
/// ids are hex (not base64), enums are integers, unknown fields are ignored; 64-bit integers may be strings or numbers.
/// </summary>
public static class OtlpPayload
{
    public const string ProtobufContentType = "application/x-protobuf";
    public const string JsonContentType = "application/json";

    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    // google.rpc.Status carries its BadRequest detail as an Any, which the JSON formatter can only write by its type.
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithTypeRegistry(TypeRegistry.FromMessages(BadRequest.Descriptor)));

    /// <summary>The encoding a Content-Type names, or null for anything else (parameters such as charset are ignored).</summary>
    public static OtlpEncoding? EncodingOf(string? contentType)
    {
        var mediaType = (contentType ?? "").Split(';', 2)[0].Trim();
        if (mediaType.Equals(ProtobufContentType, StringComparison.OrdinalIgnoreCase) || mediaType.Equals("application/protobuf", StringComparison.OrdinalIgnoreCase))
        {
            return OtlpEncoding.Protobuf;
        }
        return mediaType.Equals(JsonContentType, StringComparison.OrdinalIgnoreCase) ? OtlpEncoding.Json : null;
    }

    public static string ContentTypeOf(OtlpEncoding encoding) => encoding == OtlpEncoding.Protobuf ? ProtobufContentType : JsonContentType;

    /// <summary>Decodes a whole body; on failure, <paramref name="problem"/> says why, for a 400 answer.</summary>
    public static bool TryDecode<T>(ReadOnlyMemory<byte> body, OtlpEncoding encoding, [NotNullWhen(true)] out T? message, [NotNullWhen(false)] out string? problem)
        where T : IMessage<T>, new()
    {
        try
        {
            message = encoding == OtlpEncoding.Protobuf
                ? ParserOf<T>.Binary.ParseFrom(body.Span)
                : Parser.Parse<T>(HexIdsToBase64(body.Span));
            problem = null;
            return true;
        }
        catch (Exception exception) when (exception is InvalidProtocolBufferException or InvalidJsonException or JsonException or FormatException)
        {
            message = default;
            problem = encoding == OtlpEncoding.Protobuf
                ? $"The body is not a protobuf-encoded {new T().Descriptor.FullName}: {exception.Message}"
                : $"The body is not an OTLP/JSON {new T().Descriptor.FullName}: {exception.Message}";
            return false;
        }
    }

    public static byte[] Encode(IMessage message, OtlpEncoding encoding) =>
        encoding == OtlpEncoding.Protobuf ? message.ToByteArray() : Encoding.UTF8.GetBytes(Formatter.Format(message));

    /// <summary>
    /// Rewrites the hex ids of OTLP/JSON (<c>traceId</c>, <c>spanId</c>, <c>parentSpanId</c>, in spans, links, log
    /// records and exemplars alike) to the base64 the protobuf JSON parser expects. A value that is not hex stays as
    /// it is if it is base64 (senders that use the plain protobuf mapping), and becomes empty otherwise: an empty id is
    /// invalid, so the item it belongs to is rejected on its own instead of the whole request.
    /// </summary>
    internal static string HexIdsToBase64(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 128 });
        var output = new ArrayBufferWriter<byte>(Math.Max(256, json.Length + json.Length / 4));
        using (var writer = new Utf8JsonWriter(output, new JsonWriterOptions { SkipValidation = true }))
        {
            var nextIsId = false;
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        writer.WriteStartObject();
                        break;
                    case JsonTokenType.EndObject:
                        writer.WriteEndObject();
                        break;
                    case JsonTokenType.StartArray:
                        writer.WriteStartArray();
                        break;
                    case JsonTokenType.EndArray:
                        writer.WriteEndArray();
                        break;
                    case JsonTokenType.PropertyName:
                        nextIsId = reader.ValueTextEquals("traceId") || reader.ValueTextEquals("spanId") || reader.ValueTextEquals("parentSpanId");
                        writer.WritePropertyName(reader.GetString()!);
                        continue;
                    case JsonTokenType.String:
                        writer.WriteStringValue(nextIsId ? IdToBase64(reader.GetString()!) : reader.GetString());
                        break;
                    case JsonTokenType.Number:
                        writer.WriteRawValue(reader.ValueSpan, skipInputValidation: true);
                        break;
                    case JsonTokenType.True:
                        writer.WriteBooleanValue(true);
                        break;
                    case JsonTokenType.False:
                        writer.WriteBooleanValue(false);
                        break;
                    case JsonTokenType.Null:
                        writer.WriteNullValue();
                        break;
                }
                nextIsId = false;
            }
        }
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    private static class ParserOf<T>
        where T : IMessage<T>, new()
    {
        // Fields newer than these messages are skipped rather than kept in memory for a round trip Vigil never makes.
        public static readonly MessageParser<T> Binary = new MessageParser<T>(() => new T()).WithDiscardUnknownFields(true);
    }

    private static string IdToBase64(string id)
    {
        if (id.Length % 2 == 0 && id.All(char.IsAsciiHexDigit))
        {
            return Convert.ToBase64String(Convert.FromHexString(id));
        }
        return Convert.TryFromBase64String(id, new byte[id.Length], out _) ? id : "";
    }
}
