using Vigil.Core.Experiments;

namespace Vigil.Core.Storage;

/// <summary>Each project's experiment definitions, in the metadata store.</summary>
public interface IExperimentStore
{
    /// <summary>The project's experiments, newest first.</summary>
    Task<IReadOnlyList<Experiment>> ListExperimentsAsync(long projectId, CancellationToken cancellationToken);

    Task<Experiment?> FindExperimentAsync(long projectId, string key, CancellationToken cancellationToken);

    /// <summary>Stores a draft (its id is ignored); null when the project already has an experiment with its key.</summary>
    Task<Experiment?> AddExperimentAsync(Experiment draft, CancellationToken cancellationToken);

    /// <summary>Replaces a draft's name, hypothesis, variants, goal and design; false when there is no such draft.</summary>
    Task<bool> UpdateDraftAsync(Experiment experiment, CancellationToken cancellationToken);

    /// <summary>Starts a draft at <paramref name="at"/>; false when there is no such draft.</summary>
    Task<bool> StartExperimentAsync(long projectId, string key, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Stops a running experiment at <paramref name="at"/> with the team's decision; false when there is no such running experiment.</summary>
    Task<bool> StopExperimentAsync(long projectId, string key, DateTimeOffset at, ExperimentDecision decision, CancellationToken cancellationToken);
}
