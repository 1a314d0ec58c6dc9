using Vigil.Core.Kpis;

namespace Vigil.Core.Tests.Kpis;

public sealed class RetentionTests
{
    private static readonly DateOnly Monday = new(2026, 11, 2);
    private static readonly DateOnly Today = new(2026, 11, 30);
    private static readonly DayRange Period = new(Monday, new DateOnly(2026, 11, 15));

    private static SignedUpUser User(string id, DateOnly signup, params int[] activeAfter) =>
        new(id, signup, activeAfter.Select(offset => signup.AddDays(offset)).Append(signup).ToHashSet(), null);

    [Fact]
    public void Cohorts_FiveSignupsTwoBackOnDayOne_FortyPercent()
    {
        SignedUpUser[] users =
        [
            User("a", Monday, 1, 7, 8), User("b", Monday, 1), User("c", Monday, 3), User("d", Monday), User("e", Monday),
            // The next week's cohort: one user, back in week 1 only.
            User("f", Monday.AddDays(9), 10),
        ];

        var cohorts = Retention.Cohorts(Period, users, Today);

        Assert.Equal([Monday, Monday.AddDays(7)], cohorts.Select(cohort => cohort.WeekStart));
        var first = cohorts[0];
        Assert.Equal(5, first.Users);
        // Day 1: a, b; day 7: a; day 30 (Dec 2) has not come.
        Assert.Equal([40.0, 20.0, null], first.DayPercents);
        // Week 1 is days 7…13: a; week 2 ends on day 20 (Nov 22): nobody; week 4 ends Dec 6, not come.
        Assert.Equal([20.0, 0.0, 0.0, null], first.WeekPercents.Take(4));
        Assert.Equal([0.0, 0.0, null], cohorts[1].DayPercents);
        Assert.Equal(100.0, cohorts[1].WeekPercents[0]);
    }

    [Fact]
    public void Cohorts_DayNotYetComeForSomeUsers_CountsOnlyThoseItCameFor()
    {
        SignedUpUser[] users = [User("a", new(2026, 11, 23), 7), User("b", new(2026, 11, 28))];

        var cohort = Assert.Single(Retention.Cohorts(new DayRange(new(2026, 11, 16), Today), users, Today));

        // Day 7 came for a (Nov 30) but not for b (Dec 5).
        Assert.Equal(100.0, cohort.DayPercents[1]);
    }

    [Fact]
    public void Figures_SevenAndThirtyDayRates_ShareBackOnAnyDayUpToN()
    {
        var today = new DateOnly(2027, 1, 31);
        SignedUpUser[] users =
        [
            User("a", Monday, 3), User("b", Monday, 12), User("c", Monday, 29), User("d", Monday), User("e", Monday, 31),
            // The previous period (Oct 19 … Nov 1): one of two back by day 7.
            User("f", new(2026, 10, 20), 2), User("g", new(2026, 10, 20)),
        ];

        var figures = Retention.Figures(Period, users, today);

        Assert.Equal((5.0, 2.0), (figures.Signups.Current, figures.Signups.Previous));
        Assert.Equal((20.0, 50.0), (figures.SevenDayPercent.Current, figures.SevenDayPercent.Previous));
        Assert.Equal(60.0, figures.ThirtyDayPercent.Current);
        Assert.Equal(-60.0, figures.SevenDayPercent.ChangePercent);
    }
}
