using Vigil.Core.Experiments;
using Vigil.Core.Metrics;
using Vigil.Core.Storage;

namespace Vigil.Experiments;

/// <summary>
/// An experiment with its counts and their analysis up to a time. <see cref="Readout"/> is null for a draft, which
/// counts nothing. <see cref="DecidedOn"/> is the project's local day whose look first gave the current decided
/// verdict (fixed horizon: the day every arm reached the planned sample), null while undecided.
/// </summary>
internal sealed record ExperimentStanding(Experiment Experiment, ExperimentTally Tally, ExperimentReadout? Readout, DateOnly? DecidedOn)
{
    /// <summary>
    /// Fixed horizon results are final once every arm reached the planned sample; before that a p-value below alpha is
    /// not a result (looking until one is would find "winners" far more often than alpha says).
    /// </summary>
    public bool Final => Readout is { } readout && (readout.Decided || Experiment.Design.Method == ExperimentMethod.Sequential);

    /// <summary>The least exposed arm's share of the sample the design asks for, 0..1.</summary>
    public double Progress => Readout is { RequiredPerArm: > 0 } readout
        ? Math.Min(1, Tally.Variants.Min(variant => variant.Exposed) / (double)readout.RequiredPerArm)
        : 0;
}

/// <summary>
/// Counts an experiment's users in the telemetry store and analyzes them, one look per local day: the counts at the end
/// of each finished day, then the current ones. The sequential method carries each look's readout into the next, so
/// its p-value is the running minimum and a decision stays.
/// </summary>
internal sealed class ExperimentResults(IExperimentEventStore events, TimeProvider time)
{
    /// <summary>The experiment counted over its running window, up to <paramref name="until"/> (default now) when that comes first.</summary>
    public async Task<ExperimentStanding> ReadAsync(Experiment experiment, TimeZoneInfo zone, CancellationToken cancellationToken, DateTimeOffset? until = null)
    {
        var variants = experiment.Variants.Select(variant => variant.Name).ToList();
        if (experiment.Window(time.GetUtcNow()) is not { } window)
        {
            return new ExperimentStanding(experiment, new ExperimentTally(variants.Select(variant => new VariantTally(variant, 0, 0)).ToList(), 0), null, null);
        }
        var to = until is { } end ? (end < window.From ? window.From : end < window.To ? end : window.To) : window.To;
        var days = await events.CountExperimentDaysAsync(experiment.ProjectId, experiment.Key, variants, experiment.GoalEvent, window.From, to, zone, cancellationToken);
        var (firstDay, today) = (TimeBuckets.LocalDate(window.From, zone), TimeBuckets.LocalDate(to > window.From ? to.AddMilliseconds(-1) : to, zone));
        var looks = ExperimentDayCount.Cumulative(variants, days, firstDay, today);

        ExperimentReadout? readout = null;
        DateOnly? decidedOn = null;
        foreach (var (day, counted) in looks)
        {
            var arms = experiment.Variants.Zip(counted, (variant, count) => new ArmCounts(variant.Name, variant.Weight, count.Exposed, count.Converted)).ToList();
            readout = ExperimentAnalysis.Analyze(experiment.Design, arms, readout);
            decidedOn = readout.Decided ? decidedOn ?? day : null;
        }
        return new ExperimentStanding(experiment, ExperimentTally.Of(variants, days), readout, decidedOn);
    }
}
