namespace Vigil.Core.Storage;

public enum IssueStatus
{
    Open,
    Resolved,
    Ignored,
}

/// <summary>An issue: every error with one fingerprint, and what the team decided about it.</summary>
/// <param name="Regressions">How often it came back after being resolved.</param>
public sealed record ErrorIssue(
    long ProjectId,
    string Fingerprint,
    string Title,
    string? Culprit,
    IssueStatus Status,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen,
    DateTimeOffset? ResolvedAt,
    DateTimeOffset? RegressedAt,
    long Regressions);

/// <summary>Errors of one fingerprint in one ingested batch: what the issue store learns from them.</summary>
public sealed record IssueSighting(string Fingerprint, string Title, string? Culprit, DateTimeOffset FirstAt, DateTimeOffset LastAt);

public enum SightingOutcome
{
    /// <summary>The issue existed, open or ignored, or resolved after these errors happened.</summary>
    Known,

    /// <summary>The first error of this fingerprint.</summary>
    New,

    /// <summary>A resolved issue happened again after its resolution, and is open again.</summary>
    Regression,
}

/// <summary>Per project: issues first seen, and issues that came back, in a time range.</summary>
public readonly record struct IssueChanges(long NewIssues, long Regressions);

/// <summary>Issues (error groups) and their status, in the metadata store, so every node agrees on what is resolved.</summary>
public interface IErrorIssueStore
{
    /// <summary>
    /// Creates the issues not seen before and reopens resolved ones that happened again after their resolution.
    /// Idempotent: recording the same sightings again changes nothing more (a retried ingest is safe).
    /// </summary>
    Task<IReadOnlyDictionary<string, SightingOutcome>> RecordSightingsAsync(long projectId, IReadOnlyList<IssueSighting> sightings, CancellationToken cancellationToken);

    /// <summary>The project's issues, most recently seen first.</summary>
    Task<IReadOnlyList<ErrorIssue>> ListIssuesAsync(long projectId, IssueStatus? status, CancellationToken cancellationToken);

    Task<ErrorIssue?> FindIssueAsync(long projectId, string fingerprint, CancellationToken cancellationToken);

    /// <summary>False when the project has no such issue.</summary>
    Task<bool> SetIssueStatusAsync(long projectId, string fingerprint, IssueStatus status, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Issues first seen, and issues regressed, in [from, to), for many projects; projects with neither are absent.</summary>
    Task<IReadOnlyDictionary<long, IssueChanges>> CountIssueChangesAsync(IReadOnlyCollection<long> projectIds, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);
}
