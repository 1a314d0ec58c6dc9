using Dapper;
using Vigil.Core.Budgets;
using Vigil.Core.Storage;

namespace Vigil.Storage.Relational;

public abstract partial class RelationalMetadataStore : IBundleBudgetStore
{
    public async Task<BundleBudgetSet> ReadBundleBudgetsAsync(long projectId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var set = await connection.QuerySingleOrDefaultAsync<BudgetSetRow>(new CommandDefinition(
            "SELECT compression AS Compression, total_max_bytes AS TotalMaxBytes FROM bundle_budget_sets WHERE project_id = @projectId",
            new { projectId }, cancellationToken: cancellationToken));
        if (set is null)
        {
            return BundleBudgetSet.Default;
        }
        var budgets = await connection.QueryAsync<BudgetRow>(new CommandDefinition(
            "SELECT pattern AS Pattern, max_bytes AS MaxBytes FROM bundle_budgets WHERE project_id = @projectId ORDER BY position",
            new { projectId }, cancellationToken: cancellationToken));
        return new BundleBudgetSet(
            BundleBudgetSet.ParseCompression(set.Compression) ?? throw new InvalidDataException($"Project {projectId} has budgets compressed as '{set.Compression}'."),
            set.TotalMaxBytes,
            budgets.Select(row => new BundleBudget(row.Pattern, row.MaxBytes)).ToList());
    }

    public async Task SaveBundleBudgetsAsync(long projectId, BundleBudgetSet budgets, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO bundle_budget_sets (project_id, compression, total_max_bytes, updated_at) VALUES (@projectId, @compression, @totalMaxBytes, @updatedAt)
            ON CONFLICT (project_id) DO UPDATE SET compression = excluded.compression, total_max_bytes = excluded.total_max_bytes, updated_at = excluded.updated_at
            """,
            new
            {
                projectId,
                compression = BundleBudgetSet.NameOf(budgets.Compression),
                totalMaxBytes = budgets.TotalMaxBytes,
                updatedAt = time.GetUtcNow().ToUnixTimeMilliseconds(),
            },
            transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM bundle_budgets WHERE project_id = @projectId", new { projectId }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO bundle_budgets (project_id, position, pattern, max_bytes) VALUES (@ProjectId, @Position, @Pattern, @MaxBytes)",
            budgets.Budgets.Select((budget, position) => new { ProjectId = projectId, Position = position, budget.Pattern, budget.MaxBytes }),
            transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    private sealed record BudgetSetRow(string Compression, long? TotalMaxBytes);

    private sealed record BudgetRow(string Pattern, long MaxBytes);
}
