using Vigil.Core.Experiments;
using Vigil.Core.Storage;

namespace Vigil.Experiments;

/// <summary>Creating, editing, starting and stopping experiments, with the same checks for the API and the pages.</summary>
internal sealed class ExperimentCommands(IExperimentStore store, TimeProvider time)
{
    /// <summary>The experiment as it now is, or the field at fault, why, and whether it is missing (404), taken (409) or bad (400).</summary>
    public sealed record Outcome(Experiment? Experiment, string? Field, string? Reason, int Status = StatusCodes.Status400BadRequest)
    {
        public static Outcome NotFound(long projectId, string key) => new(null, "key", $"Project {projectId} has no experiment '{key}'.", StatusCodes.Status404NotFound);
    }

    public async Task<Outcome> CreateAsync(long projectId, ExperimentDraft draft, CancellationToken cancellationToken)
    {
        var parsed = ExperimentRules.Parse(projectId, draft, time.GetUtcNow());
        if (parsed.Experiment is not { } experiment)
        {
            return new Outcome(null, parsed.Field, parsed.Reason);
        }
        if ((await store.ListExperimentsAsync(projectId, cancellationToken)).Count >= ExperimentRules.MaxExperimentsPerProject)
        {
            return new Outcome(null, "key", $"The project has {ExperimentRules.MaxExperimentsPerProject} experiments, its limit.");
        }
        return await store.AddExperimentAsync(experiment, cancellationToken) is { } added
            ? new Outcome(added, null, null)
            : new Outcome(null, "key", $"The project already has an experiment '{experiment.Key}'.", StatusCodes.Status409Conflict);
    }

    /// <summary>Replaces a draft's definition; its key stays (the draft's key in the body, when given, must be the same).</summary>
    public async Task<Outcome> UpdateAsync(long projectId, string key, ExperimentDraft draft, CancellationToken cancellationToken)
    {
        var existing = await store.FindExperimentAsync(projectId, key, cancellationToken);
        if (existing is null)
        {
            return Outcome.NotFound(projectId, key);
        }
        if (existing.Status != ExperimentStatus.Draft)
        {
            return new Outcome(null, "status", $"Experiment '{key}' is {ExperimentRules.Name(existing.Status)}: only a draft can be changed.", StatusCodes.Status409Conflict);
        }
        if (draft.Key is { } bodyKey && bodyKey != key)
        {
            return new Outcome(null, "key", "key cannot be changed; create a new experiment instead.");
        }
        var parsed = ExperimentRules.Parse(projectId, draft with { Key = key }, existing.CreatedAt);
        if (parsed.Experiment is not { } changed)
        {
            return new Outcome(null, parsed.Field, parsed.Reason);
        }
        changed = changed with { Id = existing.Id };
        return await store.UpdateDraftAsync(changed, cancellationToken) ? new Outcome(changed, null, null) : NotDraft(key);
    }

    public async Task<Outcome> StartAsync(long projectId, string key, CancellationToken cancellationToken)
    {
        if (await store.FindExperimentAsync(projectId, key, cancellationToken) is null)
        {
            return Outcome.NotFound(projectId, key);
        }
        return await store.StartExperimentAsync(projectId, key, time.GetUtcNow(), cancellationToken)
            ? new Outcome(await store.FindExperimentAsync(projectId, key, cancellationToken), null, null)
            : NotDraft(key);
    }

    public async Task<Outcome> StopAsync(long projectId, string key, string? shippedVariant, string? note, CancellationToken cancellationToken)
    {
        var existing = await store.FindExperimentAsync(projectId, key, cancellationToken);
        if (existing is null)
        {
            return Outcome.NotFound(projectId, key);
        }
        if (existing.Status != ExperimentStatus.Running)
        {
            return new Outcome(null, "status", $"Experiment '{key}' is {ExperimentRules.Name(existing.Status)}: only a running experiment can be stopped.", StatusCodes.Status409Conflict);
        }
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (ExperimentRules.CheckDecision(existing, shippedVariant, note) is { } problem)
        {
            return new Outcome(null, problem.Field, problem.Reason);
        }
        return await store.StopExperimentAsync(projectId, key, time.GetUtcNow(), new ExperimentDecision(shippedVariant!, note), cancellationToken)
            ? new Outcome(await store.FindExperimentAsync(projectId, key, cancellationToken), null, null)
            : new Outcome(null, "status", $"Experiment '{key}' is no longer running.", StatusCodes.Status409Conflict);
    }

    private static Outcome NotDraft(string key) =>
        new(null, "status", $"Experiment '{key}' is no longer a draft.", StatusCodes.Status409Conflict);
}
