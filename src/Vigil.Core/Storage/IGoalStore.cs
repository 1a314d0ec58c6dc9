using Vigil.Core.Goals;
using Vigil.Core.Revenue;

namespace Vigil.Core.Storage;

/// <summary>Each project's goals and revenue settings, in the metadata store.</summary>
public interface IGoalStore
{
    /// <summary>The project's goals, by id.</summary>
    Task<IReadOnlyList<Goal>> ListGoalsAsync(long projectId, CancellationToken cancellationToken);

    Task<Goal> AddGoalAsync(long projectId, GoalMetric metric, GoalPeriodKind period, double target, string? label, CancellationToken cancellationToken);

    /// <summary>Replaces a goal's metric, period, target and label; false when the project has no such goal.</summary>
    Task<bool> UpdateGoalAsync(Goal goal, CancellationToken cancellationToken);

    /// <summary>False when the project has no such goal.</summary>
    Task<bool> DeleteGoalAsync(long projectId, long goalId, CancellationToken cancellationToken);

    /// <summary>The project's revenue settings, <see cref="RevenueSettings.Default"/> until it has saved any.</summary>
    Task<RevenueSettings> GetRevenueSettingsAsync(long projectId, CancellationToken cancellationToken);

    Task SaveRevenueSettingsAsync(long projectId, RevenueSettings settings, CancellationToken cancellationToken);
}
