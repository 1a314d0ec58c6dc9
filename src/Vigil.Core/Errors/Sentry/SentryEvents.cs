using System.Globalization;
using System.Text.Json;
using Vigil.Core.Ingest;

namespace Vigil.Core.Errors.Sentry;

/// <summary>What a Sentry request carried: its errors, grouped, the requests of its server transactions, and the event id to answer with.</summary>
/// <param name="EventId">32 lower-case hex digits: the envelope's or the event's, null when neither had one.</param>
public sealed record SentryBatch(IReadOnlyList<GroupedError> Errors, string? EventId, SentryRejection? Problem)
{
    public IReadOnlyList<RequestSample> Requests { get; init; } = [];

    public static SentryBatch Refused(SentryRejection problem) => new([], null, problem);
}

/// <summary>
/// Reads Sentry error events (develop.sentry.dev/sdk/data-model/event-payloads) into errors. An event's issue is its
/// newest exception, the one the app caught (<c>exception.values</c> run oldest to newest, so a cause comes before the
/// exception it caused), grouped by its in-app frames as the SDK flagged them; an event without an exception, or whose
/// exception the SDK made up to carry a stack (<c>mechanism.synthetic</c>, as <c>captureMessage</c> does), is grouped
/// by its message.
/// </summary>
public static class SentryEvents
{
    public const string Source = "sentry";

    /// <summary>Sentry's own limit for one event.</summary>
    public const int MaxEventBytes = 1024 * 1024;

    /// <summary>An envelope may carry attachments beside its event; larger envelopes are refused whole.</summary>
    public const int MaxEnvelopeBytes = 8 * 1024 * 1024;

    /// <summary>
    /// What is kept of an envelope: its <c>event</c> items as errors, its <c>transaction</c> items and streamed
    /// <c>span</c> segments of op http.server as requests (<see cref="SentryTransactions"/>, <see cref="SentrySpans"/>).
    /// Other transactions and spans, sessions, client reports, attachments and the rest are acknowledged and not kept.
    /// </summary>
    public static SentryBatch FromEnvelope(SentryEnvelope envelope, long projectId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        string? envelopeEventId;
        try
        {
            envelopeEventId = envelope.EventId is null ? null : EventId(envelope.EventId, "header.event_id");
        }
        catch (ItemException exception)
        {
            return SentryBatch.Refused(new SentryRejection(exception.Field, exception.Message));
        }
        var errors = new List<GroupedError>();
        var requests = new List<RequestSample>();
        string? firstEventId = null;
        for (var index = 0; index < envelope.Items.Count; index++)
        {
            var item = envelope.Items[index];
            if (item.Type is "transaction" or "span")
            {
                var transaction = item.Type == "span"
                    ? ReadItem(item.Payload, $"items[{index}]", "span", root => new SentryBatch([], null, null) { Requests = SentrySpans.ToRequests(root, projectId, now) })
                    : ReadTransaction(item.Payload, projectId, now, $"items[{index}]");
                if (transaction.Problem is not null)
                {
                    return transaction;
                }
                requests.AddRange(transaction.Requests);
                firstEventId ??= transaction.EventId;
                continue;
            }
            if (item.Type != "event")
            {
                continue;
            }
            var read = ReadEvent(item.Payload, projectId, now, $"items[{index}]");
            if (read.Problem is not null)
            {
                return read;
            }
            errors.AddRange(read.Errors);
            firstEventId ??= read.EventId;
        }
        return new SentryBatch(errors, envelopeEventId ?? firstEventId, null) { Requests = requests };
    }

    /// <summary>The one event of a <c>/store/</c> request.</summary>
    public static SentryBatch FromStore(ReadOnlyMemory<byte> body, long projectId, DateTimeOffset now) => ReadEvent(body, projectId, now, field: null);

    private static SentryBatch ReadTransaction(ReadOnlyMemory<byte> payload, long projectId, DateTimeOffset now, string field) =>
        ReadItem(payload, field, "transaction", root =>
        {
            var eventId = ErrorFields.OptionalText(root, "event_id", 36) is { } id ? EventId(id, "event_id") : null;
            return new SentryBatch([], eventId, null) { Requests = SentryTransactions.ToRequest(root, projectId, now) is { } request ? [request] : [] };
        });

