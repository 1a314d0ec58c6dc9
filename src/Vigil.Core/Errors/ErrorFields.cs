using System.Globalization;
using System.Text.Json;
using Vigil.Core.Ingest;

namespace Vigil.Core.Errors;

/// <summary>
/// The fields of an error read alike from every error API (<c>/v1/errors</c>, Sentry events): a wrong type or an
/// over-long value is an <see cref="ItemException"/> naming the field by its path, such as <c>frames[2].line</c>.
/// </summary>
internal static class ErrorFields
{
    public static string Path(string? parent, string name) => parent is null ? name : $"{parent}.{name}";

    /// <summary>The string, or null when absent, null or empty.</summary>
    public static string? OptionalText(JsonElement item, string name, int maxLength, string? parent = null)
    {
        var field = Path(parent, name);
        if (!item.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (element.ValueKind != JsonValueKind.String)
        {
            throw new ItemException(field, $"{field} must be a string.");
        }
        var text = element.GetString()!;
        if (text.Length > maxLength)
        {
            throw new ItemException(field, $"{field} is longer than {maxLength.ToString("N0", CultureInfo.InvariantCulture)} characters.");
        }
        return text.Length == 0 ? null : text;
    }

    /// <summary>A whole number, 0 or more (a line or a column), or null when absent.</summary>
    public static int? OptionalNumber(JsonElement item, string name, string parent)
    {
        if (!item.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out var number) || number < 0)
        {
            throw new ItemException($"{parent}.{name}", $"{parent}.{name} must be a whole number, 0 or more.");
        }
        return number;
    }

    public static bool? OptionalFlag(JsonElement item, string name) =>
        item.TryGetProperty(name, out var element) && element.ValueKind is JsonValueKind.True or JsonValueKind.False ? element.GetBoolean() : null;

    /// <summary>A W3C trace id, lower-cased, or null when absent.</summary>
    public static string? OptionalTraceId(JsonElement item, string name, string? parent = null)
    {
        var traceId = OptionalText(item, name, 32, parent)?.ToLowerInvariant();
        if (traceId is not null && (traceId.Length != 32 || !traceId.All(char.IsAsciiHexDigit)))
        {
            var field = Path(parent, name);
            throw new ItemException(field, $"{field} must be 32 hexadecimal digits (a W3C trace id).");
        }
        return traceId;
    }

    /// <summary>The level, lower-cased; null when absent; one of <see cref="ErrorIngestParser.Levels"/> or an error.</summary>
    public static string? OptionalLevel(JsonElement item, Func<string, string>? alias = null)
    {
        var level = OptionalText(item, "level", 16)?.ToLowerInvariant();
        if (level is null)
        {
            return null;
        }
        level = alias?.Invoke(level) ?? level;
        return ErrorIngestParser.Levels.Contains(level)
            ? level
            : throw new ItemException("level", $"level must be one of {string.Join(", ", ErrorIngestParser.Levels)}, not '{level}'.");
    }

    /// <summary>The frames nearest the throw: a runaway recursion has thousands, and they say where it happened.</summary>
    public static IReadOnlyList<ErrorFrame> NewestFrames(IReadOnlyList<ErrorFrame> frames) =>
        frames.Count <= ErrorIngestParser.MaxFrames ? frames : frames.Skip(frames.Count - ErrorIngestParser.MaxFrames).ToList();
}
