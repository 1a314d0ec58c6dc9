using Vigil.Core.Goals;
using Vigil.Core.Projects;
using Vigil.Core.Reports;
using Vigil.Dashboard;

namespace Vigil.Goals;

/// <summary>The weekly review's goals vs actual: the same progress the goals page shows.</summary>
internal sealed class GoalReportSource(GoalProgressReader progress) : IReportGoalsSource
{
    public async Task<IReadOnlyList<GoalRow>> ReadGoalsAsync(Project project, DateOnly from, DateOnly to, ReportLanguage language, CancellationToken cancellationToken)
    {
        var text = language == ReportLanguage.Korean ? GoalsPageText.Korean : GoalsPageText.English;
        // Week goals are measured over the review's week; month and quarter goals show how far their period has come by
        // its last day. A day goal says nothing about a week, so the review leaves it to the daily view.
        return (await progress.ReadAsync(project, to, kind: null, cancellationToken))
            .Where(row => row.Goal.Period != GoalPeriodKind.Day)
            .Select(row => new GoalRow($"{row.Goal.Label ?? text.MetricNames[row.Goal.Metric]} ({row.Period.Name})", row.Goal.Target, row.Actual))
            .ToList();
    }
}
