using Vigil.Core.Ingest;
using Vigil.Core.Ingest.Otlp;
using Vigil.Core.Ingest.Otlp.Proto.Collector.Trace;
using Vigil.Core.Ingest.Otlp.Proto.Common;
using Vigil.Core.Ingest.Otlp.Proto.Trace;

namespace Vigil.Core.Errors;

/// <summary>
/// Errors from the <c>exception</c> events OpenTelemetry SDKs record on spans (semantic conventions: attributes
/// <c>exception.type</c>, <c>exception.message</c>, <c>exception.stacktrace</c>), with the span's trace id, source
/// <c>otlp</c>. The release and environment come from the resource (<c>service.version</c>,
/// <c>deployment.environment.name</c> or <c>deployment.environment</c>), the user from the span's <c>enduser.id</c>.
/// An event without type and message, or outside the time window ingest keeps, is passed over: the span itself is fine.
/// Texts longer than <c>/v1/errors</c> takes are cut rather than refused, as a span cannot be half-rejected.
/// </summary>
public static class SpanExceptions
{
    public const string EventName = "exception";

    public static IReadOnlyList<GroupedError> ToErrors(ExportTraceServiceRequest export, long projectId, DateTimeOffset now)
    {
        var errors = new List<GroupedError>();
        foreach (var resource in export.ResourceSpans)
        {
            var resourceAttributes = resource.Resource?.Attributes ?? [];
            var release = Text(resourceAttributes, "service.version", ErrorIngestParser.MaxTagLength);
            var environment = Text(resourceAttributes, "deployment.environment.name", ErrorIngestParser.MaxTagLength)
                ?? Text(resourceAttributes, "deployment.environment", ErrorIngestParser.MaxTagLength);
            foreach (var span in resource.ScopeSpans.SelectMany(scope => scope.Spans))
            {
                foreach (var spanEvent in span.Events.Where(spanEvent => spanEvent.Name == EventName))
                {
                    if (ToError(span, spanEvent, projectId, now, release, environment) is { } error)
                    {
                        errors.Add(error);
                    }
                }
            }
        }
        return errors;
    }

    private static GroupedError? ToError(Span span, Span.Types.Event spanEvent, long projectId, DateTimeOffset now, string? release, string? environment)
    {
        var type = Text(spanEvent.Attributes, "exception.type", ErrorIngestParser.MaxTypeLength);
        var message = Text(spanEvent.Attributes, "exception.message", ErrorIngestParser.MaxMessageLength) ?? "";
        if (type is null && message.Length == 0)
        {
            return null;
        }
        var nanoseconds = spanEvent.TimeUnixNano != 0 ? spanEvent.TimeUnixNano : span.EndTimeUnixNano;
        var timestamp = ServerSpans.FromUnixNanoseconds(nanoseconds);
        if (nanoseconds == 0 || IngestLimits.TimestampProblem("timeUnixNano", "", timestamp, now) is not null)
        {
            return null;
        }
        var frames = ErrorFields.NewestFrames(StackTraceParser.Parse(Text(spanEvent.Attributes, "exception.stacktrace", ErrorIngestParser.MaxStackLength)));
        var group = ErrorGrouping.Group(new ErrorReport(type, message, frames));
        var traceId = ServerSpans.IsValidId(span.TraceId, 16) ? Convert.ToHexStringLower(span.TraceId.Span) : null;
        var user = Text(span.Attributes, "enduser.id", IngestLimits.MaxDistinctIdLength);
        return new GroupedError(
            new ErrorEvent(projectId, DateTimeOffset.FromUnixTimeMilliseconds(timestamp.ToUnixTimeMilliseconds()), group.Fingerprint, "otlp", "error",
                type, message, user, traceId, release, environment, frames),
            group);
    }

    /// <summary>A non-empty string attribute, cut to <paramref name="maxLength"/>.</summary>
    private static string? Text(IEnumerable<KeyValue> attributes, string key, int maxLength)
    {
        var value = attributes.FirstOrDefault(attribute => attribute.Key == key)?.Value;
        if (value is not { ValueCase: AnyValue.ValueOneofCase.StringValue } || value.StringValue.Trim().Length == 0)
        {
            return null;
        }
        return value.StringValue.Length <= maxLength ? value.StringValue : value.StringValue[..maxLength];
    }
}
