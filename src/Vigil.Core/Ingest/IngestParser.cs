using System.Text.Json;
using Vigil.Core.Errors;

namespace Vigil.Core.Ingest;

/// <summary>A rejected item of a batch: its position, the field at fault and why.</summary>
public sealed record ItemRejection(int Index, string Field, string Error);

/// <summary>A problem with the request as a whole: nothing in it was accepted.</summary>
public sealed record RequestRejection(string Field, string Detail);

public sealed record ParsedBatch<T>(IReadOnlyList<T> Accepted, IReadOnlyList<ItemRejection> Rejected, RequestRejection? Problem)
{
    public static ParsedBatch<T> Refused(string field, string detail) => new([], [], new RequestRejection(field, detail));

    public static ParsedBatch<T> Refused(RequestRejection problem) => new([], [], problem);
}

/// <summary>Parses and validates the JSON bodies of <c>/v1/events</c> and <c>/v1/requests</c> (and lends its item loop to <c>/v1/errors</c>): whole-request problems refuse the batch, item problems reject only that item.</summary>
public static class IngestParser
{
    public static ParsedBatch<ProductEvent> ParseEvents(ReadOnlyMemory<byte> body, long projectId, DateTimeOffset now)
    {
        var names = new BatchNames();
        return ParseItems(body, "events", item => ParseEvent(item, projectId, now, names));
    }

    public static ParsedBatch<RequestSample> ParseRequests(ReadOnlyMemory<byte> body, long projectId, DateTimeOffset now) =>
        ParseItems(body, "requests", item => ParseRequest(item, projectId, now));

    internal static ParsedBatch<T> ParseItems<T>(ReadOnlyMemory<byte> body, string arrayName, Func<JsonElement, T> parseItem)
    {
        using var document = EventRules.ParseJson(body, out var invalidJson);
        if (document is null)
        {
            return ParsedBatch<T>.Refused(invalidJson!);
        }
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            return ParsedBatch<T>.Refused("body", $"The body must be a JSON object with an \"{arrayName}\" array.");
        }
        if (!document.RootElement.TryGetProperty(arrayName, out var items) || items.ValueKind != JsonValueKind.Array)
        {
            return ParsedBatch<T>.Refused(arrayName, $"\"{arrayName}\" must be an array.");
        }
        var count = items.GetArrayLength();
        if (EventRules.TooManyItems(arrayName, arrayName, count) is { } tooMany)
        {
            return ParsedBatch<T>.Refused(tooMany);
        }
        return EventRules.ParseEach(items.EnumerateArray(), count, parseItem);
    }

    private static ProductEvent ParseEvent(JsonElement item, long projectId, DateTimeOffset now, BatchNames names)
    {
        var name = RequiredString(item, "event", IngestLimits.MaxNameLength, names);
        var distinctId = RequiredString(item, "distinct_id", IngestLimits.MaxDistinctIdLength);
        var timestamp = OptionalTimestamp(item, now);
        var (propertiesJson, breakdownValues) = Properties(item, names);
        return new ProductEvent(projectId, name, distinctId, timestamp, propertiesJson, breakdownValues);
    }

    private static RequestSample ParseRequest(JsonElement item, long projectId, DateTimeOffset now)
    {
        var timestamp = OptionalTimestamp(item, now);
        var method = RequiredString(item, "method", IngestLimits.MaxMethodLength).ToUpperInvariant();
        var route = RequiredString(item, "route", IngestLimits.MaxRouteLength);
        if (!item.TryGetProperty("status", out var statusElement) || statusElement.ValueKind != JsonValueKind.Number || !statusElement.TryGetInt32(out var status))
        {
            throw new ItemException("status", "status is required and must be an integer HTTP status.");
        }
        if (!IngestLimits.IsHttpStatus(status))
        {
            throw new ItemException("status", $"status must be between {IngestLimits.MinStatus} and {IngestLimits.MaxStatus}, not {status}.");
        }
        if (!item.TryGetProperty("duration_ms", out var durationElement) || durationElement.ValueKind != JsonValueKind.Number)
        {
            throw new ItemException("duration_ms", "duration_ms is required and must be a number of milliseconds.");
        }
        var duration = durationElement.GetDouble();
        if (!IngestLimits.IsDurationMs(duration))
        {
            throw new ItemException("duration_ms", "duration_ms must be between 0 and 86,400,000.");
        }
        return new RequestSample(projectId, timestamp, method, route, status, duration) { TraceId = ErrorFields.OptionalTraceId(item, "trace_id") };
    }

    internal static string RequiredString(JsonElement item, string field, int maxLength, BatchNames? names = null)
    {
        if (!item.TryGetProperty(field, out var element) || element.ValueKind != JsonValueKind.String)
        {
            throw new ItemException(field, $"{field} is required and must be a string.");
        }
        return EventRules.Text(names is null ? element.GetString()! : names.Of(element), field, maxLength);
    }

    internal static DateTimeOffset OptionalTimestamp(JsonElement item, DateTimeOffset now)
    {
        if (!item.TryGetProperty("timestamp", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return now;
        }
        // System.Text.Json reads a time without an offset as Unspecified: ambiguous, so refused.
        if (element.ValueKind != JsonValueKind.String
            || !element.TryGetDateTime(out var withKind)
            || withKind.Kind == DateTimeKind.Unspecified
            || !element.TryGetDateTimeOffset(out var timestamp))
        {
            throw new ItemException("timestamp", "timestamp must be an ISO-8601 date and time with an offset, such as 2026-11-21T09:00:00Z or 2026-11-21T18:00:00+09:00.");
        }
        return EventRules.InWindow(timestamp, now, "timestamp", element.GetString()!);
    }

    private static (string Json, IReadOnlyList<KeyValuePair<string, string>> BreakdownValues) Properties(JsonElement item, BatchNames names)
    {
        if (!item.TryGetProperty("properties", out var properties) || properties.ValueKind == JsonValueKind.Null)
        {
            return ("{}", []);
        }
        if (properties.ValueKind != JsonValueKind.Object)
        {
            throw new ItemException("properties", "properties must be a JSON object.");
        }
        var json = EventRules.PropertiesWithinLimit(properties.GetRawText());
        return (json, EventRules.BreakdownValues(properties.EnumerateObject(), names.Of));
    }

    /// <summary>The properties an event is counted by in breakdowns, from stored properties JSON (as <c>vigil migrate</c> reads it).</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> BreakdownValues(string propertiesJson)
    {
        using var document = JsonDocument.Parse(propertiesJson);
        return document.RootElement.ValueKind == JsonValueKind.Object ? EventRules.BreakdownValues(document.RootElement.EnumerateObject(), property => property.Name) : [];
    }
}
