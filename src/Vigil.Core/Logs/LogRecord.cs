namespace Vigil.Core.Logs;

/// <summary>The six levels of the OpenTelemetry log data model, in order of severity.</summary>
public enum LogSeverity
{
    Trace = 1,
    Debug = 2,
    Info = 3,
    Warn = 4,
    Error = 5,
    Fatal = 6,
}

/// <summary>
/// One log line as Vigil keeps it, from OTLP or from Vigil's own JSON.
/// </summary>
/// <param name="Timestamp">When it happened (OTLP <c>timeUnixNano</c>, else when it was observed), to the millisecond.</param>
/// <param name="ObservedTimestamp">When a collector or Vigil first saw it.</param>
/// <param name="SeverityNumber">OpenTelemetry's 1–24, or 0 when the sender gave none.</param>
/// <param name="SeverityText">The sender's own name of the level ("Information", "WARN"), or empty.</param>
/// <param name="Level">The number's level by the specification's ranges (or read from the text when there is no number).</param>
/// <param name="Body">The message; a structured OTLP body is kept as its JSON.</param>
/// <param name="ServiceName">The resource's <c>service.name</c> (or the JSON <c>service</c>), or empty.</param>
/// <param name="TraceId">32 lower-case hex digits, when logged inside a trace.</param>
/// <param name="SpanId">16 lower-case hex digits, when logged inside a span.</param>
/// <param name="Attributes">
/// Flat string pairs, unique keys in arrival order: the record's attributes (nested maps as dotted keys), then the
/// resource's other attributes with a <c>resource.</c> prefix.
/// </param>
public sealed record LogRecord(
    long ProjectId,
    DateTimeOffset Timestamp,
    DateTimeOffset ObservedTimestamp,
    int SeverityNumber,
    string SeverityText,
    LogSeverity Level,
    string Body,
    string ServiceName,
    string? TraceId,
    string? SpanId,
    IReadOnlyList<KeyValuePair<string, string>> Attributes);

/// <summary>A stored log line with the id that orders it after lines of the same millisecond.</summary>
public sealed record StoredLog(ulong Id, LogRecord Record);

/// <summary>What one log line may hold; past these it is rejected, with the field and the limit named.</summary>
public static class LogLimits
{
    public const int MaxBodyBytes = 16 * 1024;
    public const int MaxAttributes = 128;
    public const int MaxAttributeKeyLength = 256;
    public const int MaxAttributeValueBytes = 16 * 1024;
    public const int MaxServiceNameLength = 256;
    public const int MaxSeverityTextLength = 64;
    public const int MaxSeverityNumber = 24;
    public const int TraceIdHexLength = 32;
    public const int SpanIdHexLength = 16;
    public const int DefaultRetentionDays = 14;
    public const int MinRetentionDays = 1;
    public const int MaxRetentionDays = 365;
}
