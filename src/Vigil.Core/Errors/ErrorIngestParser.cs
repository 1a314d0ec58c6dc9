using System.Globalization;
using System.Text.Json;
using Vigil.Core.Ingest;
using Vigil.Core.Storage;

namespace Vigil.Core.Errors;

/// <summary>An accepted error with the issue it belongs to.</summary>
public sealed record GroupedError(ErrorEvent Error, ErrorGroup Group);

/// <summary>
/// Parses and validates <c>POST /v1/errors</c>: <c>{"errors": [{"type", "message", "stack" or "frames", "timestamp",
/// "distinct_id", "level", "release", "environment", "trace_id"}]}</c>, and groups each error into its issue.
/// </summary>
public static class ErrorIngestParser
{
    public const int MaxTypeLength = 256;
    public const int MaxMessageLength = 8 * 1024;
    public const int MaxStackLength = 64 * 1024;
    public const int MaxFrames = 256;
    public const int MaxTagLength = 200;

    public static readonly IReadOnlyList<string> Levels = ["fatal", "error", "warning", "info", "debug"];

    public static ParsedBatch<GroupedError> Parse(ReadOnlyMemory<byte> body, long projectId, DateTimeOffset now, string source) =>
        IngestParser.ParseItems(body, "errors", item => ParseError(item, projectId, now, source));

    /// <summary>Issues as seen in a batch: one sighting per fingerprint, spanning its errors' times.</summary>
    public static IReadOnlyList<IssueSighting> Sightings(IEnumerable<GroupedError> errors) =>
        errors
            .GroupBy(grouped => grouped.Group.Fingerprint)
            .Select(issue => new IssueSighting(
                issue.Key,
                issue.First().Group.Title,
                issue.First().Group.Culprit,
                issue.Min(grouped => grouped.Error.Timestamp),
                issue.Max(grouped => grouped.Error.Timestamp)))
            .ToList();

    private static GroupedError ParseError(JsonElement item, long projectId, DateTimeOffset now, string source)
    {
        var type = OptionalText(item, "type", MaxTypeLength);
        var message = OptionalText(item, "message", MaxMessageLength) ?? "";
        if (type is null && message.Length == 0)
        {
            throw new ItemException("message", "an error needs a message or a type.");
        }
        var frames = Frames(item);
        var level = OptionalText(item, "level", 16)?.ToLowerInvariant() ?? "error";
        if (!Levels.Contains(level))
        {
            throw new ItemException("level", $"level must be one of {string.Join(", ", Levels)}, not '{level}'.");
        }
        var traceId = OptionalText(item, "trace_id", 32)?.ToLowerInvariant();
        if (traceId is not null && (traceId.Length != 32 || !traceId.All(char.IsAsciiHexDigit)))
        {
            throw new ItemException("trace_id", "trace_id must be 32 hexadecimal digits (a W3C trace id).");
        }
        var report = new ErrorReport(type, message, frames);
        var group = ErrorGrouping.Group(report);
        var error = new ErrorEvent(
            projectId,
            IngestParser.OptionalTimestamp(item, now),
            group.Fingerprint,
            source,
            level,
            type,
            message,
            OptionalText(item, "distinct_id", IngestLimits.MaxDistinctIdLength),
            traceId,
            OptionalText(item, "release", MaxTagLength),
            OptionalText(item, "environment", MaxTagLength),
            frames);
        return new GroupedError(error, group);
    }

    private static IReadOnlyList<ErrorFrame> Frames(JsonElement item)
    {
        if (item.TryGetProperty("frames", out var framesElement) && framesElement.ValueKind != JsonValueKind.Null)
        {
            if (framesElement.ValueKind != JsonValueKind.Array)
            {
                throw new ItemException("frames", "frames must be an array of {file, function, line, column, module, in_app}, outermost first.");
            }
            if (framesElement.GetArrayLength() > MaxFrames)
            {
                throw new ItemException("frames", $"frames holds at most {MaxFrames} frames.");
            }
            return framesElement.EnumerateArray().Select((frame, index) => Frame(frame, $"frames[{index}]")).ToList();
        }
        return FramesOf(OptionalText(item, "stack", MaxStackLength));
    }

    /// <summary>The frames of a stack trace in text, at most <see cref="MaxFrames"/>.</summary>
    internal static IReadOnlyList<ErrorFrame> FramesOf(string? stack)
    {
        var parsed = StackTraceParser.Parse(stack);
        // A runaway recursion prints thousands of frames; the ones nearest the throw tell where it happened.
        return parsed.Count <= MaxFrames ? parsed : parsed.Skip(parsed.Count - MaxFrames).ToList();
    }

    private static ErrorFrame Frame(JsonElement frame, string field)
    {
        if (frame.ValueKind != JsonValueKind.Object)
        {
            throw new ItemException(field, $"{field} must be an object.");
        }
        return new ErrorFrame(
            OptionalText(frame, "module", MaxTagLength, field),
            OptionalText(frame, "file", 1024, field),
            OptionalText(frame, "function", 512, field),
            OptionalNumber(frame, "line", field),
            OptionalNumber(frame, "column", field),
            frame.TryGetProperty("in_app", out var inApp) && inApp.ValueKind is JsonValueKind.True or JsonValueKind.False ? inApp.GetBoolean() : null);
    }

    private static string? OptionalText(JsonElement item, string name, int maxLength, string? parent = null)
    {
        var field = parent is null ? name : $"{parent}.{name}";
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

    private static int? OptionalNumber(JsonElement item, string name, string parent)
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
}
