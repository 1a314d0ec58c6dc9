using System.Text;
using System.Text.Json;

namespace Vigil.Core.Ingest;

/// <summary>A rejected item of a batch: its position, the field at fault and why.</summary>
public sealed record ItemRejection(int Index, string Field, string Error);

/// <summary>A problem with the request as a whole: nothing in it was accepted.</summary>
public sealed record RequestRejection(string Field, string Detail);

public sealed record ParsedBatch<T>(IReadOnlyList<T> Accepted, IReadOnlyList<ItemRejection> Rejected, RequestRejection? Problem)
{
    public static ParsedBatch<T> Refused(string field, string detail) => new([], [], new RequestRejection(field, detail));
}

/// <summary>Parses and validates the JSON bodies of <c>/v1/events</c> and <c>/v1/requests</c>: whole-request problems refuse the batch, item problems reject only that item.</summary>
public static class IngestParser
{
    public static ParsedBatch<ProductEvent> ParseEvents(ReadOnlyMemory<byte> body, long projectId, DateTimeOffset now) =>
        ParseItems(body, "events", now, (item, context) => ParseEvent(item, projectId, context));

    public static ParsedBatch<RequestSample> ParseRequests(ReadOnlyMemory<byte> body, long projectId, DateTimeOffset now) =>
        ParseItems(body, "requests", now, (item, context) => ParseRequest(item, projectId, context));

    /// <summary>What the items of one batch share: the clock reading, and the names they repeat.</summary>
    private sealed class ItemContext(DateTimeOffset now)
    {
        public DateTimeOffset Now { get; } = now;

        public BatchNames Names { get; } = new();
    }

    /// <summary>
    /// Event and property names decoded once per batch: a hundred page views name "$pageview", "path" and
    /// "platform" a hundred times, and comparing the JSON bytes with a known name is cheaper than a new string.
    /// </summary>
    private sealed class BatchNames
    {
        // Batches rarely use more distinct names; past this, names are simply decoded each time.
        private const int MaxNames = 32;
        private readonly List<string> _names = [];

        public string Of(JsonElement value)
        {
            foreach (var name in _names)
            {
                if (value.ValueEquals(name))
                {
                    return name;
                }
            }
            return Remember(value.GetString()!);
        }

        public string Of(JsonProperty property)
        {
            foreach (var name in _names)
            {
                if (property.NameEquals(name))
                {
                    return name;
                }
            }
            return Remember(property.Name);
        }

        private string Remember(string name)
        {
            if (_names.Count < MaxNames)
            {
                _names.Add(name);
            }
            return name;
        }
    }

    private sealed class ItemException(string field, string error) : Exception(error)
    {
        public string Field { get; } = field;
    }

