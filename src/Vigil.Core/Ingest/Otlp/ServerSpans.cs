using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.Collections;
using Vigil.Core.Ingest.Otlp.Proto.Collector.Trace;
using Vigil.Core.Ingest.Otlp.Proto.Common;
using Vigil.Core.Ingest.Otlp.Proto.Trace;

namespace Vigil.Core.Ingest.Otlp;

/// <summary>A span Vigil refused: where it sits in the export, the field or attribute at fault, and why.</summary>
public sealed record SpanRejection(string Span, string Field, string Error);

/// <summary>What one trace export yields: the requests to store, the spans refused, and how many spans it held in all.</summary>
public sealed record ServerSpanBatch(IReadOnlyList<RequestSample> Requests, IReadOnlyList<SpanRejection> Rejected, int SpanCount)
{
    /// <summary>The partial-success message of the OTLP answer; null when nothing was refused.</summary>
    public string? ErrorMessage => OtlpRejections.Message(Rejected.Select(rejection => (rejection.Span, rejection.Field, rejection.Error)).ToList(), SpanCount, "spans");
}

/// <summary>The partial-success message every OTLP signal answers with.</summary>
public static class OtlpRejections
{
    /// <summary>An answer names this many refused items; a batch of thousands would otherwise echo thousands of lines.</summary>
    public const int MaxListed = 10;

    /// <summary>"Rejected 2 of 9 spans: position (field): why; …", naming the first ten; null when nothing was refused.</summary>
    public static string? Message(IReadOnlyList<(string Item, string Field, string Error)> rejected, int total, string items) => rejected.Count == 0
        ? null
        : $"Rejected {rejected.Count} of {total} {items}: "
          + string.Join("; ", rejected.Take(MaxListed).Select(rejection => $"{rejection.Item} ({rejection.Field}): {rejection.Error}"))
          + (rejected.Count > MaxListed ? $"; and {rejected.Count - MaxListed} more." : "");
}

/// <summary>
/// Turns the HTTP server spans of an OTLP trace export into request telemetry (README "OpenTelemetry").
/// Only spans of kind SERVER that carry an HTTP method are requests: the specification lets a receiver read
/// UNSPECIFIED as INTERNAL, and CLIENT, PRODUCER, CONSUMER and INTERNAL spans are not requests this service served.
/// Those other spans are valid, so they are passed over without being counted as rejected.
/// Both generations of the HTTP semantic conventions are read; where a span has both, the stable names win.
/// </summary>
public static class ServerSpans
{
    private const int TraceIdBytes = 16;
    private const int SpanIdBytes = 8;
    private const double NanosecondsPerMillisecond = 1_000_000;
    private const int ServerErrorWithoutResponse = 500;

    public static ServerSpanBatch ToRequests(ExportTraceServiceRequest export, long projectId, DateTimeOffset now)
    {
        var requests = new List<RequestSample>();
        var rejected = new List<SpanRejection>();
        var spanCount = 0;
        for (var resource = 0; resource < export.ResourceSpans.Count; resource++)
        {
            var scopes = export.ResourceSpans[resource].ScopeSpans;
            for (var scope = 0; scope < scopes.Count; scope++)
            {
                var spans = scopes[scope].Spans;
                for (var index = 0; index < spans.Count; index++)
                {
                    spanCount++;
                    var outcome = ToRequest(spans[index], projectId, now);
                    if (outcome.Request is { } request)
                    {
                        requests.Add(request);
                    }
                    else if (outcome.Rejection is { } rejection)
                    {
                        rejected.Add(new SpanRejection($"resourceSpans[{resource}].scopeSpans[{scope}].spans[{index}]", rejection.Field, rejection.Error));
                    }
                }
            }
        }
        return new ServerSpanBatch(requests, rejected, spanCount);
    }

    /// <summary>A request, a rejection, or neither (a span that is not an HTTP server span).</summary>
    private readonly record struct SpanOutcome(RequestSample? Request, (string Field, string Error)? Rejection)
    {
        public static readonly SpanOutcome PassedOver = new(null, null);

        public static SpanOutcome Reject(string field, string error) => new(null, (field, error));
    }

