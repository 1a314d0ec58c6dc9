using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Vigil.Core.Ingest.PostHog;

/// <summary>The project key a capture request names: the body's <c>api_key</c>, or the one key its events agree on.</summary>
public sealed record CaptureKey(string? Key, RequestRejection? Problem);

/// <summary>
/// Maps PostHog capture payloads to product events. Three shapes arrive: one event
/// (<c>{"api_key","event","distinct_id","properties","timestamp"}</c>, the documented <c>/capture/</c> and
/// <c>/i/v0/e/</c> call), a batch (<c>{"api_key","batch":[…],"sent_at","historical_migration"}</c>, posthog-node's
/// <c>/batch/</c>), and a bare array of events each carrying its <c>token</c> in its properties (posthog-js's <c>/e/</c>).
/// Events meet the same rules as those of <c>/v1/events</c> (<see cref="EventRules"/>).
/// </summary>
public static class PostHogCapture
{
    private static readonly string[] KeyFields = ["api_key", "token", "$token"];

    public static CaptureKey FindKey(JsonElement root)
    {
        if (root.ValueKind == JsonValueKind.Object && StringField(root, KeyFields) is { } requestKey)
        {
            return new CaptureKey(requestKey, null);
        }
        string? key = null;
        foreach (var item in Items(root))
        {
            if (item.ValueKind != JsonValueKind.Object || EventKey(item) is not { } eventKey)
            {
                continue;
            }
            if (key is not null && key != eventKey)
            {
                return new CaptureKey(null, new RequestRejection("api_key", "The events carry different project keys; send each project's events in its own request."));
            }
            key = eventKey;
        }
        return new CaptureKey(key, null);
    }

