using System.Text.Json;

namespace Vigil.Core.Errors.Sentry;

/// <summary>One item of an envelope: its type (<c>event</c>, <c>transaction</c>, <c>attachment</c>…) and its payload.</summary>
/// <param name="Payload">A slice of the body the envelope was read from: valid only as long as that body.</param>
public sealed record SentryEnvelopeItem(string Type, ReadOnlyMemory<byte> Payload);

/// <summary>Why a Sentry request was refused: the field at fault, and whether it was too large (413) rather than malformed (400).</summary>
public sealed record SentryRejection(string Field, string Detail, bool TooLarge = false);

/// <summary>
/// A Sentry envelope (develop.sentry.dev/sdk/data-model/envelopes): a header line of JSON, then items, each a header
/// line of JSON and a payload. A payload is <c>length</c> bytes when the item header says so (attachments hold any
/// bytes, newlines included), otherwise it runs to the next newline; a newline after the last payload is optional.
/// </summary>
/// <param name="EventId">The envelope header's <c>event_id</c>, as sent.</param>
/// <param name="Dsn">The envelope header's <c>dsn</c>: SDKs behind a tunnel carry their key here.</param>
public sealed record SentryEnvelope(string? EventId, string? Dsn, IReadOnlyList<SentryEnvelopeItem> Items)
{
    private const byte Newline = (byte)'\n';

    /// <summary>The envelope, or null with the reason in <paramref name="problem"/>.</summary>
    public static SentryEnvelope? Parse(ReadOnlyMemory<byte> body, out SentryRejection? problem)
    {
        var rest = body;
        var headerLine = NextLine(ref rest);
        if (!TryReadObject(headerLine, "header", "The envelope header (its first line)", out var header, out problem))
        {
            return null;
        }
        string? eventId, dsn;
        using (header)
        {
            if (!TryOptionalString(header!.RootElement, "event_id", "header", out eventId, out problem)
                || !TryOptionalString(header.RootElement, "dsn", "header", out dsn, out problem))
            {
                return null;
            }
        }
        var items = new List<SentryEnvelopeItem>();
        while (!IsBlank(rest.Span))
        {
            var field = $"items[{items.Count}]";
            if (!TryReadObject(NextLine(ref rest), field, $"The header of item {items.Count}", out var itemHeader, out problem))
            {
                return null;
            }
            string? type;
            long? length;
            using (itemHeader)
            {
                if (!TryItemHeader(itemHeader!.RootElement, field, out type, out length, out problem))
                {
                    return null;
                }
            }
            ReadOnlyMemory<byte> payload;
            if (length is { } declared)
            {
                if (declared > rest.Length)
                {
                    problem = new SentryRejection($"{field}.length",
                        $"Item {items.Count} declares {declared} bytes, but only {rest.Length} remain in the envelope.");
                    return null;
                }
                payload = rest[..(int)declared];
                rest = rest[(int)declared..];
                if (!rest.IsEmpty && !rest.Span.StartsWith("\n"u8))
                {
                    problem = new SentryRejection($"{field}.length",
                        $"Item {items.Count} declares {declared} bytes, but its payload is not followed by a newline or the end of the envelope.");
                    return null;
                }
                rest = rest.IsEmpty ? rest : rest[1..];
            }
            else
            {
                payload = NextLine(ref rest);
            }
            items.Add(new SentryEnvelopeItem(type!, payload));
        }
        problem = null;
        return new SentryEnvelope(eventId, dsn, items);
    }

    private static ReadOnlyMemory<byte> NextLine(ref ReadOnlyMemory<byte> rest)
    {
        var end = rest.Span.IndexOf(Newline);
        ReadOnlyMemory<byte> line;
        if (end < 0)
        {
            line = rest;
            rest = ReadOnlyMemory<byte>.Empty;
        }
        else
        {
            line = rest[..end];
            rest = rest[(end + 1)..];
        }
        return line;
    }

    // Some writers end the envelope with a blank line or a Windows newline.
    private static bool IsBlank(ReadOnlySpan<byte> rest) => rest.TrimStart("\r\n\t "u8).IsEmpty;

    private static bool TryReadObject(ReadOnlyMemory<byte> line, string field, string what, out JsonDocument? document, out SentryRejection? problem)
    {
        document = null;
        try
        {
            document = JsonDocument.Parse(line, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException exception)
        {
            problem = new SentryRejection(field, $"{what} is not valid JSON: {exception.Message}");
            return false;
        }
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            document = null;
            problem = new SentryRejection(field, $"{what} must be a JSON object on one line.");
            return false;
        }
        problem = null;
        return true;
    }

    private static bool TryItemHeader(JsonElement header, string field, out string? type, out long? length, out SentryRejection? problem)
    {
        length = null;
        if (!TryOptionalString(header, "type", field, out type, out problem))
        {
            return false;
        }
        if (type is null)
        {
            problem = new SentryRejection($"{field}.type", $"The header of {field} needs a \"type\", such as \"event\".");
            return false;
        }
        if (header.TryGetProperty("length", out var lengthElement) && lengthElement.ValueKind != JsonValueKind.Null)
        {
            if (lengthElement.ValueKind != JsonValueKind.Number || !lengthElement.TryGetInt64(out var declared) || declared < 0)
            {
                problem = new SentryRejection($"{field}.length", $"{field}.length must be a whole number of bytes, 0 or more.");
                return false;
            }
            length = declared;
        }
        return true;
    }

    private static bool TryOptionalString(JsonElement header, string name, string parent, out string? value, out SentryRejection? problem)
    {
        value = null;
        problem = null;
        if (!header.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }
        if (element.ValueKind != JsonValueKind.String)
        {
            problem = new SentryRejection($"{parent}.{name}", $"{parent}.{name} must be a string.");
            return false;
        }
        value = element.GetString();
        return true;
    }
}
