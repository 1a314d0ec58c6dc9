using Vigil.Core.Feedback;

namespace Vigil.Core.Tests.Feedback;

public sealed class FeedbackSentimentTests
{
    [Fact]
    public void Of_EightRatings_ThreesCountOnlyInTheWhole()
    {
        var sentiment = FeedbackSentiment.Of([5, 4, 4, 3, 3, 2, 1, 5]);

        Assert.Equal(new FeedbackSentiment(8, 4, 2), sentiment);
        Assert.Equal(0.5, sentiment.PositiveShare);
        Assert.Equal(0.25, sentiment.NegativeShare);
    }

    [Fact]
    public void Of_NoFeedback_SharesNull()
    {
        var sentiment = FeedbackSentiment.Of([]);

        Assert.Null(sentiment.PositiveShare);
        Assert.Null(sentiment.NegativeShare);
    }
}
