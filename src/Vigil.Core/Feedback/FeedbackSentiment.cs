namespace Vigil.Core.Feedback;

/// <summary>
/// How feedback leans: positive is a rating of 4–5, negative 1–2; a 3 is neutral and counts only in the whole.
/// Shares are fractions of all feedback (0–1), null when there is none.
/// </summary>
public sealed record FeedbackSentiment(int Total, int Positive, int Negative)
{
    public double? PositiveShare => Total == 0 ? null : (double)Positive / Total;

    public double? NegativeShare => Total == 0 ? null : (double)Negative / Total;

    public static bool IsPositive(int rating) => rating >= 4;

    public static bool IsNegative(int rating) => rating <= 2;

    public static FeedbackSentiment Of(IEnumerable<int> ratings)
    {
        int total = 0, positive = 0, negative = 0;
        foreach (var rating in ratings)
        {
            total++;
            positive += IsPositive(rating) ? 1 : 0;
            negative += IsNegative(rating) ? 1 : 0;
        }
        return new FeedbackSentiment(total, positive, negative);
    }
}
