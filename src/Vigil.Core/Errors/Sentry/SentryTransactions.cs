using System.Globalization;
using System.Text.Json;
using Vigil.Core.Ingest;

namespace Vigil.Core.Errors.Sentry;

/// <summary>
/// Reads Sentry transactions (develop.sentry.dev/sdk/data-model/event-payloads/transaction) into request telemetry, as
/// OTLP server spans are read: only a transaction whose <c>contexts.trace.op</c> is <c>http.server</c> is a request
/// this service served; others (page loads, navigations, jobs, CLI runs) are valid, and not kept. The route is the
/// transaction's name (without the method a name such as <c>GET /orders/:id</c> starts with), the method and status
/// come from the HTTP attributes the SDKs record in <c>contexts.trace.data</c>, <c>contexts.response</c>,
/// <c>request</c> and <c>tags</c>; the duration is <c>timestamp − start_timestamp</c>, counted at its end.
/// </summary>
public static class SentryTransactions
{
    public const string ServerOperation = "http.server";

    // Sentry's span statuses for a request that failed before it answered.
    private static readonly string[] FailedWithoutResponse = ["internal_error", "unknown_error", "unknown"];
    internal const int ServerErrorWithoutResponse = 500;

    /// <summary>The request a server transaction records; null for a transaction of another operation.</summary>
    /// <exception cref="ItemException">A server transaction without what a request needs, named by its field.</exception>
    public static RequestSample? ToRequest(JsonElement transaction, long projectId, DateTimeOffset now)
    {
        var trace = Child(Child(transaction, "contexts"), "trace", "contexts.trace");
        if (trace is not { } traceContext || ErrorFields.OptionalText(traceContext, "op", 200, "contexts.trace") != ServerOperation)
        {
            return null;
        }
        var data = Child(traceContext, "data", "contexts.trace.data");
        var request = Child(transaction, "request");
        var name = ErrorFields.OptionalText(transaction, "transaction", int.MaxValue);
        var (nameMethod, nameRoute) = SplitName(name);
        var method = Text(data, "http.request.method") ?? Text(data, "http.method") ?? Text(request, "method") ?? nameMethod
            ?? throw new ItemException("contexts.trace.data", "A transaction of op http.server needs its HTTP method: contexts.trace.data.http.request.method, request.method, or a name such as \"GET /orders/:id\".");
        var route = nameRoute ?? Text(data, "http.route") ?? PathOf(Text(data, "url.path")) ?? PathOf(Text(request, "url"))
            ?? throw new ItemException("transaction", "A transaction of op http.server needs its route: the transaction's name, or contexts.trace.data.http.route or url.path.");
        return Request(projectId, now, method, (route, "transaction"), Status(transaction, traceContext, data),
            Time(transaction, "start_timestamp"), (Time(transaction, "timestamp"), "timestamp")) with { TraceId = ErrorFields.OptionalTraceId(traceContext, "trace_id", "contexts.trace") };
    }

    /// <summary>The method and route of a name such as <c>GET /orders/:id</c>, a bare <c>GET</c> (no route known), or a route alone.</summary>
    internal static (string? Method, string? Route) SplitName(string? name) => name?.Split(' ', 2) switch
    {
        [var first, var rest] when IsMethod(first) && rest.Trim().Length > 0 => (first, rest.Trim()),
        [var only] when IsMethod(only) => (only, null),
        _ => (null, string.IsNullOrWhiteSpace(name) ? null : name),
    };

    /// <summary>A request as every way in checks it: method and route within their lengths, a duration of at most a day, an end within the window.</summary>
    internal static RequestSample Request(
        long projectId, DateTimeOffset now, string method, (string Value, string Field) route, int status, DateTimeOffset start, (DateTimeOffset Value, string Field) end)
    {
        var durationMs = (end.Value - start).TotalMilliseconds;
        if (durationMs < 0)
        {
            throw new ItemException(end.Field, $"{end.Field} (the end) is before the start.");
        }
        if (!IngestLimits.IsDurationMs(durationMs))
        {
            throw new ItemException(end.Field, $"It lasts {durationMs:F0} ms; a request may last at most {IngestLimits.MaxDurationMs:F0} ms.");
        }
        return new RequestSample(
            projectId,
            EventRules.InWindow(end.Value, now, end.Field, end.Value.ToString("O", CultureInfo.InvariantCulture)),
            EventRules.Text(method.ToUpperInvariant(), "method", IngestLimits.MaxMethodLength),
            EventRules.Text(route.Value, route.Field, IngestLimits.MaxRouteLength),
            status,
            durationMs);
    }

