using System.Text.Json;
using Vigil.Core.Ingest;

namespace Vigil.Core.Logs;

/// <summary>
/// Vigil's own log JSON for <c>POST /v1/logs</c>: <c>{"logs": [{"timestamp", "level", "message", "attributes", "trace_id",
/// "span_id", "service"}]}</c>. Only <c>message</c> is required; <c>level</c> defaults to info and <c>timestamp</c> to
/// the time Vigil received the line. A bad line is rejected on its own, with its position and field.
/// </summary>
public static class LogJsonParser
{
    public const string ArrayName = "logs";

    public static ParsedBatch<LogRecord> Parse(ReadOnlyMemory<byte> body, long projectId, DateTimeOffset now) =>
        IngestParser.ParseItems(body, ArrayName, item => ParseLine(item, projectId, now));

    private static LogRecord ParseLine(JsonElement item, long projectId, DateTimeOffset now)
    {
        var message = Text(item, "message", required: true)!;
        if (LogText.Utf8LengthOver(message, LogLimits.MaxBodyBytes))
        {
            throw new ItemException("message", $"message is larger than {LogLimits.MaxBodyBytes / 1024} KiB.");
        }
        var levelText = Text(item, "level", required: false);
        if (levelText?.Length > LogLimits.MaxSeverityTextLength)
        {
            throw new ItemException("level", $"level is longer than {LogLimits.MaxSeverityTextLength} characters.");
        }
        var level = levelText is null
            ? LogSeverity.Info
            : LogSeverities.FromText(levelText) ?? throw new ItemException("level", $"level must be one of {string.Join(", ", LogSeverities.Names)}, not '{levelText}'.");
        var service = Text(item, "service", required: false) ?? "";
        if (service.Length > LogLimits.MaxServiceNameLength)
        {
            throw new ItemException("service", $"service is longer than {LogLimits.MaxServiceNameLength} characters.");
        }
        var attributes = new LogAttributes();
        if (item.TryGetProperty("attributes", out var attributesElement) && attributesElement.ValueKind != JsonValueKind.Null)
        {
            if (attributesElement.ValueKind != JsonValueKind.Object)
            {
                throw new ItemException("attributes", "attributes must be a JSON object.");
            }
            attributes.AddJson(attributesElement, "", "attributes");
        }
        var timestamp = OtlpLogRecords.Milliseconds(IngestParser.OptionalTimestamp(item, now));
        return new LogRecord(
            projectId,
            timestamp,
            OtlpLogRecords.Milliseconds(now),
            LogSeverities.BaseNumber(level),
            levelText ?? "",
            level,
            message,
            service,
            HexId(item, "trace_id", LogLimits.TraceIdHexLength),
            HexId(item, "span_id", LogLimits.SpanIdHexLength),
            attributes.Pairs);
    }

    private static string? Text(JsonElement item, string field, bool required)
    {
        if (!item.TryGetProperty(field, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return required ? throw new ItemException(field, $"{field} is required and must be a string.") : null;
        }
        if (element.ValueKind != JsonValueKind.String)
        {
            throw new ItemException(field, $"{field} must be a string.");
        }
        return element.GetString()!;
    }

    /// <summary>A W3C id in hex (lower-cased); empty or absent means none.</summary>
    public static string? HexId(JsonElement item, string field, int length)
    {
        var text = Text(item, field, required: false);
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        if (!IsHexId(text, length))
        {
            throw new ItemException(field, $"{field} must be {length} hexadecimal digits, not all zero.");
        }
        return text.ToLowerInvariant();
    }

    public static bool IsHexId(string text, int length) => text.Length == length && text.All(char.IsAsciiHexDigit) && text.Any(digit => digit != '0');
}
