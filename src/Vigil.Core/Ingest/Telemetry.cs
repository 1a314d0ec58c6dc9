using Vigil.Core.Errors;
using Vigil.Core.Logs;
using Vigil.Core.WebVitals;
using Vigil.Core.Series;

namespace Vigil.Core.Ingest;

/// <summary>A product event as accepted: validated, with the server's timestamp where the client sent none.</summary>
public sealed record ProductEvent(
    long ProjectId,
    string Name,
    string DistinctId,
    DateTimeOffset Timestamp,
    string PropertiesJson,
    IReadOnlyList<KeyValuePair<string, string>> BreakdownValues);

/// <summary>One request served by the team's backend.</summary>
public sealed record RequestSample(
    long ProjectId,
    DateTimeOffset Timestamp,
    string Method,
    string Route,
    int Status,
    double DurationMs)
{
    /// <summary>The W3C trace the request was served in, 32 lower-case hex digits; null when the sender gave none.</summary>
    public string? TraceId { get; init; }
}

/// <summary>
/// What one group commit writes, with the time zone of every project it touches: stores bucket by local hour and
/// day in the zone a project had when its data arrived.
/// </summary>
public sealed record IngestBatch(
    IReadOnlyList<ProductEvent> Events,
    IReadOnlyList<RequestSample> Requests,
    IReadOnlyDictionary<long, TimeZoneInfo> ProjectZones)
{
    public IReadOnlyList<ErrorEvent> Errors { get; init; } = [];

    public IReadOnlyList<WebVitalSample> WebVitals { get; init; } = [];
    public IReadOnlyList<LogRecord> Logs { get; init; } = [];
    /// <summary>Metric series touched by the batch, with their new states, and their minute rollups.</summary>
    public SeriesWrite Series { get; init; } = SeriesWrite.Empty;

    public TimeZoneInfo ZoneOf(long projectId) => ProjectZones[projectId];
}
