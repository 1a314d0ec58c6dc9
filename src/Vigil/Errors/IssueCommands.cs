using Vigil.Core.Storage;

namespace Vigil.Errors;

/// <summary>
/// What the issues API and the Issues page both read from a request and change in the store, so the two accept the same
/// words and store the same way.
/// </summary>
internal sealed class IssueCommands(IErrorIssueStore issues, TimeProvider time)
{
    public const string DefaultRange = "24h";

    /// <summary>The ranges issues are counted over, by the name the API and the page take.</summary>
    public static IReadOnlyDictionary<string, TimeSpan> Ranges { get; } = new Dictionary<string, TimeSpan>
    {
        ["24h"] = TimeSpan.FromHours(24),
        ["7d"] = TimeSpan.FromDays(7),
        ["30d"] = TimeSpan.FromDays(30),
        ["90d"] = TimeSpan.FromDays(90),
    };

    /// <summary>The range named, <see cref="DefaultRange"/> when none is; null for a name not in <see cref="Ranges"/>.</summary>
    public static TimeSpan? ParseRange(string? range) => Ranges.TryGetValue(range ?? DefaultRange, out var span) ? span : null;

    /// <summary>"open", "resolved" or "ignored" in any case; null for anything else, numbers included.</summary>
    public static IssueStatus? ParseStatus(string? status) =>
        Enum.TryParse<IssueStatus>(status, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(status, out _) ? parsed : null;

    /// <summary>False when the project has no such issue.</summary>
    public Task<bool> SetStatusAsync(long projectId, string fingerprint, IssueStatus status, CancellationToken cancellationToken) =>
        issues.SetIssueStatusAsync(projectId, fingerprint, status, time.GetUtcNow(), cancellationToken);
}
