using Vigil.Core.Feedback;

namespace Vigil.Core.Tests.Feedback;

public sealed class FeedbackThemesTests
{
    [Fact]
    public void Words_English_LowerCasedWithoutPunctuationStopWordsOrNumbers()
    {
        Assert.Equal(["checkout", "slow", "crashes", "ios"], FeedbackThemes.Words("The checkout is SLOW!!! It crashes on iOS 17, don't"));
    }

    [Fact]
    public void Words_Korean_TrailingParticlesStrippedWhereAStemRemains()
    {
        // 결제가 → 결제, 페이지에서 → 페이지, 버튼을 → 버튼, and the verb 눌러도 → 눌러 alike; 속도 keeps its 도 (one syllable
        // would be left), 앱이 its 이.
        Assert.Equal(["결제", "페이지", "버튼", "눌러", "속도", "앱이", "느려요"], FeedbackThemes.Words("결제가 너무 … 페이지에서 버튼을 눌러도(속도) 앱이 느려요."));
    }

    [Fact]
    public void Terms_Text_WordsAndNeighbouringPairsOnceWithoutRepeats()
    {
        Assert.Equal(
            new HashSet<string> { "checkout", "slow", "checkout slow", "slow checkout" },
            FeedbackThemes.Terms("Checkout is slow. Slow slow checkout!").ToHashSet());
    }

    [Fact]
    public void Top_MixedLanguages_CountsTextsAndPrefersPairsCoveringWords()
    {
        string?[] texts =
        [
            "Checkout is slow",
            "checkout slow again and again and again",
            "The checkout page crashes",
            "결제가 느려요",
            "결제 페이지가 느려요",
            null,
        ];

        var top = FeedbackThemes.Top(texts, 4);

        // "checkout" is in 3 texts, "checkout slow" in 2; "slow" is covered by "checkout slow" (2 = 2).
        Assert.Equal(
            [
                new FeedbackTheme("checkout", 3),
                new FeedbackTheme("checkout slow", 2),
                new FeedbackTheme("결제", 2),
                new FeedbackTheme("느려요", 2),
            ],
            top);
    }

    [Fact]
    public void Top_RepeatedWordInOneText_CountsOnce()
    {
        var top = FeedbackThemes.Top(["crash crash crash", "login"], 2);

        Assert.Equal([new FeedbackTheme("crash", 1), new FeedbackTheme("login", 1)], top);
    }

    [Fact]
    public void TopTexts_TwoThemesNewestInOneText_EachTextOnce()
    {
        // Newest first: the first text is the newest of both top themes.
        string?[] texts = ["Checkout is slow and the app crashes", "checkout slow", "app crashes", "app crashes on login"];

        var picks = FeedbackThemes.TopTexts(texts, 3);

        Assert.Equal([("app crashes", 3, 0), ("checkout slow", 2, 1), ("crashes login", 1, 3)], picks.Select(pick => (pick.Theme.Term, pick.Theme.Count, pick.Index)));
    }

    [Fact]
    public void TopTexts_ThemeWhoseOnlyTextIsTaken_GivesWayWithoutRepeating()
    {
        string?[] texts = ["Checkout is slow and the app crashes", "checkout slow", "app crashes", "app crashes on login"];

        var picks = FeedbackThemes.TopTexts(texts, 4);

        // "slow app" comes next, but only the first text mentions it.
        Assert.Equal([0, 1, 3], picks.Select(pick => pick.Index));
    }
}
