using Google.Protobuf;
using Vigil.Core.Ingest;
using Vigil.Core.Ingest.Otlp;
using Vigil.Core.Ingest.Otlp.Proto.Collector.Logs;
using Vigil.Core.Ingest.Otlp.Proto.Common;

namespace Vigil.Core.Logs;

/// <summary>What one OTLP log export yields: the lines to store, those refused (position, field, why), and how many it held.</summary>
public sealed record OtlpLogBatch(IReadOnlyList<LogRecord> Records, IReadOnlyList<(string Item, string Field, string Error)> Rejected, int RecordCount)
{
    /// <summary>The partial-success message of the OTLP answer; null when nothing was refused.</summary>
    public string? ErrorMessage => OtlpRejections.Message(Rejected, RecordCount, "log records");
}

/// <summary>
/// Turns an OTLP log export into log lines (README "Logs"). The resource's <c>service.name</c> becomes the service; its
/// other attributes join the record's with a <c>resource.</c> prefix, and the instrumentation scope's name is kept as
/// <c>scope.name</c> (the logger's category in .NET). A record without a time is placed at its observed time, or at
/// the time Vigil received it.
/// </summary>
public static class OtlpLogRecords
{
    public const string ResourcePrefix = "resource.";
    private const string ServiceNameKey = "service.name";

    public static OtlpLogBatch ToRecords(ExportLogsServiceRequest export, long projectId, DateTimeOffset now)
    {
        var records = new List<LogRecord>();
        var rejected = new List<(string, string, string)>();
        var count = 0;
        for (var resourceIndex = 0; resourceIndex < export.ResourceLogs.Count; resourceIndex++)
        {
            var resource = export.ResourceLogs[resourceIndex];
            var resourceAttributes = resource.Resource?.Attributes ?? [];
            var service = resourceAttributes.FirstOrDefault(attribute => attribute.Key == ServiceNameKey) is { } serviceName ? LogText.Scalar(serviceName.Value) : "";
            var otherResourceAttributes = resourceAttributes.Where(attribute => attribute.Key != ServiceNameKey).ToList();
            for (var scopeIndex = 0; scopeIndex < resource.ScopeLogs.Count; scopeIndex++)
            {
                var scope = resource.ScopeLogs[scopeIndex];
                for (var index = 0; index < scope.LogRecords.Count; index++)
                {
                    count++;
                    try
                    {
                        records.Add(ToRecord(scope.LogRecords[index], projectId, now, service, scope.Scope?.Name, otherResourceAttributes));
                    }
                    catch (ItemException exception)
                    {
                        rejected.Add(($"resourceLogs[{resourceIndex}].scopeLogs[{scopeIndex}].logRecords[{index}]", exception.Field, exception.Message));
                    }
                }
            }
        }
        return new OtlpLogBatch(records, rejected, count);
    }

    private static LogRecord ToRecord(Vigil.Core.Ingest.Otlp.Proto.Logs.LogRecord record, long projectId, DateTimeOffset now, string service, string? scopeName, IReadOnlyList<KeyValue> resourceAttributes)
    {
        var number = (int)record.SeverityNumber;
        if (number is < 0 or > LogLimits.MaxSeverityNumber)
        {
            throw new ItemException("severityNumber", $"severityNumber must be between 0 and {LogLimits.MaxSeverityNumber}, not {number}.");
        }
        if (record.SeverityText.Length > LogLimits.MaxSeverityTextLength)
        {
            throw new ItemException("severityText", $"severityText is longer than {LogLimits.MaxSeverityTextLength} characters.");
        }
        if (service.Length > LogLimits.MaxServiceNameLength)
        {
            throw new ItemException("resource.attributes", $"service.name is longer than {LogLimits.MaxServiceNameLength} characters.");
        }
        var observed = record.ObservedTimeUnixNano != 0 ? ServerSpans.FromUnixNanoseconds(record.ObservedTimeUnixNano) : now;
        var timestamp = record.TimeUnixNano != 0 ? ServerSpans.FromUnixNanoseconds(record.TimeUnixNano) : observed;
        var timeField = record.TimeUnixNano != 0 ? "timeUnixNano" : "observedTimeUnixNano";
        if (IngestLimits.TimestampProblem(timeField, $"{(record.TimeUnixNano != 0 ? record.TimeUnixNano : record.ObservedTimeUnixNano)} ({timestamp:O})", timestamp, now) is { } timeProblem)
        {
            throw new ItemException(timeField, timeProblem);
        }
        var body = LogText.Body(record.Body);
        if (LogText.Utf8LengthOver(body, LogLimits.MaxBodyBytes))
        {
            throw new ItemException("body", $"body is larger than {LogLimits.MaxBodyBytes / 1024} KiB.");
        }
        var attributes = new LogAttributes();
        attributes.AddOtlp(record.Attributes, "", "attributes");
        if (record.EventName.Length > 0)
        {
            attributes.Add("event.name", record.EventName, "eventName");
        }
        if (!string.IsNullOrEmpty(scopeName))
        {
            attributes.Add("scope.name", scopeName, "scope.name");
        }
        attributes.AddOtlp(resourceAttributes, ResourcePrefix, "resource.attributes");
        return new LogRecord(
            projectId,
            Milliseconds(timestamp),
            Milliseconds(observed),
            number,
            record.SeverityText,
            LogSeverities.Of(number, record.SeverityText),
            body,
            service,
            HexId(record.TraceId, 16, "traceId"),
            HexId(record.SpanId, 8, "spanId"),
            attributes.Pairs);
    }

    /// <summary>An id in lower-case hex; empty means none, as the specification says; any other length, or all zeroes, is refused.</summary>
    private static string? HexId(ByteString id, int length, string field)
    {
        if (id.IsEmpty)
        {
            return null;
        }
        if (!ServerSpans.IsValidId(id, length))
        {
            throw new ItemException(field, $"{field} must be {length} bytes ({length * 2} hex digits in JSON) and not all zero, or empty.");
        }
        return Convert.ToHexStringLower(id.Span);
    }

    /// <summary>Stores keep milliseconds; cutting here keeps what is written equal to what is read back.</summary>
    internal static DateTimeOffset Milliseconds(DateTimeOffset time) => DateTimeOffset.FromUnixTimeMilliseconds(time.ToUnixTimeMilliseconds());
}