    private static ParsedBatch<T> ParseItems<T>(ReadOnlyMemory<byte> body, string arrayName, DateTimeOffset now, Func<JsonElement, ItemContext, T> parseItem)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException exception)
        {
            return ParsedBatch<T>.Refused("body", $"The body is not valid JSON: {exception.Message}");
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return ParsedBatch<T>.Refused("body", $"The body must be a JSON object with an \"{arrayName}\" array.");
            }
            if (!document.RootElement.TryGetProperty(arrayName, out var items) || items.ValueKind != JsonValueKind.Array)
            {
                return ParsedBatch<T>.Refused(arrayName, $"\"{arrayName}\" must be an array.");
            }
            var count = items.GetArrayLength();
            if (count > IngestLimits.MaxItemsPerRequest)
            {
                return ParsedBatch<T>.Refused(arrayName, $"A request carries at most {IngestLimits.MaxItemsPerRequest} {arrayName}; this one has {count}.");
            }
            var accepted = new List<T>(count);
            var rejected = new List<ItemRejection>();
            var context = new ItemContext(now);
            var index = 0;
            foreach (var item in items.EnumerateArray())
            {
                try
                {
                    if (item.ValueKind != JsonValueKind.Object)
                    {
                        throw new ItemException("", "Each item must be a JSON object.");
                    }
                    accepted.Add(parseItem(item, context));
                }
                catch (ItemException exception)
                {
                    rejected.Add(new ItemRejection(index, exception.Field, exception.Message));
                }
                index++;
            }
            return new ParsedBatch<T>(accepted, rejected, null);
        }
    }

    private static ProductEvent ParseEvent(JsonElement item, long projectId, ItemContext context)
    {
        var name = RequiredString(item, "event", IngestLimits.MaxNameLength, context.Names);
        var distinctId = RequiredString(item, "distinct_id", IngestLimits.MaxDistinctIdLength);
        var timestamp = OptionalTimestamp(item, context);
        var (propertiesJson, breakdownValues) = Properties(item, context.Names);
        return new ProductEvent(projectId, name, distinctId, timestamp, propertiesJson, breakdownValues);
    }

    private static RequestSample ParseRequest(JsonElement item, long projectId, ItemContext context)
    {
        var timestamp = OptionalTimestamp(item, context);
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
        return new RequestSample(projectId, timestamp, method, route, status, duration);
    }

    private static string RequiredString(JsonElement item, string field, int maxLength, BatchNames? names = null)
    {
        if (!item.TryGetProperty(field, out var element) || element.ValueKind != JsonValueKind.String)
        {
            throw new ItemException(field, $"{field} is required and must be a string.");
        }
        var value = names is null ? element.GetString()! : names.Of(element);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ItemException(field, $"{field} must not be empty.");
        }
        if (value.Length > maxLength)
        {
            throw new ItemException(field, $"{field} is longer than {maxLength} characters.");
        }
        return value;
    }

    private static DateTimeOffset OptionalTimestamp(JsonElement item, ItemContext context)
    {
        if (!item.TryGetProperty("timestamp", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return context.Now;
        }
        // System.Text.Json reads a time without an offset as Unspecified: ambiguous, so refused.
        if (element.ValueKind != JsonValueKind.String
            || !element.TryGetDateTime(out var withKind)
            || withKind.Kind == DateTimeKind.Unspecified
            || !element.TryGetDateTimeOffset(out var timestamp))
        {
            throw new ItemException("timestamp", "timestamp must be an ISO-8601 date and time with an offset, such as 2026-11-21T09:00:00Z or 2026-11-21T18:00:00+09:00.");
        }
        if (IngestLimits.TimestampProblem("timestamp", element.GetString()!, timestamp, context.Now) is { } problem)
        {
            throw new ItemException("timestamp", problem);
        }
        return timestamp.ToUniversalTime();
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
        var json = properties.GetRawText();
        // A UTF-16 character is at most three UTF-8 bytes, so short texts need no byte count.
        if (json.Length > IngestLimits.MaxPropertiesBytes / 3 && Encoding.UTF8.GetByteCount(json) > IngestLimits.MaxPropertiesBytes)
        {
            throw new ItemException("properties", $"properties is larger than {IngestLimits.MaxPropertiesBytes / 1024} KiB.");
        }
        var breakdownValues = BreakdownValues(properties, property => names.Of(property));
        return (json, breakdownValues);
    }

    /// <summary>The properties an event is counted by in breakdowns, from stored properties JSON (as <c>vigil migrate</c> reads it).</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> BreakdownValues(string propertiesJson)
    {
        using var document = JsonDocument.Parse(propertiesJson);
        return document.RootElement.ValueKind == JsonValueKind.Object ? BreakdownValues(document.RootElement, property => property.Name) : [];
    }

    /// <summary>Top-level strings, numbers and booleans of up to 100 characters, at most 32 of them.</summary>
    private static List<KeyValuePair<string, string>> BreakdownValues(JsonElement properties, Func<JsonProperty, string> nameOf)
    {
        var breakdownValues = new List<KeyValuePair<string, string>>();
        foreach (var property in properties.EnumerateObject())
        {
            if (breakdownValues.Count == RollupSet.MaxBreakdownPropertiesPerEvent)
            {
                break;
            }
            var value = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString(),
                JsonValueKind.Number => property.Value.GetRawText(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => null,
            };
            if (value is { Length: > 0 and <= RollupSet.MaxBreakdownValueLength } && nameOf(property) is { Length: <= IngestLimits.MaxNameLength } name)
            {
                breakdownValues.Add(new(name, value));
            }
        }
        return breakdownValues;
    }
}
