using System.Text;
using System.Text.Json;

namespace Vigil.Core.Ingest;

/// <summary>An item's problem: the field at fault and why. Thrown while one item is read, and caught for that item only.</summary>
internal sealed class ItemException(string field, string error) : Exception(error)
{
    public string Field { get; } = field;
}

/// <summary>
/// Event and property names decoded once per batch: a hundred page views name "$pageview", "path" and
/// "platform" a hundred times, and comparing the JSON bytes with a known name is cheaper than a new string.
/// </summary>
internal sealed class BatchNames
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

/// <summary>
/// The rules a product event meets whichever API it came through (<c>/v1/events</c> or the PostHog capture API),
/// so the dashboard's numbers mean the same for both.
/// </summary>
internal static class EventRules
{
    /// <summary>Parses a JSON body; a body that is not JSON refuses the whole request.</summary>
    public static JsonDocument? ParseJson(ReadOnlyMemory<byte> body, out RequestRejection? problem)
    {
        try
        {
            problem = null;
            return JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException exception)
        {
            problem = new RequestRejection("body", $"The body is not valid JSON: {exception.Message}");
            return null;
        }
    }

    /// <summary>Parses each item on its own: a bad item is rejected with its position, the others still count.</summary>
    public static ParsedBatch<T> ParseEach<T>(IEnumerable<JsonElement> items, int count, Func<JsonElement, T> parseItem)
    {
        var accepted = new List<T>(count);
        var rejected = new List<ItemRejection>();
        var index = 0;
        foreach (var item in items)
        {
            try
            {
                if (item.ValueKind != JsonValueKind.Object)
                {
                    throw new ItemException("", "Each item must be a JSON object.");
                }
                accepted.Add(parseItem(item));
            }
            catch (ItemException exception)
            {
                rejected.Add(new ItemRejection(index, exception.Field, exception.Message));
            }
            index++;
        }
        return new ParsedBatch<T>(accepted, rejected, null);
    }

    public static RequestRejection? TooManyItems(string field, string itemsName, int count) =>
        count > IngestLimits.MaxItemsPerRequest
            ? new RequestRejection(field, $"A request carries at most {IngestLimits.MaxItemsPerRequest} {itemsName}; this one has {count}.")
            : null;

    /// <summary>A name or id: not blank, and not longer than the limit.</summary>
    public static string Text(string value, string field, int maxLength)
    {
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

    /// <summary>Events older than the rollups keep, or ahead of the server's clock, would land where no chart looks.</summary>
    public static DateTimeOffset InWindow(DateTimeOffset timestamp, DateTimeOffset now, string field, string shown) =>
        IngestLimits.TimestampProblem(field, shown, timestamp, now) is { } problem ? throw new ItemException(field, problem) : timestamp.ToUniversalTime();

    public static string PropertiesWithinLimit(string json)
    {
        // A UTF-16 character is at most three UTF-8 bytes, so short texts need no byte count.
        if (json.Length > IngestLimits.MaxPropertiesBytes / 3 && Encoding.UTF8.GetByteCount(json) > IngestLimits.MaxPropertiesBytes)
        {
            throw new ItemException("properties", $"properties is larger than {IngestLimits.MaxPropertiesBytes / 1024} KiB.");
        }
        return json;
    }

    /// <summary>Top-level strings, numbers and booleans of up to 100 characters, at most 32 of them, in the order given.</summary>
    public static List<KeyValuePair<string, string>> BreakdownValues(IEnumerable<JsonProperty> properties, Func<JsonProperty, string> nameOf)
    {
        var breakdownValues = new List<KeyValuePair<string, string>>();
        foreach (var property in properties)
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
