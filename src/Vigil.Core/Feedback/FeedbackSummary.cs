namespace Vigil.Core.Feedback;

/// <param name="Sample">The newest negative feedback that mentions <paramref name="Term"/>.</param>
public sealed record FeedbackComplaint(string Term, int Count, FeedbackItem Sample);

/// <summary>
/// Feedback of a period at a glance: how it leans, what negative feedback (rated 1–2) talks about most, and the
/// three items to read first (<see cref="Highlights"/>: the lowest-rated items with text, newest first among equals).
/// </summary>
public sealed record FeedbackSummary(
    DateTimeOffset From,
    DateTimeOffset To,
    FeedbackSentiment Sentiment,
    IReadOnlyList<FeedbackTheme> NegativeThemes,
    FeedbackComplaint? TopComplaint,
    IReadOnlyList<FeedbackItem> Highlights)
{
    public const int ThemeCount = 10;

    public const int HighlightCount = 3;

    /// <param name="items">The period's feedback, newest first.</param>
    public static FeedbackSummary Of(IReadOnlyList<FeedbackItem> items, DateTimeOffset from, DateTimeOffset to)
    {
        var negative = items.Where(item => FeedbackSentiment.IsNegative(item.Rating)).ToList();
        var themes = FeedbackThemes.Top(negative.Select(item => item.Text), ThemeCount);
        var complaint = themes.FirstOrDefault() is { } top
            ? new FeedbackComplaint(top.Term, top.Count, negative.First(item => FeedbackThemes.Terms(item.Text).Contains(top.Term)))
            : null;
        var highlights = items
            .Where(item => item.Text is not null)
            .OrderBy(item => item.Rating)
            .ThenByDescending(item => item.CreatedAt)
            .Take(HighlightCount)
            .ToList();
        return new FeedbackSummary(from, to, FeedbackSentiment.Of(items.Select(item => item.Rating)), themes, complaint, highlights);
    }
}

/// <param name="RecentComments">The newest responses that came with a comment, newest first.</param>
public sealed record NpsReport(DateTimeOffset From, DateTimeOffset To, NpsCounts Counts, NpsTrendStep Step, IReadOnlyList<NpsTrendPoint> Trend, IReadOnlyList<NpsResponse> RecentComments)
{
    public const int CommentCount = 10;

    public double? Score => Counts.Score;

    /// <param name="responses">The period's responses.</param>
    public static NpsReport Of(IReadOnlyList<NpsResponse> responses, DateTimeOffset from, DateTimeOffset to, NpsTrendStep step) => new(
        from,
        to,
        NetPromoterScore.Count(responses.Select(response => response.Score)),
        step,
        NetPromoterScore.Trend(responses, from, to, step),
        responses.Where(response => response.Comment is not null).OrderByDescending(response => response.CreatedAt).ThenByDescending(response => response.Id).Take(CommentCount).ToList());
}
