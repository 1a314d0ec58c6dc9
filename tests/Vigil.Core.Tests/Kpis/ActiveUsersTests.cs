using Vigil.Core.Kpis;
using Vigil.Core.Storage;

namespace Vigil.Core.Tests.Kpis;

public sealed class ActiveUsersTests
{
    private static readonly DayRange Week = new(new DateOnly(2026, 11, 8), new DateOnly(2026, 11, 14));

    // a: three days in the week; b: its last day; c: only the week before; d: 25 days before the week's end.
    private static readonly UserActiveDays[] Users =
    [
        new("a", [new(2026, 11, 8), new(2026, 11, 9), new(2026, 11, 14)]),
        new("b", [new(2026, 11, 14)]),
        new("c", [new(2026, 11, 1)]),
        new("d", [new(2026, 10, 20)]),
    ];

    [Fact]
    public void Figures_HandComputedUsers_DauIsTheMeanAndWauMauDistinct()
    {
        var figures = ActiveUsers.Figures(Week, Users);

        // 4 user-days over 7 days; the week before: c's single day.
        Assert.Equal((0.57, 0.14), (figures.Dau.Current, figures.Dau.Previous));
        Assert.Equal((2.0, 1.0), (figures.Wau.Current, figures.Wau.Previous));
        // MAU: 30 days to Nov 14 holds a, b, c, d; 30 days to Nov 7 holds c and d.
        Assert.Equal((4.0, 2.0), (figures.Mau.Current, figures.Mau.Previous));
        // (4/7)/4 and (1/7)/2, from the unrounded DAU.
        Assert.Equal((14.29, 7.14), (figures.StickinessPercent.Current, figures.StickinessPercent.Previous));
        Assert.Equal(100.0, figures.Wau.ChangePercent);
    }

    [Fact]
    public void Daily_EveryDayOfThePeriod_IncludingDaysWithoutUsers()
    {
        var daily = ActiveUsers.Daily(Week, Users);

        Assert.Equal([1L, 1, 0, 0, 0, 0, 2], daily.Select(day => day.Users));
        Assert.Equal(Week.From, daily[0].Date);
    }

    [Fact]
    public void FirstDayRead_ShortPeriod_CoversThePreviousPeriodsMau()
    {
        Assert.Equal(new DateOnly(2026, 10, 9), ActiveUsers.FirstDayRead(Week));
        Assert.Equal(new DateOnly(2026, 7, 2), ActiveUsers.FirstDayRead(new DayRange(new(2026, 9, 1), new(2026, 10, 31))));
    }

    [Fact]
    public void DayRange_Previous_SameLengthEndingTheDayBefore()
    {
        Assert.Equal(new DayRange(new(2026, 11, 1), new(2026, 11, 7)), Week.Previous);
        Assert.Equal(7, Week.Previous.Days);
    }

    [Fact]
    public void DayRange_Instants_LocalMidnightsOfTheZone()
    {
        var seoul = TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul");

        var (start, end) = Week.Instants(seoul);

        Assert.Equal(new DateTimeOffset(2026, 11, 7, 15, 0, 0, TimeSpan.Zero), start);
        Assert.Equal(new DateTimeOffset(2026, 11, 14, 15, 0, 0, TimeSpan.Zero), end);
    }
}
