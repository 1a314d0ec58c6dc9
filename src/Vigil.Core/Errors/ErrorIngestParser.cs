using System.Text.Json;
using Vigil.Core.Ingest;
using Vigil.Core.Storage;

namespace Vigil.Core.Errors;

/// <summary>An accepted error with the issue it belongs to.</summary>
public sealed record GroupedError(ErrorEvent Error, ErrorGroup Group)
{
    /// <summary>Groups a report into its issue and makes it an error of that issue.</summary>
    public static GroupedError Of(
        ErrorReport report,
        long projectId,
        DateTimeOffset timestamp,
        string source,
        string level,
        string? distinctId,
        string? traceId,
        string? release,
        string? environment,
        bool groupByMessage = false)
    {
        ArgumentNullException.ThrowIfNull(report);
        var group = ErrorGrouping.Group(report, groupByMessage);
        var error = new ErrorEvent(projectId, timestamp, group.Fingerprint, source, level, report.Type, report.Message ?? "", distinctId, traceId, release, environment, report.Frames);
        return new GroupedError(error, group);
    }
}

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
    public const int MaxFileLength = 1024;
    public const int MaxFunctionLength = 512;

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
        var type = ErrorFields.OptionalText(item, "type", MaxTypeLength);
        var message = ErrorFields.OptionalText(item, "message", MaxMessageLength) ?? "";
        if (type is null && message.Length == 0)
        {
            throw new ItemException("message", "an error needs a message or a type.");
        }
        var frames = Frames(item);
        var level = ErrorFields.OptionalLevel(item) ?? "error";
        var traceId = ErrorFields.OptionalTraceId(item, "trace_id");
        return GroupedError.Of(
            new ErrorReport(type, message, frames),
            projectId,
            IngestParser.OptionalTimestamp(item, now),
            source,
            level,
            ErrorFields.OptionalText(item, "distinct_id", IngestLimits.MaxDistinctIdLength),
            traceId,
            ErrorFields.OptionalText(item, "release", MaxTagLength),
            ErrorFields.OptionalText(item, "environment", MaxTagLength));
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
        return ErrorFields.NewestFrames(StackTraceParser.Parse(ErrorFields.OptionalText(item, "stack", MaxStackLength)));
    }

    private static ErrorFrame Frame(JsonElement frame, string field)
    {
        if (frame.ValueKind != JsonValueKind.Object)
        {
            throw new ItemException(field, $"{field} must be an object.");
        }
        return new ErrorFrame(
            ErrorFields.OptionalText(frame, "module", MaxTagLength, field),
            ErrorFields.OptionalText(frame, "file", MaxFileLength, field),
            ErrorFields.OptionalText(frame, "function", MaxFunctionLength, field),
            ErrorFields.OptionalNumber(frame, "line", field),
            ErrorFields.OptionalNumber(frame, "column", field),
            ErrorFields.OptionalFlag(frame, "in_app"));
    }
}
