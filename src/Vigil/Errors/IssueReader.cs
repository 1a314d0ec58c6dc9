using Vigil.Core.Errors;
using Vigil.Core.Storage;

namespace Vigil.Errors;

/// <summary>An issue in a list: what the team decided, and how it did over the range asked for.</summary>
/// <param name="Count">Occurrences in the range.</param>
/// <param name="Users">Distinct users affected in the range (errors without a user are not counted).</param>
/// <param name="Hourly">Occurrences per UTC hour in the range, every hour present (zeros included), oldest first.</param>
/// <param name="HourlyFrom">The start of <paramref name="Hourly"/>'s first hour.</param>
public sealed record IssueSummary(
    string Fingerprint,
    string Title,
    string? Culprit,
    IssueStatus Status,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen,
    DateTimeOffset? ResolvedAt,
    DateTimeOffset? RegressedAt,
    long Regressions,
    long Count,
    long Users,
    IReadOnlyList<long> Hourly,
    DateTimeOffset HourlyFrom);

/// <summary>One issue with its newest occurrences (the first one's stack trace is the sample shown).</summary>
public sealed record IssueDetail(IssueSummary Issue, IReadOnlyList<ErrorEvent> Samples);

/// <summary>Joins issues (metadata store) with their occurrences (telemetry store).</summary>
internal sealed class IssueReader(IErrorIssueStore issues, ITelemetryStore telemetry, TimeProvider time)
{
    /// <summary>How many of an issue's newest occurrences the API and the Issues page show.</summary>
    public const int SampleCount = 10;

    public async Task<IReadOnlyList<IssueSummary>> ListAsync(long projectId, IssueStatus? status, TimeSpan range, CancellationToken cancellationToken)
    {
        var (from, to) = Span(range);
        var listed = await issues.ListIssuesAsync(projectId, status, cancellationToken);
        var totals = (await telemetry.ReadErrorGroupsAsync(projectId, from, to, cancellationToken)).ToDictionary(total => total.Fingerprint);
        var hourly = await telemetry.ReadErrorHourlyCountsAsync(projectId, from, to, cancellationToken);
        return listed.Select(issue => Summary(issue, totals.GetValueOrDefault(issue.Fingerprint), hourly.GetValueOrDefault(issue.Fingerprint), from, to)).ToList();
    }

    public async Task<IssueDetail?> FindAsync(long projectId, string fingerprint, TimeSpan range, int samples, CancellationToken cancellationToken)
    {
        if (await issues.FindIssueAsync(projectId, fingerprint, cancellationToken) is not { } issue)
        {
            return null;
        }
        var (from, to) = Span(range);
        var totals = (await telemetry.ReadErrorGroupsAsync(projectId, from, to, cancellationToken)).FirstOrDefault(total => total.Fingerprint == fingerprint);
        var hourly = (await telemetry.ReadErrorHourlyCountsAsync(projectId, from, to, cancellationToken)).GetValueOrDefault(fingerprint);
        var newest = await telemetry.ReadErrorSamplesAsync(projectId, fingerprint, samples, cancellationToken);
        return new IssueDetail(Summary(issue, totals, hourly, from, to), newest);
    }

    /// <summary>The range ends at the end of the current hour, so the hourly series ends with the hour under way.</summary>
    private (DateTimeOffset From, DateTimeOffset To) Span(TimeSpan range)
    {
        var now = time.GetUtcNow();
        var to = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero).AddHours(1);
        return (to - range, to);
    }

    private static IssueSummary Summary(ErrorIssue issue, ErrorGroupTotals? totals, IReadOnlyList<CountBucket>? hours, DateTimeOffset from, DateTimeOffset to)
    {
        var counts = new long[(int)((to - from).Ticks / TimeSpan.TicksPerHour)];
        foreach (var hour in hours ?? [])
        {
            counts[(int)((hour.Start - from).Ticks / TimeSpan.TicksPerHour)] = hour.Count;
        }
        return new IssueSummary(
            issue.Fingerprint, issue.Title, issue.Culprit, issue.Status, issue.FirstSeen, issue.LastSeen, issue.ResolvedAt, issue.RegressedAt,
            issue.Regressions, totals?.Count ?? 0, totals?.Users ?? 0, counts, from);
    }
}
