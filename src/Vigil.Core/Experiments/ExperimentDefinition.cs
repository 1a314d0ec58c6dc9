namespace Vigil.Core.Experiments;

public enum ExperimentStatus
{
    /// <summary>Defined, still editable; not served to users and nothing counted.</summary>
    Draft,

    /// <summary>Served to users; exposures and conversions count from its start.</summary>
    Running,

    /// <summary>Over: counted up to its stop, with the team's decision.</summary>
    Stopped,
}

/// <summary>One arm: its name and its weight (any positive number; its share is weight ÷ the sum of weights).</summary>
public sealed record ExperimentVariant(string Name, double Weight);

/// <summary>What the team decided when it stopped an experiment: the variant it ships (the control's name keeps the control), and why.</summary>
public sealed record ExperimentDecision(string ShippedVariant, string? Note);

/// <summary>
/// An A/B(/n) experiment of a project. A user is exposed by a <c>$exposure</c> event (or PostHog's
/// <c>$feature_flag_called</c>) naming it, and converts when they send <see cref="GoalEvent"/> at or after their first
/// exposure, while the experiment runs. The first variant is the control.
/// </summary>
public sealed record Experiment(
    long Id,
    long ProjectId,
    string Key,
    string Name,
    string? Hypothesis,
    IReadOnlyList<ExperimentVariant> Variants,
    string GoalEvent,
    ExperimentDesign Design,
    ExperimentStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? StoppedAt,
    ExperimentDecision? Decision)
{
    public string Control => Variants[0].Name;

    public IReadOnlyList<double> Weights => Variants.Select(variant => variant.Weight).ToList();

    /// <summary>[start, stop) of the counting, or null for a draft; a running experiment counts up to <paramref name="now"/>.</summary>
    public (DateTimeOffset From, DateTimeOffset To)? Window(DateTimeOffset now) =>
        StartedAt is { } start ? (start, StoppedAt ?? (now > start ? now : start)) : null;
}
