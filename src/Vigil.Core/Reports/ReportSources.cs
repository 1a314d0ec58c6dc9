using Vigil.Core.Projects;

namespace Vigil.Core.Reports;

/// <summary>
/// Goals against what came in, for the weekly review. Registered by the goals feature; without a registration the
/// review leaves the table out.
/// </summary>
public interface IReportGoalsSource
{
    /// <summary>Each goal of the project for the local dates [from, to], named in <paramref name="language"/>; empty when it has none.</summary>
    Task<IReadOnlyList<GoalRow>> ReadGoalsAsync(Project project, DateOnly from, DateOnly to, ReportLanguage language, CancellationToken cancellationToken);
}

/// <summary>In-app feedback and NPS for the reports. Registered by the feedback feature; without it the feedback sections are left out.</summary>
public interface IReportFeedbackSource
{
    /// <summary>The split of the feedback of the local dates [from, to], its top complaint, and the top negative theme (for action items).</summary>
    Task<(FeedbackSplit Split, string? TopNegativeTheme)> ReadSplitAsync(Project project, DateOnly from, DateOnly to, CancellationToken cancellationToken);

    /// <summary>The most mentioned feedback of the local dates [from, to], most first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<FeedbackMention>> ReadTopItemsAsync(Project project, DateOnly from, DateOnly to, int limit, CancellationToken cancellationToken);
}

/// <summary>
/// Experiments that reached a result in a period, for the weekly review. Registered by the experiments feature; without
/// a registration the review leaves the section out.
/// </summary>
public interface IReportExperimentsSource
{
    /// <summary>
    /// The experiments stopped in the local dates [from, to] (with the team's decision), and those whose readout became
    /// decided in them, their outcome written in <paramref name="language"/>; empty when none did.
    /// </summary>
    Task<IReadOnlyList<ExperimentResult>> ReadConcludedAsync(Project project, DateOnly from, DateOnly to, ReportLanguage language, CancellationToken cancellationToken);
}