    private static SpanOutcome ToRequest(Span span, long projectId, DateTimeOffset now)
    {
        if (span.Kind != Span.Types.SpanKind.Server)
        {
            return SpanOutcome.PassedOver;
        }
        var http = HttpAttributes.Of(span.Attributes);
        if (http.Method is not { } method)
        {
            // A server span of another protocol (RPC without HTTP, say): valid, but not an HTTP request.
            return SpanOutcome.PassedOver;
        }
        if (!IsValidId(span.TraceId, TraceIdBytes))
        {
            return SpanOutcome.Reject("traceId", $"traceId must be {TraceIdBytes} bytes ({TraceIdBytes * 2} hex digits in JSON) and not all zero.");
        }
        if (!IsValidId(span.SpanId, SpanIdBytes))
        {
            return SpanOutcome.Reject("spanId", $"spanId must be {SpanIdBytes} bytes ({SpanIdBytes * 2} hex digits in JSON) and not all zero.");
        }
        var (start, end) = (span.StartTimeUnixNano, span.EndTimeUnixNano);
        if (start == 0)
        {
            return SpanOutcome.Reject("startTimeUnixNano", "startTimeUnixNano is missing.");
        }
        if (end == 0)
        {
            return SpanOutcome.Reject("endTimeUnixNano", "endTimeUnixNano is missing.");
        }
        if (end < start)
        {
            return SpanOutcome.Reject("endTimeUnixNano", $"endTimeUnixNano {end} is before startTimeUnixNano {start}.");
        }
        var durationMs = (end - start) / NanosecondsPerMillisecond;
        if (!IngestLimits.IsDurationMs(durationMs))
        {
            return SpanOutcome.Reject("endTimeUnixNano", $"The span lasts {durationMs:F0} ms; a request may last at most {IngestLimits.MaxDurationMs:F0} ms.");
        }
        // A request is counted when it ends, as /v1/requests counts its timestamp.
        var endTime = FromUnixNanoseconds(end);
        if (IngestLimits.TimestampProblem("endTimeUnixNano", $"{end} ({endTime:O})", endTime, now) is { } timeProblem)
        {
            return SpanOutcome.Reject("endTimeUnixNano", timeProblem);
        }
        if (method.Value.Length > IngestLimits.MaxMethodLength)
        {
            return SpanOutcome.Reject(method.Key, $"{method.Key} is longer than {IngestLimits.MaxMethodLength} characters.");
        }
        if (http.Route is not { } route)
        {
            return SpanOutcome.Reject("attributes", "The span has none of http.route, url.path or http.target, so its route is unknown.");
        }
        if (route.Value.Length > IngestLimits.MaxRouteLength)
        {
            return SpanOutcome.Reject(route.Key, $"{route.Key} is longer than {IngestLimits.MaxRouteLength} characters.");
        }
        int status;
        if (http.Status is { } statusAttribute)
        {
            if (StatusCode(statusAttribute.Value) is not { } code)
            {
                return SpanOutcome.Reject(statusAttribute.Key, $"{statusAttribute.Key} must be an integer HTTP status between {IngestLimits.MinStatus} and {IngestLimits.MaxStatus}.");
            }
            status = code;
        }
        else if (span.Status?.Code == Status.Types.StatusCode.Error)
        {
            // The request failed before a response was sent (semantic conventions: status ERROR, no status code): the
            // client saw no answer, which for an error rate is a server error.
            status = ServerErrorWithoutResponse;
        }
        else
        {
            return SpanOutcome.Reject("attributes", "The span has no http.response.status_code (or http.status_code) and its status is not ERROR, so its HTTP status is unknown.");
        }
        return new SpanOutcome(
            new RequestSample(projectId, endTime, method.Value.ToUpperInvariant(), route.Value, status, durationMs) { TraceId = Convert.ToHexStringLower(span.TraceId.Span) },
            null);
    }

    /// <summary>The HTTP attributes a request is made of, each with the key it came from (for rejections).</summary>
    private sealed record HttpAttributes(
        (string Key, string Value)? Method,
        (string Key, string Value)? Route,
        (string Key, AnyValue Value)? Status)
    {
        public static HttpAttributes Of(RepeatedField<KeyValue> attributes)
        {
            string? requestMethod = null, legacyMethod = null, route = null, urlPath = null, legacyTarget = null;
            AnyValue? responseStatus = null, legacyStatus = null;
            foreach (var attribute in attributes)
            {
                switch (attribute.Key)
                {
                    case "http.request.method":
                        requestMethod = NonEmptyString(attribute.Value);
                        break;
                    case "http.method":
                        legacyMethod = NonEmptyString(attribute.Value);
                        break;
                    case "http.route":
                        route = NonEmptyString(attribute.Value);
                        break;
                    case "url.path":
                        urlPath = NonEmptyString(attribute.Value);
                        break;
                    case "http.target":
                        legacyTarget = NonEmptyString(attribute.Value);
                        break;
                    case "http.response.status_code":
                        responseStatus = attribute.Value;
                        break;
                    case "http.status_code":
                        legacyStatus = attribute.Value;
                        break;
                }
            }
            return new HttpAttributes(
                requestMethod is not null ? ("http.request.method", requestMethod) : legacyMethod is not null ? ("http.method", legacyMethod) : null,
                // Without a matched route (a 404, an app without routing) the path stands in for it, without its query.
                route is not null ? ("http.route", route) : urlPath is not null ? ("url.path", PathOnly(urlPath)) : legacyTarget is not null ? ("http.target", PathOnly(legacyTarget)) : null,
                responseStatus is not null ? ("http.response.status_code", responseStatus) : legacyStatus is not null ? ("http.status_code", legacyStatus) : null);
        }

        private static string? NonEmptyString(AnyValue? value) =>
            value is { ValueCase: AnyValue.ValueOneofCase.StringValue } && !string.IsNullOrWhiteSpace(value.StringValue) ? value.StringValue : null;
    }

    /// <summary>A path or request target without its query string and fragment.</summary>
    internal static string PathOnly(string target)
    {
        var end = target.IndexOfAny(['?', '#']);
        var path = end < 0 ? target : target[..end];
        return path.Length == 0 ? "/" : path;
    }

    /// <summary>An integer status in range, sent as an int (as the conventions say) or as a string of digits.</summary>
    private static int? StatusCode(AnyValue? value)
    {
        long? code = value?.ValueCase switch
        {
            AnyValue.ValueOneofCase.IntValue => value.IntValue,
            AnyValue.ValueOneofCase.StringValue when int.TryParse(value.StringValue, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        };
        return code is >= IngestLimits.MinStatus and <= IngestLimits.MaxStatus ? (int)code.Value : null;
    }

    internal static bool IsValidId(ByteString id, int length) => id.Length == length && id.Span.ContainsAnyExcept((byte)0);

    /// <summary>Times past what DateTimeOffset holds become its maximum, which the future-skew check then refuses.</summary>
    internal static DateTimeOffset FromUnixNanoseconds(ulong nanoseconds)
    {
        var ticks = nanoseconds / TimeSpan.NanosecondsPerTick;
        var maxTicks = (ulong)(DateTimeOffset.MaxValue.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks);
        return ticks > maxTicks ? DateTimeOffset.MaxValue : DateTimeOffset.UnixEpoch.AddTicks((long)ticks);
    }
}
