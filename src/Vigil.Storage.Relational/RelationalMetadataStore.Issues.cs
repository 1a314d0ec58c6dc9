using System.Globalization;
using Dapper;
using Vigil.Core.Storage;

namespace Vigil.Storage.Relational;

public abstract partial class RelationalMetadataStore : IErrorIssueStore
{
    private const string IssueColumns = """
        project_id AS ProjectId, fingerprint AS Fingerprint, title AS Title, culprit AS Culprit, status AS Status, first_seen AS FirstSeen,
        last_seen AS LastSeen, resolved_at AS ResolvedAt, regressed_at AS RegressedAt, regressions AS Regressions
        """;

    public async Task<IReadOnlyDictionary<string, SightingOutcome>> RecordSightingsAsync(long projectId, IReadOnlyList<IssueSighting> sightings, CancellationToken cancellationToken)
    {
        var outcomes = new Dictionary<string, SightingOutcome>();
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var sighting in sightings)
        {
            var parameters = new
            {
                projectId,
                sighting.Fingerprint,
                sighting.Title,
                sighting.Culprit,
                first = sighting.FirstAt.ToUnixTimeMilliseconds(),
                last = sighting.LastAt.ToUnixTimeMilliseconds(),
            };
            // Nodes may record the same new fingerprint at once: the insert that wins says "new", the other updates.
            var created = await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO error_issues (project_id, fingerprint, title, culprit, status, first_seen, last_seen, regressions)
                VALUES (@projectId, @Fingerprint, @Title, @Culprit, 'Open', @first, @last, 0)
                ON CONFLICT (project_id, fingerprint) DO NOTHING
                """,
                parameters, transaction, cancellationToken: cancellationToken));
            if (created == 1)
            {
                outcomes[sighting.Fingerprint] = SightingOutcome.New;
                continue;
            }
            // Errors that happened before the resolution (sent late) do not reopen it; one after it does, once.
            var reopened = await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE error_issues SET status = 'Open', regressed_at = @last, regressions = regressions + 1
                WHERE project_id = @projectId AND fingerprint = @Fingerprint AND status = 'Resolved' AND resolved_at < @last
                """,
                parameters, transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE error_issues SET
                    first_seen = CASE WHEN first_seen > @first THEN @first ELSE first_seen END,
                    last_seen = CASE WHEN last_seen < @last THEN @last ELSE last_seen END
                WHERE project_id = @projectId AND fingerprint = @Fingerprint
                """,
                parameters, transaction, cancellationToken: cancellationToken));
            outcomes[sighting.Fingerprint] = reopened == 1 ? SightingOutcome.Regression : SightingOutcome.Known;
        }
        await transaction.CommitAsync(cancellationToken);
        return outcomes;
    }

    public async Task<IReadOnlyList<ErrorIssue>> ListIssuesAsync(long projectId, IssueStatus? status, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        // PostgreSQL cannot type a parameter that is only ever compared with NULL, so the filter is left out instead.
        var statusFilter = status is null ? "" : "AND status = @status";
        var rows = await connection.QueryAsync<IssueRow>(new CommandDefinition(
            $"""
            SELECT {IssueColumns} FROM error_issues
            WHERE project_id = @projectId {statusFilter}
            ORDER BY last_seen DESC, fingerprint
            """,
            new { projectId, status = status?.ToString() }, cancellationToken: cancellationToken));
        return rows.Select(ToIssue).ToList();
    }

    public async Task<ErrorIssue?> FindIssueAsync(long projectId, string fingerprint, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<IssueRow>(new CommandDefinition(
            $"SELECT {IssueColumns} FROM error_issues WHERE project_id = @projectId AND fingerprint = @fingerprint",
            new { projectId, fingerprint }, cancellationToken: cancellationToken));
        return row is null ? null : ToIssue(row);
    }

    public async Task<bool> SetIssueStatusAsync(long projectId, string fingerprint, IssueStatus status, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var updated = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE error_issues SET status = @status, resolved_at = CASE WHEN @status = 'Resolved' THEN @at ELSE NULL END
            WHERE project_id = @projectId AND fingerprint = @fingerprint
            """,
            new { projectId, fingerprint, status = status.ToString(), at = at.ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken));
        return updated == 1;
    }

    public async Task<IReadOnlyDictionary<long, IssueChanges>> CountIssueChangesAsync(IReadOnlyCollection<long> projectIds, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        if (projectIds.Count == 0)
        {
            return new Dictionary<long, IssueChanges>();
        }
        // Ids written into the statement: they are numbers, and the engines disagree on how a list parameter is spelled.
        var ids = string.Join(",", projectIds.Select(id => id.ToString(CultureInfo.InvariantCulture)));
        await using var connection = await OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long ProjectId, long NewIssues, long Regressions)>(new CommandDefinition(
            $"""
            SELECT project_id,
                   SUM(CASE WHEN first_seen >= @from AND first_seen < @to THEN 1 ELSE 0 END),
                   SUM(CASE WHEN regressed_at >= @from AND regressed_at < @to THEN 1 ELSE 0 END)
            FROM error_issues
            WHERE project_id IN ({ids}) AND ((first_seen >= @from AND first_seen < @to) OR (regressed_at >= @from AND regressed_at < @to))
            GROUP BY project_id
            """,
            new { from = from.ToUnixTimeMilliseconds(), to = to.ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken));
        return rows.ToDictionary(row => row.ProjectId, row => new IssueChanges(row.NewIssues, row.Regressions));
    }

    private static ErrorIssue ToIssue(IssueRow row) => new(
        row.ProjectId, row.Fingerprint, row.Title, row.Culprit, Enum.Parse<IssueStatus>(row.Status), FromMilliseconds(row.FirstSeen),
        FromMilliseconds(row.LastSeen), FromMilliseconds(row.ResolvedAt), FromMilliseconds(row.RegressedAt), row.Regressions);

    private sealed record IssueRow(
        long ProjectId, string Fingerprint, string Title, string? Culprit, string Status, long FirstSeen, long LastSeen, long? ResolvedAt, long? RegressedAt, long Regressions);
}
