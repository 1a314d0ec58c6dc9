using Vigil.Core.Experiments;
using Vigil.Core.Metrics;
using Vigil.Core.Projects;
using Vigil.Core.Reports;
using Vigil.Core.Storage;
using Vigil.Dashboard;

namespace Vigil.Experiments;

/// <summary>
/// The weekly review's experiments with a result: those stopped in the week, with the team's decision, and those whose
/// readout (counted up to the week's end) was first decided on a local day of the week. An experiment decided before
/// the week and still running is last week's news; a sequential decision stays, whatever the days after it brought.
/// </summary>
internal sealed class ExperimentReportSource(IExperimentStore store, ExperimentResults results) : IReportExperimentsSource
{
    public async Task<IReadOnlyList<ExperimentResult>> ReadConcludedAsync(Project project, DateOnly from, DateOnly to, ReportLanguage language, CancellationToken cancellationToken)
    {
        var text = language == ReportLanguage.Korean ? ExperimentsPageText.Korean : ExperimentsPageText.English;
        var (start, end) = (TimeBuckets.StartOfLocalDay(from, project.TimeZone), TimeBuckets.StartOfLocalDay(to.AddDays(1), project.TimeZone));
        var concluded = new List<ExperimentResult>();
        foreach (var experiment in (await store.ListExperimentsAsync(project.Id, cancellationToken)).OrderBy(experiment => experiment.StartedAt))
        {
            if (experiment.StartedAt is not { } started || started >= end)
            {
                continue;
            }
            if (experiment.StoppedAt is { } stopped && stopped < start)
            {
                continue;
            }
            if (experiment.StoppedAt is { } stoppedInWeek && stoppedInWeek < end)
            {
                var atStop = await results.ReadAsync(experiment, project.TimeZone, cancellationToken);
                concluded.Add(new ExperimentResult(experiment.Name, $"{ExperimentWords.Summary(atStop, text)}; {ExperimentWords.DecisionText(experiment, text)}"));
                continue;
            }
            var atEnd = await results.ReadAsync(experiment, project.TimeZone, cancellationToken, until: end);
            if (atEnd.DecidedOn is { } decidedOn && decidedOn >= from && decidedOn <= to)
            {
                concluded.Add(new ExperimentResult(experiment.Name, ExperimentWords.Summary(atEnd, text)));
            }
        }
        return concluded;
    }
}
