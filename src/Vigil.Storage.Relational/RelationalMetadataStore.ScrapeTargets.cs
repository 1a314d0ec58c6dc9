using Dapper;
using Vigil.Core.Series;
using Vigil.Core.Storage;

namespace Vigil.Storage.Relational;

public abstract partial class RelationalMetadataStore : IScrapeTargetStore
{
    public async Task<IReadOnlyList<ScrapeTarget>> ListScrapeTargetsAsync(long? projectId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ScrapeTargetRow>(new CommandDefinition(
            """
            SELECT id AS Id, project_id AS ProjectId, url AS Url, interval_ms AS IntervalMs, bearer_token AS BearerToken, created_at AS CreatedAt
            FROM scrape_targets WHERE @projectId IS NULL OR project_id = @projectId ORDER BY id
            """,
            new { projectId }, cancellationToken: cancellationToken));
        return rows.Select(row => row.ToTarget()).ToList();
    }

    public async Task<ScrapeTarget> AddScrapeTargetAsync(long projectId, string url, TimeSpan interval, string? bearerToken, CancellationToken cancellationToken)
    {
        var target = new ScrapeTarget(0, projectId, url, interval, bearerToken, DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds()));
        await using var connection = await OpenAsync(cancellationToken);
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "INSERT INTO scrape_targets (project_id, url, interval_ms, bearer_token, created_at) VALUES (@projectId, @url, @intervalMs, @bearerToken, @createdAt) RETURNING id",
            new { projectId, url, intervalMs = (long)interval.TotalMilliseconds, bearerToken, createdAt = target.CreatedAt.ToUnixTimeMilliseconds() },
            cancellationToken: cancellationToken));
        return target with { Id = id };
    }

    public async Task<bool> DeleteScrapeTargetAsync(long projectId, long targetId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM scrape_targets WHERE project_id = @projectId AND id = @targetId", new { projectId, targetId }, cancellationToken: cancellationToken)) > 0;
    }

    private sealed record ScrapeTargetRow(long Id, long ProjectId, string Url, long IntervalMs, string? BearerToken, long CreatedAt)
    {
        public ScrapeTarget ToTarget() =>
            new(Id, ProjectId, Url, TimeSpan.FromMilliseconds(IntervalMs), BearerToken, DateTimeOffset.FromUnixTimeMilliseconds(CreatedAt));
    }
}
