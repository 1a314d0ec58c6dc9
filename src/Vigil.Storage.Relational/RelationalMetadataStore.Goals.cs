using Dapper;
using Vigil.Core.Goals;
using Vigil.Core.Revenue;
using Vigil.Core.Storage;

namespace Vigil.Storage.Relational;

public abstract partial class RelationalMetadataStore : IGoalStore
{
    private const string GoalColumns = "id AS Id, project_id AS ProjectId, metric AS Metric, period AS Period, target AS Target, label AS Label, created_at AS CreatedAt";

    public async Task<IReadOnlyList<Goal>> ListGoalsAsync(long projectId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<GoalRow>(new CommandDefinition(
            $"SELECT {GoalColumns} FROM goals WHERE project_id = @projectId ORDER BY id", new { projectId }, cancellationToken: cancellationToken));
        return rows.Select(row => row.ToGoal()).ToList();
    }

    public async Task<Goal> AddGoalAsync(long projectId, GoalMetric metric, GoalPeriodKind period, double target, string? label, CancellationToken cancellationToken)
    {
        var goal = new Goal(0, projectId, metric, period, target, label, DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds()));
        await using var connection = await OpenAsync(cancellationToken);
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "INSERT INTO goals (project_id, metric, period, target, label, created_at) VALUES (@projectId, @metric, @period, @target, @label, @createdAt) RETURNING id",
            new { projectId, metric = GoalRules.Name(metric), period = GoalRules.Name(period), target, label, createdAt = goal.CreatedAt.ToUnixTimeMilliseconds() },
            cancellationToken: cancellationToken));
        return goal with { Id = id };
    }

    public async Task<bool> UpdateGoalAsync(Goal goal, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE goals SET metric = @metric, period = @period, target = @target, label = @label WHERE project_id = @projectId AND id = @id",
            new { projectId = goal.ProjectId, id = goal.Id, metric = GoalRules.Name(goal.Metric), period = GoalRules.Name(goal.Period), target = goal.Target, label = goal.Label },
            cancellationToken: cancellationToken)) > 0;
    }

    public async Task<bool> DeleteGoalAsync(long projectId, long goalId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM goals WHERE project_id = @projectId AND id = @goalId", new { projectId, goalId }, cancellationToken: cancellationToken)) > 0;
    }

    public async Task<RevenueSettings> GetRevenueSettingsAsync(long projectId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<RevenueSettings>(new CommandDefinition(
            "SELECT property AS Property, currency AS Currency FROM revenue_settings WHERE project_id = @projectId", new { projectId }, cancellationToken: cancellationToken))
            ?? RevenueSettings.Default;
    }

    public async Task SaveRevenueSettingsAsync(long projectId, RevenueSettings settings, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO revenue_settings (project_id, property, currency) VALUES (@projectId, @property, @currency)
            ON CONFLICT (project_id) DO UPDATE SET property = excluded.property, currency = excluded.currency
            """,
            new { projectId, property = settings.Property, currency = settings.Currency }, cancellationToken: cancellationToken));
    }

    private sealed record GoalRow(long Id, long ProjectId, string Metric, string Period, double Target, string? Label, long CreatedAt)
    {
        public Goal ToGoal() => new(
            Id, ProjectId, GoalRules.ParseMetric(Metric)!.Value, GoalRules.ParsePeriod(Period)!.Value, Target, Label, DateTimeOffset.FromUnixTimeMilliseconds(CreatedAt));
    }
}
