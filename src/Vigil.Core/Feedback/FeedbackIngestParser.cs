using System.Text.Json;
using Vigil.Core.Ingest;

namespace Vigil.Core.Feedback;

/// <summary>A body read into <typeparamref name="T"/>, or the field at fault and why.</summary>
public sealed record ParsedBody<T>(T? Value, RequestRejection? Problem) where T : class;

/// <summary>An NPS answer: a score with an optional comment, or a dismissal (no score).</summary>
public sealed record NpsAnswer(string DistinctId, NpsOutcome Outcome, int? Score, string? Comment, string? Page, DateTimeOffset At);

/// <summary>
/// Reads the single JSON objects of <c>POST /v1/feedback</c>, <c>POST /v1/nps</c> and <c>POST /v1/nps/prompt</c>.
/// Unknown fields are ignored; a field of the wrong type, out of range or too long refuses the request by name.
/// </summary>
public static class FeedbackIngestParser
{
    public const int MaxTextLength = 5000;

    public const int MaxPageLength = 2048;

    /// <summary><c>{"rating": 1–5, "category": "bug", "text": "…", "page": "/checkout", "distinct_id": "…", "timestamp": "…"}</c></summary>
    public static ParsedBody<FeedbackSubmission> ParseFeedback(ReadOnlyMemory<byte> body, DateTimeOffset now) => Parse(body, item =>
    {
        var rating = Integer(item, "rating", 1, 5, required: true)!.Value;
        var categoryName = IngestParser.RequiredString(item, "category", 32);
        var category = FeedbackNames.ParseCategory(categoryName) ?? throw new ItemException("category", $"category must be {FeedbackNames.Categories}, not '{categoryName}'.");
        return new FeedbackSubmission(rating, category, OptionalText(item, "text", MaxTextLength), OptionalText(item, "page", MaxPageLength),
            OptionalText(item, "distinct_id", IngestLimits.MaxDistinctIdLength), IngestParser.OptionalTimestamp(item, now));
    });

    /// <summary>
    /// <c>{"distinct_id": "…", "score": 0–10, "comment": "…", "page": "…", "timestamp": "…"}</c>, or
    /// <c>{"distinct_id": "…", "dismissed": true}</c> when the user closed the prompt without answering.
    /// </summary>
    public static ParsedBody<NpsAnswer> ParseNpsAnswer(ReadOnlyMemory<byte> body, DateTimeOffset now) => Parse(body, item =>
    {
        var distinctId = IngestParser.RequiredString(item, "distinct_id", IngestLimits.MaxDistinctIdLength);
        var page = OptionalText(item, "page", MaxPageLength);
        var at = IngestParser.OptionalTimestamp(item, now);
        if (item.TryGetProperty("dismissed", out var dismissed) && dismissed.ValueKind == JsonValueKind.True)
        {
            return new NpsAnswer(distinctId, NpsOutcome.Dismissed, null, null, page, at);
        }
        var score = Integer(item, "score", NetPromoterScore.MinScore, NetPromoterScore.MaxScore, required: true);
        return new NpsAnswer(distinctId, NpsOutcome.Answered, score, OptionalText(item, "comment", MaxTextLength), page, at);
    });

    /// <summary><c>{"distinct_id": "…"}</c>: whom the snippet may ask.</summary>
    public static ParsedBody<string> ParseDistinctId(ReadOnlyMemory<byte> body) =>
        Parse(body, item => IngestParser.RequiredString(item, "distinct_id", IngestLimits.MaxDistinctIdLength));

    private static ParsedBody<T> Parse<T>(ReadOnlyMemory<byte> body, Func<JsonElement, T> read) where T : class
    {
        using var document = EventRules.ParseJson(body, out var problem);
        if (document is null)
        {
            return new ParsedBody<T>(null, problem);
        }
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            return new ParsedBody<T>(null, new RequestRejection("body", "The body must be a JSON object."));
        }
        try
        {
            return new ParsedBody<T>(read(document.RootElement), null);
        }
        catch (ItemException exception)
        {
            return new ParsedBody<T>(null, new RequestRejection(exception.Field, exception.Message));
        }
    }

    private static int? Integer(JsonElement item, string field, int min, int max, bool required)
    {
        if (!item.TryGetProperty(field, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return required ? throw new ItemException(field, $"{field} is required: a whole number from {min} to {max}.") : null;
        }
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out var value) || value < min || value > max)
        {
            throw new ItemException(field, $"{field} must be a whole number from {min} to {max}, not {element.GetRawText()}.");
        }
        return value;
    }

    /// <summary>A string that may be absent or null; blank counts as absent; longer than the limit is refused, not cut.</summary>
    private static string? OptionalText(JsonElement item, string field, int maxLength)
    {
        if (!item.TryGetProperty(field, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (element.ValueKind != JsonValueKind.String)
        {
            throw new ItemException(field, $"{field} must be a string.");
        }
        var text = element.GetString()!.Trim();
        if (text.Length > maxLength)
        {
            throw new ItemException(field, $"{field} is longer than {maxLength} characters.");
        }
        return text.Length == 0 ? null : text;
    }
}