    /// <summary>An HTTP status sent as a number or a string of digits, 100–599; null when absent.</summary>
    /// <exception cref="ItemException">Present but not such a status.</exception>
    internal static int? StatusCode(JsonElement? element, string field)
    {
        if (element is not { } found || found.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        var code = found.ValueKind switch
        {
            JsonValueKind.Number when found.TryGetInt32(out var number) => number,
            JsonValueKind.String when int.TryParse(found.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => (int?)null,
        };
        return code is { } status && IngestLimits.IsHttpStatus(status)
            ? status
            : throw new ItemException(field, $"{field} must be an integer HTTP status between {IngestLimits.MinStatus} and {IngestLimits.MaxStatus}.");
    }

    /// <summary>
    /// <c>contexts.response.status_code</c>, else <c>http.response.status_code</c> (or <c>http.status_code</c>) of the
    /// trace data, else the tag <c>http.status_code</c>; without any, a trace status of <c>internal_error</c> is a 500,
    /// as an OTLP span in ERROR without a status code is.
    /// </summary>
    private static int Status(JsonElement transaction, JsonElement trace, JsonElement? data)
    {
        var candidates = new (JsonElement? Parent, string Name, string Field)[]
        {
            (Child(Child(transaction, "contexts"), "response", "contexts.response"), "status_code", "contexts.response.status_code"),
            (data, "http.response.status_code", "contexts.trace.data.http.response.status_code"),
            (data, "http.status_code", "contexts.trace.data.http.status_code"),
            (Child(transaction, "tags"), "http.status_code", "tags.http.status_code"),
        };
        foreach (var (parent, name, field) in candidates)
        {
            if (parent is { } found && found.TryGetProperty(name, out var element) && StatusCode(element, field) is { } status)
            {
                return status;
            }
        }
        if (FailedWithoutResponse.Contains(ErrorFields.OptionalText(trace, "status", 64, "contexts.trace")))
        {
            return ServerErrorWithoutResponse;
        }
        throw new ItemException("contexts.response.status_code",
            "A transaction of op http.server needs its HTTP status: contexts.response.status_code, contexts.trace.data.http.response.status_code or the tag http.status_code.");
    }

    /// <summary>A unix time in seconds with fractions, as the SDKs send it, or an RFC 3339 time.</summary>
    private static DateTimeOffset Time(JsonElement transaction, string field)
    {
        if (!transaction.TryGetProperty(field, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            throw new ItemException(field, $"A transaction needs its {field}.");
        }
        return SentryEvents.ParseTime(element, field);
    }

    private static JsonElement? Child(JsonElement? parent, string name, string? field = null)
    {
        if (parent is not { ValueKind: JsonValueKind.Object } found || !found.TryGetProperty(name, out var child) || child.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        return child.ValueKind == JsonValueKind.Object ? child : throw new ItemException(field ?? name, $"{field ?? name} must be an object.");
    }

    private static string? Text(JsonElement? parent, string name) =>
        parent is { } found && found.TryGetProperty(name, out var element) && element.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(element.GetString())
            ? element.GetString()
            : null;

    internal static bool IsMethod(string? text) => text is { Length: > 0 and <= IngestLimits.MaxMethodLength } && text.All(char.IsAsciiLetterUpper);

    /// <summary>The path of a URL or path, without its query and fragment.</summary>
    internal static string? PathOf(string? url)
    {
        if (url is null)
        {
            return null;
        }
        var path = Uri.TryCreate(url, UriKind.Absolute, out var absolute) ? absolute.AbsolutePath : url;
        var end = path.IndexOfAny(['?', '#']);
        return end < 0 ? path : path[..end];
    }
}