    private static SentryBatch ReadEvent(ReadOnlyMemory<byte> payload, long projectId, DateTimeOffset now, string? field) =>
        ReadItem(payload, field, "event", root =>
        {
            var (error, eventId) = Read(root, projectId, now);
            return new SentryBatch([error], eventId, null);
        });

    /// <summary>An item's JSON object read by <paramref name="read"/>, or the problem with it, named by its field.</summary>
    private static SentryBatch ReadItem(ReadOnlyMemory<byte> payload, string? field, string kind, Func<JsonElement, SentryBatch> read)
    {
        var name = field ?? "body";
        var what = field is null ? $"The {kind}" : $"The {kind} of {field}";
        if (payload.Length > MaxEventBytes)
        {
            return SentryBatch.Refused(new SentryRejection(name, $"{what} may be at most {MaxEventBytes / 1024} KiB; this one is {payload.Length / 1024} KiB.", TooLarge: true));
        }
        using var document = ParseJson(payload, out var invalid);
        if (document is null)
        {
            return SentryBatch.Refused(new SentryRejection(name, $"{what} is not valid JSON: {invalid}"));
        }
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            return SentryBatch.Refused(new SentryRejection(name, $"{what} must be a JSON object."));
        }
        try
        {
            return read(document.RootElement);
        }
        catch (ItemException exception)
        {
            var at = field is null ? exception.Field : $"{field}.{exception.Field}";
            return SentryBatch.Refused(new SentryRejection(at, field is null ? exception.Message : $"{exception.Message} (in {field})"));
        }
    }

    private static JsonDocument? ParseJson(ReadOnlyMemory<byte> payload, out string? problem)
    {
        try
        {
            problem = null;
            return JsonDocument.Parse(payload, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException exception)
        {
            problem = exception.Message;
            return null;
        }
    }

    private static (GroupedError Error, string? EventId) Read(JsonElement root, long projectId, DateTimeOffset now)
    {
        var eventId = ErrorFields.OptionalText(root, "event_id", 36) is { } id ? EventId(id, "event_id") : null;
        var message = Message(root);
        string? type = null, value = null;
        IReadOnlyList<ErrorFrame> frames = [];
        var synthetic = false;
        var exception = Outermost(root);
        if (exception is { } caught)
        {
            type = ErrorFields.OptionalText(caught.Element, "type", ErrorIngestParser.MaxTypeLength, caught.Field);
            value = Truncated(ErrorFields.OptionalText(caught.Element, "value", int.MaxValue, caught.Field));
            frames = ExceptionFrames(root, caught.Index);
            synthetic = IsSynthetic(caught.Element);
        }
        if (frames.Count == 0 && root.TryGetProperty("stacktrace", out var stacktrace) && stacktrace.ValueKind != JsonValueKind.Null)
        {
            frames = Frames(stacktrace, "stacktrace");
        }
        var text = value ?? message ?? "";
        if (type is null && text.Length == 0 && frames.Count == 0)
        {
            throw new ItemException("exception", "An event needs an exception (with a type, a value or a stack trace) or a message.");
        }
        var report = new ErrorReport(synthetic ? null : type, text, frames);
        return (GroupedError.Of(
            report,
            projectId,
            Timestamp(root, now),
            Source,
            ErrorFields.OptionalLevel(root, Level) ?? "error",
            DistinctId(root),
            TraceId(root),
            ErrorFields.OptionalText(root, "release", ErrorIngestParser.MaxTagLength),
            ErrorFields.OptionalText(root, "environment", ErrorIngestParser.MaxTagLength),
            groupByMessage: exception is null || synthetic), eventId);
    }

    /// <summary>32 lower-case hex digits from a UUID with or without dashes.</summary>
    private static string EventId(string text, string field) =>
        Guid.TryParseExact(text, "N", out var id) || Guid.TryParseExact(text, "D", out id)
            ? id.ToString("N")
            : throw new ItemException(field, $"{field} must be a UUID: 32 hexadecimal digits, with or without dashes.");

    private readonly record struct ExceptionValue(JsonElement Element, string Field, int Index);

    /// <summary>The newest exception of the chain: the last of <c>exception.values</c> (or of a bare <c>exception</c> list).</summary>
    private static ExceptionValue? Outermost(JsonElement root)
    {
        var values = ExceptionValues(root, out var field);
        if (values is not { } list || list.GetArrayLength() == 0)
        {
            return null;
        }
        var index = list.GetArrayLength() - 1;
        var element = list[index];
        var at = $"{field}[{index}]";
        return element.ValueKind == JsonValueKind.Object ? new ExceptionValue(element, at, index) : throw new ItemException(at, $"{at} must be an object.");
    }

    private static JsonElement? ExceptionValues(JsonElement root, out string field)
    {
        field = "exception";
        if (!root.TryGetProperty("exception", out var exception) || exception.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (exception.ValueKind == JsonValueKind.Array)
        {
            return exception;
        }
        field = "exception.values";
        if (exception.ValueKind != JsonValueKind.Object)
        {
            throw new ItemException("exception", "exception must be an object with a \"values\" array.");
        }
        if (!exception.TryGetProperty("values", out var values) || values.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        return values.ValueKind == JsonValueKind.Array ? values : throw new ItemException(field, $"{field} must be an array of exceptions, oldest first.");
    }

    private static bool IsSynthetic(JsonElement exception) =>
        exception.TryGetProperty("mechanism", out var mechanism) && mechanism.ValueKind == JsonValueKind.Object && ErrorFields.OptionalFlag(mechanism, "synthetic") == true;

    /// <summary>The frames of the newest exception that has any: an exception rethrown without its own stack still shows where its cause happened.</summary>
    private static IReadOnlyList<ErrorFrame> ExceptionFrames(JsonElement root, int newest)
    {
        var values = ExceptionValues(root, out var field)!.Value;
        for (var index = newest; index >= 0; index--)
        {
            var exception = values[index];
            var at = $"{field}[{index}]";
            if (exception.ValueKind != JsonValueKind.Object)
            {
                throw new ItemException(at, $"{at} must be an object.");
            }
            if (exception.TryGetProperty("stacktrace", out var stacktrace) && stacktrace.ValueKind != JsonValueKind.Null
                && Frames(stacktrace, $"{at}.stacktrace") is { Count: > 0 } frames)
            {
                return frames;
            }
        }
        return [];
    }

    /// <summary>A stack trace's frames as sent: oldest first, the frame that threw last, as <see cref="ErrorFrame"/> lists run.</summary>
    private static IReadOnlyList<ErrorFrame> Frames(JsonElement stacktrace, string field)
    {
        if (stacktrace.ValueKind != JsonValueKind.Object)
        {
            throw new ItemException(field, $"{field} must be an object with a \"frames\" array.");
        }
        if (!stacktrace.TryGetProperty("frames", out var frames) || frames.ValueKind == JsonValueKind.Null)
        {
            return [];
        }
        if (frames.ValueKind != JsonValueKind.Array)
        {
            throw new ItemException($"{field}.frames", $"{field}.frames must be an array of frames, oldest first.");
        }
        var read = new List<ErrorFrame>(frames.GetArrayLength());
        var index = 0;
        foreach (var frame in frames.EnumerateArray())
        {
            read.Add(Frame(frame, $"{field}.frames[{index++}]"));
        }
        return ErrorFields.NewestFrames(read);
    }

    private static ErrorFrame Frame(JsonElement frame, string field)
    {
        if (frame.ValueKind != JsonValueKind.Object)
        {
            throw new ItemException(field, $"{field} must be an object.");
        }
        return new ErrorFrame(
            ErrorFields.OptionalText(frame, "module", ErrorIngestParser.MaxFunctionLength, field),
            ErrorFields.OptionalText(frame, "filename", ErrorIngestParser.MaxFileLength, field)
                ?? ErrorFields.OptionalText(frame, "abs_path", ErrorIngestParser.MaxFileLength, field),
            ErrorFields.OptionalText(frame, "function", ErrorIngestParser.MaxFunctionLength, field),
            ErrorFields.OptionalNumber(frame, "lineno", field),
            ErrorFields.OptionalNumber(frame, "colno", field),
            ErrorFields.OptionalFlag(frame, "in_app"));
    }

    /// <summary><c>logentry.formatted</c>, else <c>logentry.message</c>, else <c>message</c> (a string, or the older object form).</summary>
    private static string? Message(JsonElement root)
    {
        foreach (var name in (ReadOnlySpan<string>)["logentry", "message"])
        {
            if (!root.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
            {
                continue;
            }
            var text = element.ValueKind switch
            {
                JsonValueKind.String => element.GetString(),
                JsonValueKind.Object => ErrorFields.OptionalText(element, "formatted", int.MaxValue, name) ?? ErrorFields.OptionalText(element, "message", int.MaxValue, name),
                _ => throw new ItemException(name, $"{name} must be a string or an object with \"formatted\" or \"message\"."),
            };
            if (!string.IsNullOrEmpty(text))
            {
                return Truncated(text);
            }
        }
        return null;
    }

    // Sentry trims long messages rather than dropping the event; so does Vigil, to the length it keeps.
    private static string? Truncated(string? text) =>
        text is { Length: > ErrorIngestParser.MaxMessageLength } ? text[..(ErrorIngestParser.MaxMessageLength - 1)] + "…" : text;

    /// <summary>Python's logging names and JavaScript's console's map to Sentry's five levels, as Sentry maps them.</summary>
    private static string Level(string level) => level switch
    {
        "log" => "info",
        "warn" => "warning",
        "critical" => "fatal",
        _ => level,
    };

    /// <summary>A unix time in seconds (fractions allowed) or an RFC 3339 time, UTC when it names no offset, as Sentry reads it.</summary>
    private static DateTimeOffset Timestamp(JsonElement root, DateTimeOffset now)
    {
        if (!root.TryGetProperty("timestamp", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return now;
        }
        return EventRules.InWindow(ParseTime(element, "timestamp"), now, "timestamp", element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText());
    }

    /// <summary>A unix time in seconds (fractions allowed), or an RFC 3339 time read as UTC when it names no offset.</summary>
    internal static DateTimeOffset ParseTime(JsonElement element, string field)
    {
        var expected = $"{field} must be a unix time in seconds, such as 1795771800.5, or an RFC 3339 time, such as 2026-11-21T09:00:00Z.";
        DateTimeOffset timestamp;
        if (element.ValueKind == JsonValueKind.Number)
        {
            var seconds = element.GetDouble();
            if (seconds < 0 || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
            {
                throw new ItemException(field, expected);
            }
            // Microseconds: a request's duration is the difference of two of these.
            return DateTimeOffset.UnixEpoch.AddTicks((long)Math.Round(seconds * 1_000_000) * 10);
        }
        if (element.ValueKind != JsonValueKind.String
            || !DateTimeOffset.TryParse(element.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out timestamp))
        {
            throw new ItemException(field, expected);
        }
        return timestamp;
    }

    /// <summary>Who it happened to: <c>user.id</c>, else <c>user.email</c>, else <c>user.ip_address</c> (unless it asks the server to fill it in).</summary>
    private static string? DistinctId(JsonElement root)
    {
        if (!root.TryGetProperty("user", out var user) || user.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (user.ValueKind != JsonValueKind.Object)
        {
            throw new ItemException("user", "user must be an object with id, email or ip_address.");
        }
        // Some SDKs send a numeric id.
        var id = user.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.Number
            ? idElement.GetRawText()
            : ErrorFields.OptionalText(user, "id", IngestLimits.MaxDistinctIdLength, "user");
        var address = ErrorFields.OptionalText(user, "ip_address", IngestLimits.MaxDistinctIdLength, "user");
        // "{{auto}}" asks Sentry to put in the sender's address; behind a proxy that is the proxy's, so it is left out.
        return id
            ?? ErrorFields.OptionalText(user, "email", IngestLimits.MaxDistinctIdLength, "user")
            ?? (address == "{{auto}}" ? null : address);
    }

    private static string? TraceId(JsonElement root)
    {
        if (!root.TryGetProperty("contexts", out var contexts) || contexts.ValueKind != JsonValueKind.Object
            || !contexts.TryGetProperty("trace", out var trace) || trace.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        return ErrorFields.OptionalTraceId(trace, "trace_id", "contexts.trace");
    }
}