    /// <param name="root">The request's JSON.</param>
    /// <param name="projectId">The project its key belongs to.</param>
    /// <param name="sentAtFromQuery">posthog-js's <c>_</c> query parameter: when the client sent the request, by its own clock.</param>
    /// <param name="now">The server's clock.</param>
    public static ParsedBatch<ProductEvent> ParseEvents(JsonElement root, long projectId, DateTimeOffset? sentAtFromQuery, DateTimeOffset now)
    {
        if (root.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array))
        {
            return ParsedBatch<ProductEvent>.Refused("body", "The body must be a JSON event, an array of events, or an object with a \"batch\" array.");
        }
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("batch", out var batch) && batch.ValueKind != JsonValueKind.Array)
        {
            return ParsedBatch<ProductEvent>.Refused("batch", "\"batch\" must be an array of events.");
        }
        var items = Items(root).ToList();
        if (EventRules.TooManyItems(root.ValueKind == JsonValueKind.Array ? "body" : "batch", "events", items.Count) is { } tooMany)
        {
            return ParsedBatch<ProductEvent>.Refused(tooMany);
        }
        var sentAt = (root.ValueKind == JsonValueKind.Object ? SentAt(root) : null) ?? sentAtFromQuery;
        var names = new BatchNames();
        return EventRules.ParseEach(items, items.Count, item => ParseEvent(item, projectId, sentAt, now, names));
    }

    /// <summary>
    /// When the event happened by the server's clock. As PostHog computes it: an <c>offset</c> (milliseconds before
    /// sending) counts back from now; a <c>timestamp</c> is moved by the client clock's skew, <c>sent_at − now</c>,
    /// unless the event asks to <c>$ignore_sent_at</c>; without either, now.
    /// </summary>
    public static DateTimeOffset EventTime(DateTimeOffset? timestamp, long? offsetMilliseconds, DateTimeOffset? sentAt, DateTimeOffset now) =>
        (offsetMilliseconds, timestamp, sentAt) switch
        {
            ({ } offset, _, _) => now - TimeSpan.FromMilliseconds(offset),
            (null, { } clientTime, { } clientSentAt) => clientTime - (clientSentAt - now),
            (null, { } clientTime, null) => clientTime,
            _ => now,
        };

    /// <summary>
    /// posthog-js's <c>_</c> query parameter, the client's clock in milliseconds when it sent the request. Older SDKs
    /// sent seconds, which read as milliseconds land in 1970; those are ignored, as PostHog does.
    /// </summary>
    public static DateTimeOffset? SentAtFromQuery(string? milliseconds) =>
        long.TryParse(milliseconds, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
        && value <= DateTimeOffset.MaxValue.ToUnixTimeMilliseconds()
        && DateTimeOffset.FromUnixTimeMilliseconds(value) is { Year: > 2020 } sentAt
            ? sentAt
            : null;

    private static IEnumerable<JsonElement> Items(JsonElement root) => root.ValueKind switch
    {
        JsonValueKind.Array => root.EnumerateArray(),
        JsonValueKind.Object when root.TryGetProperty("batch", out var batch) => batch.ValueKind == JsonValueKind.Array ? batch.EnumerateArray() : [],
        JsonValueKind.Object => [root],
        _ => [],
    };

    private static string? EventKey(JsonElement item) =>
        StringField(item, KeyFields)
        ?? (item.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object ? StringField(properties, ["token"]) : null);

    private static string? StringField(JsonElement item, string[] names)
    {
        foreach (var name in names)
        {
            if (item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text)
            {
                return text;
            }
        }
        return null;
    }

    private static ProductEvent ParseEvent(JsonElement item, long projectId, DateTimeOffset? sentAt, DateTimeOffset now, BatchNames names)
    {
        if (!item.TryGetProperty("event", out var nameElement) || nameElement.ValueKind != JsonValueKind.String)
        {
            throw new ItemException("event", "event is required and must be a string.");
        }
        var name = EventRules.Text(names.Of(nameElement), "event", IngestLimits.MaxNameLength);
        var properties = item.TryGetProperty("properties", out var propertiesElement) ? propertiesElement : default;
        if (properties.ValueKind is not (JsonValueKind.Object or JsonValueKind.Undefined or JsonValueKind.Null))
        {
            throw new ItemException("properties", "properties must be a JSON object.");
        }
        var hasProperties = properties.ValueKind == JsonValueKind.Object;
        var distinctId = EventRules.Text(DistinctId(item, hasProperties ? properties : null), "distinct_id", IngestLimits.MaxDistinctIdLength);
        var ignoreSentAt = hasProperties && properties.TryGetProperty("$ignore_sent_at", out var ignore) && ignore.ValueKind == JsonValueKind.True;
        var time = EventTime(Timestamp(item), Offset(item), ignoreSentAt ? null : sentAt, now);
        var timestamp = EventRules.InWindow(time, now, "timestamp", time.ToString("O", CultureInfo.InvariantCulture) + " (as corrected for the client's clock)");
        if (!hasProperties)
        {
            return new ProductEvent(projectId, name, distinctId, timestamp, "{}", []);
        }
        // The key rides along in every posthog-js event; it is not the event's data, and stored it would only repeat itself.
        var carriesKey = properties.TryGetProperty("token", out _) || properties.TryGetProperty("$token", out _);
        var kept = properties.EnumerateObject().Where(property => !property.NameEquals("token") && !property.NameEquals("$token")).ToList();
        var json = EventRules.PropertiesWithinLimit(carriesKey ? Serialize(kept) : properties.GetRawText());
        // SDKs fill dozens of properties ($os, $browser, $lib …, and distinct_id again) ahead of the app's own, which
        // would crowd them out of the 32 an event is counted by; the app's own come first.
        var breakdownValues = EventRules.BreakdownValues(kept.OrderBy(IsFilledBySdk), names.Of);
        return new ProductEvent(projectId, name, distinctId, timestamp, json, breakdownValues);
    }

    private static bool IsFilledBySdk(JsonProperty property) => property.Name.StartsWith('$') || property.NameEquals("distinct_id");

    /// <summary>The top-level <c>distinct_id</c> (or <c>$distinct_id</c>), else the one in the properties, else the device's id; numbers and other values as their JSON text.</summary>
    private static string DistinctId(JsonElement item, JsonElement? properties)
    {
        JsonElement[] candidates =
        [
            item.TryGetProperty("distinct_id", out var topLevel) ? topLevel : default,
            item.TryGetProperty("$distinct_id", out var dollar) ? dollar : default,
            properties is { } inProperties && inProperties.TryGetProperty("distinct_id", out var property) ? property : default,
            properties is { } withDevice && withDevice.TryGetProperty("$device_id", out var device) ? device : default,
        ];
        foreach (var candidate in candidates)
        {
            switch (candidate.ValueKind)
            {
                case JsonValueKind.String when !string.IsNullOrWhiteSpace(candidate.GetString()):
                    return candidate.GetString()!;
                case JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False or JsonValueKind.Object or JsonValueKind.Array:
                    return candidate.GetRawText();
            }
        }
        throw new ItemException("distinct_id", "distinct_id is required: at the top level of the event or in its properties.");
    }

    private static DateTimeOffset? Timestamp(JsonElement item)
    {
        if (!item.TryGetProperty("timestamp", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        // PostHog reads a time without an offset as UTC; so does Vigil here, for the SDKs' and the docs' sake.
        if (element.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(element.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var timestamp))
        {
            return timestamp;
        }
        throw new ItemException("timestamp", "timestamp must be an ISO-8601 date and time, such as 2026-11-21T09:00:00.000Z.");
    }

    private static long? Offset(JsonElement item)
    {
        if (!item.TryGetProperty("offset", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        return element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out var offset) && offset >= 0
            ? offset
            : throw new ItemException("offset", "offset must be a whole, non-negative number of milliseconds.");
    }

    /// <summary>The batch's <c>sent_at</c>; one that cannot be read is ignored, as PostHog does.</summary>
    private static DateTimeOffset? SentAt(JsonElement root) =>
        root.TryGetProperty("sent_at", out var element)
        && element.ValueKind == JsonValueKind.String
        && DateTimeOffset.TryParse(element.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var sentAt)
            ? sentAt
            : null;

    private static string Serialize(IEnumerable<JsonProperty> properties)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var property in properties)
            {
                property.WriteTo(writer);
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
