using System.Text.Json;
using Dapper;
using Vigil.Core.Experiments;
using Vigil.Core.Storage;

namespace Vigil.Storage.Relational;

public abstract partial class RelationalMetadataStore : IExperimentStore
{
    private const string ExperimentColumns = """
        id AS Id, project_id AS ProjectId, experiment_key AS ExperimentKey, name AS Name, hypothesis AS Hypothesis, variants AS Variants,
        goal_event AS GoalEvent, method AS Method, alpha AS Alpha, power AS Power, baseline_rate AS BaselineRate,
        minimum_detectable_lift AS MinimumDetectableLift, status AS Status, created_at AS CreatedAt, started_at AS StartedAt,
        stopped_at AS StoppedAt, shipped_variant AS ShippedVariant, decision_note AS DecisionNote
        """;

    public async Task<IReadOnlyList<Experiment>> ListExperimentsAsync(long projectId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ExperimentRow>(new CommandDefinition(
            $"SELECT {ExperimentColumns} FROM experiments WHERE project_id = @projectId ORDER BY id DESC", new { projectId }, cancellationToken: cancellationToken));
        return rows.Select(row => row.ToExperiment()).ToList();
    }

    public async Task<Experiment?> FindExperimentAsync(long projectId, string key, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ExperimentRow>(new CommandDefinition(
            $"SELECT {ExperimentColumns} FROM experiments WHERE project_id = @projectId AND experiment_key = @key", new { projectId, key }, cancellationToken: cancellationToken));
        return row?.ToExperiment();
    }

    public async Task<Experiment?> AddExperimentAsync(Experiment draft, CancellationToken cancellationToken)
    {
        var createdAt = DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds());
        await using var connection = await OpenAsync(cancellationToken);
        // The unique key index settles two creations of one key at once: the second inserts nothing and gets no id.
        var id = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            """
            INSERT INTO experiments (project_id, experiment_key, name, hypothesis, variants, goal_event, method, alpha, power, baseline_rate,
                minimum_detectable_lift, status, created_at)
            VALUES (@ProjectId, @Key, @Name, @Hypothesis, @Variants, @GoalEvent, @Method, @Alpha, @Power, @BaselineRate, @MinimumDetectableLift, @Status, @CreatedAt)
            ON CONFLICT (project_id, experiment_key) DO NOTHING
            RETURNING id
            """,
            Parameters(draft) with { CreatedAt = createdAt.ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken));
        return id is { } added ? draft with { Id = added, Status = ExperimentStatus.Draft, CreatedAt = createdAt, StartedAt = null, StoppedAt = null, Decision = null } : null;
    }

    public async Task<bool> UpdateDraftAsync(Experiment experiment, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE experiments SET name = @Name, hypothesis = @Hypothesis, variants = @Variants, goal_event = @GoalEvent, method = @Method, alpha = @Alpha,
                power = @Power, baseline_rate = @BaselineRate, minimum_detectable_lift = @MinimumDetectableLift
            WHERE project_id = @ProjectId AND experiment_key = @Key AND status = 'draft'
            """,
            Parameters(experiment), cancellationToken: cancellationToken)) > 0;
    }

    public async Task<bool> StartExperimentAsync(long projectId, string key, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE experiments SET status = 'running', started_at = @at WHERE project_id = @projectId AND experiment_key = @key AND status = 'draft'",
            new { projectId, key, at = at.ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken)) > 0;
    }

    public async Task<bool> StopExperimentAsync(long projectId, string key, DateTimeOffset at, ExperimentDecision decision, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE experiments SET status = 'stopped', stopped_at = @at, shipped_variant = @shipped, decision_note = @note
            WHERE project_id = @projectId AND experiment_key = @key AND status = 'running'
            """,
            new { projectId, key, at = at.ToUnixTimeMilliseconds(), shipped = decision.ShippedVariant, note = decision.Note }, cancellationToken: cancellationToken)) > 0;
    }

    private static ExperimentParameters Parameters(Experiment experiment) => new(
        experiment.ProjectId, experiment.Key, experiment.Name, experiment.Hypothesis,
        JsonSerializer.Serialize(experiment.Variants.Select(variant => new StoredVariant(variant.Name, variant.Weight))),
        experiment.GoalEvent, ExperimentRules.Name(experiment.Design.Method), experiment.Design.Alpha, experiment.Design.Power,
        experiment.Design.BaselineRate, experiment.Design.MinimumDetectableLift, ExperimentRules.Name(experiment.Status), experiment.CreatedAt.ToUnixTimeMilliseconds());

    private sealed record ExperimentParameters(
        long ProjectId, string Key, string Name, string? Hypothesis, string Variants, string GoalEvent, string Method, double Alpha, double Power,
        double BaselineRate, double MinimumDetectableLift, string Status, long CreatedAt);

    private sealed record StoredVariant(string Name, double Weight);

    private sealed record ExperimentRow(
        long Id, long ProjectId, string ExperimentKey, string Name, string? Hypothesis, string Variants, string GoalEvent, string Method, double Alpha,
        double Power, double BaselineRate, double MinimumDetectableLift, string Status, long CreatedAt, long? StartedAt, long? StoppedAt,
        string? ShippedVariant, string? DecisionNote)
    {
        public Experiment ToExperiment() => new(
            Id, ProjectId, ExperimentKey, Name, Hypothesis,
            JsonSerializer.Deserialize<List<StoredVariant>>(Variants)!.Select(variant => new ExperimentVariant(variant.Name, variant.Weight)).ToList(),
            GoalEvent,
            new ExperimentDesign(ExperimentRules.ParseMethod(Method)!.Value, Alpha, Power, BaselineRate, MinimumDetectableLift),
            ExperimentRules.ParseStatus(Status)!.Value,
            DateTimeOffset.FromUnixTimeMilliseconds(CreatedAt),
            StartedAt is { } started ? DateTimeOffset.FromUnixTimeMilliseconds(started) : null,
            StoppedAt is { } stopped ? DateTimeOffset.FromUnixTimeMilliseconds(stopped) : null,
            ShippedVariant is { } shipped ? new ExperimentDecision(shipped, DecisionNote) : null);
    }
}
