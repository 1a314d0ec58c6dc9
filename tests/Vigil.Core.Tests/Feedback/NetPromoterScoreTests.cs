using Vigil.Core.Feedback;

namespace Vigil.Core.Tests.Feedback;

public sealed class NetPromoterScoreTests
{
    [Theory]
    [InlineData(0, NpsGroup.Detractor)]
    [InlineData(6, NpsGroup.Detractor)]
    [InlineData(7, NpsGroup.Passive)]
    [InlineData(8, NpsGroup.Passive)]
    [InlineData(9, NpsGroup.Promoter)]
    [InlineData(10, NpsGroup.Promoter)]
    public void GroupOf_EachBoundary_IsItsGroup(int score, NpsGroup expected) => Assert.Equal(expected, NetPromoterScore.GroupOf(score));

    [Fact]
    public void Count_TenAnswers_ScoreIsPromoterShareMinusDetractorShare()
    {
        // 5 promoters, 2 passives, 3 detractors of 10: 50 % − 30 % = 20.
        var counts = NetPromoterScore.Count([10, 9, 9, 10, 9, 8, 7, 6, 0, 3]);

        Assert.Equal(new NpsCounts(5, 2, 3), counts);
        Assert.Equal(20, counts.Score);
    }

    [Fact]
    public void Count_OnlyPassives_ScoreZero_NoAnswers_ScoreNull()
    {
        Assert.Equal(0, NetPromoterScore.Count([7, 8]).Score);
        Assert.Equal(-100, NetPromoterScore.Count([0, 6]).Score);
        Assert.Null(NetPromoterScore.Count([]).Score);
    }

    [Fact]
    public void Trend_Weeks_StartOnMondayAndKeepEmptyWeeks()
    {
        // 2026-11-02 is a Monday.
        var from = new DateTimeOffset(2026, 11, 4, 0, 0, 0, TimeSpan.Zero);
        var to = new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);
        NpsResponse[] responses =
        [
            Response(new DateTimeOffset(2026, 11, 3, 0, 0, 0, TimeSpan.Zero), 0),
            Response(new DateTimeOffset(2026, 11, 5, 12, 0, 0, TimeSpan.Zero), 10),
            Response(new DateTimeOffset(2026, 11, 8, 23, 59, 0, TimeSpan.Zero), 3),
            Response(new DateTimeOffset(2026, 11, 19, 9, 0, 0, TimeSpan.Zero), 9),
        ];

        var trend = NetPromoterScore.Trend(responses, from, to, NpsTrendStep.Week);

        Assert.Equal(
            [
                new NpsTrendPoint(new DateTimeOffset(2026, 11, 2, 0, 0, 0, TimeSpan.Zero), new NpsCounts(1, 0, 1)),
                new NpsTrendPoint(new DateTimeOffset(2026, 11, 9, 0, 0, 0, TimeSpan.Zero), new NpsCounts(0, 0, 0)),
                new NpsTrendPoint(new DateTimeOffset(2026, 11, 16, 0, 0, 0, TimeSpan.Zero), new NpsCounts(1, 0, 0)),
            ],
            trend);
        Assert.Equal([0, null, 100], trend.Select(point => point.Counts.Score));
    }

    [Fact]
    public void Trend_Months_CalendarMonthsInUtc()
    {
        var from = new DateTimeOffset(2026, 10, 15, 0, 0, 0, TimeSpan.Zero);
        var to = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        // 2026-11-01 00:30 in Seoul is still October in UTC.
        NpsResponse[] responses = [Response(new DateTimeOffset(2026, 11, 1, 0, 30, 0, TimeSpan.FromHours(9)), 8)];

        var trend = NetPromoterScore.Trend(responses, from, to, NpsTrendStep.Month);

        Assert.Equal([new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero)], trend.Select(point => point.Start));
        Assert.Equal([1, 0], trend.Select(point => point.Counts.Passives));
    }

    private static NpsResponse Response(DateTimeOffset at, int score) => new(0, 1, at, score, null, "user", null);
}
