using System.Text.Json;
using Vigil.Core.Ingest;

namespace Vigil.Core.Errors.Sentry;

/// <summary>
/// Reads streamed spans (a <c>span</c> item of content type <c>application/vnd.sentry.items.span.v2+json</c>:
/// <c>{"version":2,"items":[…]}</c>, what @sentry/node sends by default since it streams spans) into request telemetry,
/// as <see cref="SentryTransactions"/> reads transactions: a segment span (<c>is_segment</c>, the root of one
/// request's spans in this service) whose <c>sentry.op</c> attribute is <c>http.server</c> is one request. Attributes
/// are <c>{"value": …, "type": …}</c> objects keyed by OpenTelemetry names; other spans are valid, and not kept.
/// </summary>
public static class SentrySpans
{
    /// <summary>The requests of the container's server segments.</summary>
    /// <exception cref="ItemException">A server segment without what a request needs, named by its field.</exception>
    public static IReadOnlyList<RequestSample> ToRequests(JsonElement container, long projectId, DateTimeOffset now)
    {
        if (!container.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array)
        {
            // A span of the first standalone format: acknowledged, not read.
            return [];
        }
        var requests = new List<RequestSample>();
        var index = 0;
        foreach (var span in items.EnumerateArray())
        {
            var field = $"items[{index++}]";
            if (span.ValueKind == JsonValueKind.Object && ErrorFields.OptionalFlag(span, "is_segment") == true
                && Text(Attribute(span, "sentry.op", field)) == SentryTransactions.ServerOperation)
            {
                requests.Add(ToRequest(span, field, projectId, now));
            }
        }
        return requests;
    }

    private static RequestSample ToRequest(JsonElement span, string field, long projectId, DateTimeOffset now)
    {
        var (nameMethod, nameRoute) = SentryTransactions.SplitName(ErrorFields.OptionalText(span, "name", int.MaxValue, field));
        var method = Text(Attribute(span, "http.request.method", field)) ?? Text(Attribute(span, "http.method", field)) ?? nameMethod
            ?? throw new ItemException($"{field}.attributes", "A span of op http.server needs its HTTP method: the attribute http.request.method, or a name such as \"GET /orders/:id\".");
        var route = nameRoute ?? Text(Attribute(span, "http.route", field)) ?? SentryTransactions.PathOf(Text(Attribute(span, "url.path", field)))
            ?? throw new ItemException($"{field}.attributes", "A span of op http.server needs its route: a name such as \"GET /orders/:id\", or the attribute http.route or url.path.");
        var status = SentryTransactions.StatusCode(Attribute(span, "http.response.status_code", field), $"{field}.attributes.http.response.status_code")
            ?? SentryTransactions.StatusCode(Attribute(span, "http.status_code", field), $"{field}.attributes.http.status_code")
            ?? (ErrorFields.OptionalText(span, "status", 64, field) == "error"
                ? SentryTransactions.ServerErrorWithoutResponse
                : throw new ItemException($"{field}.attributes", "A span of op http.server needs its HTTP status: the attribute http.response.status_code, or the status \"error\"."));
        return SentryTransactions.Request(projectId, now, method, (route, $"{field}.name"), status,
            Time(span, "start_timestamp", field), (Time(span, "end_timestamp", field), $"{field}.end_timestamp")) with { TraceId = ErrorFields.OptionalTraceId(span, "trace_id", field) };
    }

    /// <summary>The value of an attribute (<c>{"value": …, "type": …}</c>), or null when the span has none.</summary>
    private static JsonElement? Attribute(JsonElement span, string key, string field)
    {
        if (!span.TryGetProperty("attributes", out var attributes) || attributes.ValueKind != JsonValueKind.Object
            || !attributes.TryGetProperty(key, out var attribute) || attribute.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        return attribute.ValueKind == JsonValueKind.Object && attribute.TryGetProperty("value", out var value)
            ? value
            : throw new ItemException($"{field}.attributes.{key}", $"{field}.attributes.{key} must be an object with a \"value\".");
    }

    private static string? Text(JsonElement? value) =>
        value is { ValueKind: JsonValueKind.String } text && !string.IsNullOrWhiteSpace(text.GetString()) ? text.GetString() : null;

    private static DateTimeOffset Time(JsonElement span, string name, string field) =>
        span.TryGetProperty(name, out var element) && element.ValueKind != JsonValueKind.Null
            ? SentryEvents.ParseTime(element, $"{field}.{name}")
            : throw new ItemException($"{field}.{name}", $"A span needs its {name}.");
}
