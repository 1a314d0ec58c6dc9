using Vigil.Core.Feedback;

namespace Vigil.Core.Tests.Feedback;

public sealed class FeedbackSummaryTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Of_WeekOfFeedback_TopComplaintWithNewestSampleAndLowestRatedHighlights()
    {
        // Newest first, as the store reads them.
        FeedbackItem[] items =
        [
            Item(1, 5, "Love it", Now.AddHours(-1)),
            Item(2, 2, "Checkout slow on mobile", Now.AddHours(-2)),
            Item(3, 3, null, Now.AddHours(-3)),
            Item(4, 1, "Checkout is slow", Now.AddHours(-4)),
            Item(5, 2, "Search is broken", Now.AddHours(-5)),
        ];

        var summary = FeedbackSummary.Of(items, Now.AddDays(-7), Now);

        Assert.Equal(new FeedbackSentiment(5, 1, 3), summary.Sentiment);
        Assert.Equal(("checkout slow", 2, 2L), (summary.TopComplaint!.Term, summary.TopComplaint.Count, summary.TopComplaint.Sample.Id));
        Assert.Equal([4L, 2L, 5L], summary.Highlights.Select(item => item.Id));
    }

    [Fact]
    public void Of_NoNegativeFeedback_NoComplaint()
    {
        var summary = FeedbackSummary.Of([Item(1, 4, "Nice", Now)], Now.AddDays(-7), Now);

        Assert.Null(summary.TopComplaint);
        Assert.Empty(summary.NegativeThemes);
    }

    [Fact]
    public void NpsReportOf_Responses_ScoreAndNewestCommentsFirst()
    {
        NpsResponse[] responses =
        [
            new(1, 1, Now.AddDays(-3), 10, "Great", "a", null),
            new(2, 1, Now.AddDays(-2), 3, null, "b", null),
            new(3, 1, Now.AddDays(-1), 8, "Fine", "c", null),
        ];

        var report = NpsReport.Of(responses, Now.AddDays(-30), Now, NpsTrendStep.Week);

        Assert.Equal(0, report.Score);
        Assert.Equal(["Fine", "Great"], report.RecentComments.Select(response => response.Comment));
    }

    private static FeedbackItem Item(long id, int rating, string? text, DateTimeOffset at) =>
        new(id, 1, at, rating, FeedbackCategory.Bug, text, "/", "user", FeedbackStatus.New);
}
