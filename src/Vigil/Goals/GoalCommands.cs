using Vigil.Core.Goals;
using Vigil.Core.Storage;

namespace Vigil.Goals;

/// <summary>Adding, changing and removing goals, with the same checks for the API and the goals page.</summary>
internal sealed class GoalCommands(IGoalStore store)
{
    public sealed record Outcome(Goal? Goal, string? Field, string? Reason);

    /// <summary>Adds a goal when <paramref name="goalId"/> is null, else replaces that goal; a refusal names the field at fault.</summary>
    public async Task<Outcome> SaveAsync(long projectId, long? goalId, string? metric, string? period, double? target, string? label, CancellationToken cancellationToken)
    {
        label = string.IsNullOrWhiteSpace(label) ? null : label.Trim();
        if (GoalRules.Check(metric, period, target, label) is { } problem)
        {
            return new Outcome(null, problem.Field, problem.Reason);
        }
        var (parsedMetric, parsedPeriod) = (GoalRules.ParseMetric(metric)!.Value, GoalRules.ParsePeriod(period)!.Value);
        var existing = await store.ListGoalsAsync(projectId, cancellationToken);
        if (goalId is { } id)
        {
            var goal = existing.FirstOrDefault(candidate => candidate.Id == id);
            if (goal is null)
            {
                return new Outcome(null, "goalId", $"Project {projectId} has no goal {id}.");
            }
            var changed = goal with { Metric = parsedMetric, Period = parsedPeriod, Target = target!.Value, Label = label };
            return await store.UpdateGoalAsync(changed, cancellationToken)
                ? new Outcome(changed, null, null)
                : new Outcome(null, "goalId", $"Project {projectId} has no goal {id}.");
        }
        if (existing.Count >= GoalRules.MaxGoalsPerProject)
        {
            return new Outcome(null, "metric", $"The project has {GoalRules.MaxGoalsPerProject} goals, its limit.");
        }
        return new Outcome(await store.AddGoalAsync(projectId, parsedMetric, parsedPeriod, target!.Value, label, cancellationToken), null, null);
    }

    public Task<bool> DeleteAsync(long projectId, long goalId, CancellationToken cancellationToken) => store.DeleteGoalAsync(projectId, goalId, cancellationToken);
}
