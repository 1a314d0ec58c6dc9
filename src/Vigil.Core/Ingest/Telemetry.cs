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
    double DurationMs);

/// <summary>What one group commit writes: raw rows and the rollups derived from them, in one transaction.</summary>
public sealed record IngestBatch(
    IReadOnlyList<ProductEvent> Events,
    IReadOnlyList<RequestSample> Requests,
    RollupSet Rollups);
