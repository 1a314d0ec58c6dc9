using Vigil.Core.Feedback;
using Vigil.Core.Metrics;
using Vigil.Core.Projects;
using Vigil.Core.Reports;
using Vigil.Core.Storage;

namespace Vigil.Feedback;

/// <summary>The reports' feedback sections, from the same summary the inbox shows, over local days of the project.</summary>
internal sealed class FeedbackReportSource(IFeedbackStore store) : IReportFeedbackSource
{
    public async Task<(FeedbackSplit Split, string? TopNegativeTheme)> ReadSplitAsync(Project project, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var (start, end) = Range(project, from, to);
        var summary = FeedbackSummary.Of(await store.ReadFeedbackAsync(project.Id, start, end, cancellationToken), start, end);
        var sentiment = summary.Sentiment;
        var split = new FeedbackSplit(sentiment.Positive, sentiment.Total - sentiment.Positive - sentiment.Negative, sentiment.Negative, summary.TopComplaint?.Sample.Text);
        return (split, summary.TopComplaint?.Term);
    }

    /// <summary>
    /// The most frequent themes of negative feedback, each as the newest item that mentions it and was not shown for a
    /// more frequent theme, with the count of items that mention the theme.
    /// </summary>
    public async Task<IReadOnlyList<FeedbackMention>> ReadTopItemsAsync(Project project, DateOnly from, DateOnly to, int limit, CancellationToken cancellationToken)
    {
        var (start, end) = Range(project, from, to);
        var negativeTexts = (await store.ReadFeedbackAsync(project.Id, start, end, cancellationToken))
            .Where(item => FeedbackSentiment.IsNegative(item.Rating) && item.Text is not null)
            .Select(item => item.Text!)
            .ToList();
        return FeedbackThemes.TopTexts(negativeTexts, limit)
            .Select(pick => new FeedbackMention(negativeTexts[pick.Index], pick.Theme.Count))
            .ToList();
    }

    private static (DateTimeOffset Start, DateTimeOffset End) Range(Project project, DateOnly from, DateOnly to) =>
        (TimeBuckets.StartOfLocalDay(from, project.TimeZone), TimeBuckets.StartOfLocalDay(to.AddDays(1), project.TimeZone));
}
