using Vigil.Core.Goals;
using Vigil.Core.Tests.Support;

namespace Vigil.Core.Tests.Goals;

public sealed class GoalPeriodTests
{
    public static TheoryData<GoalPeriodKind, DateOnly, DateOnly, DateOnly, string> ContainingCases => new()
    {
        { GoalPeriodKind.Day, new(2026, 11, 21), new(2026, 11, 21), new(2026, 11, 22), "2026-11-21" },
        // 2026-11-21 is a Saturday; its week runs from Monday 16th.
        { GoalPeriodKind.Week, new(2026, 11, 21), new(2026, 11, 16), new(2026, 11, 23), "2026-W47" },
        { GoalPeriodKind.Week, new(2026, 11, 16), new(2026, 11, 16), new(2026, 11, 23), "2026-W47" },
        { GoalPeriodKind.Week, new(2026, 11, 22), new(2026, 11, 16), new(2026, 11, 23), "2026-W47" },
        // The ISO week of 2027-01-01 (a Friday) is week 53 of 2026.
        { GoalPeriodKind.Week, new(2027, 1, 1), new(2026, 12, 28), new(2027, 1, 4), "2026-W53" },
        { GoalPeriodKind.Month, new(2028, 2, 29), new(2028, 2, 1), new(2028, 3, 1), "2028-02" },
        { GoalPeriodKind.Quarter, new(2026, 11, 21), new(2026, 10, 1), new(2027, 1, 1), "2026-Q4" },
        { GoalPeriodKind.Quarter, new(2026, 3, 31), new(2026, 1, 1), new(2026, 4, 1), "2026-Q1" },
    };

    [Theory]
    [MemberData(nameof(ContainingCases))]
    public void Containing_Date_CalendarPeriodAndName(GoalPeriodKind kind, DateOnly date, DateOnly first, DateOnly end, string name)
    {
        var period = GoalPeriod.Containing(kind, date);

        Assert.Equal((first, end, name), (period.First, period.End, period.Name));
        Assert.True(period.Contains(date));
    }

    [Fact]
    public void Previous_Quarter_TheQuarterBefore()
    {
        var previous = GoalPeriod.Containing(GoalPeriodKind.Quarter, new DateOnly(2026, 1, 15)).Previous;

        Assert.Equal((new DateOnly(2025, 10, 1), new DateOnly(2026, 1, 1), 92), (previous.First, previous.End, previous.Days));
    }

    [Fact]
    public void Instants_Seoul_LocalMidnightsInUtc()
    {
        var week = GoalPeriod.Containing(GoalPeriodKind.Week, new DateOnly(2026, 11, 21));

        var (from, to) = week.Instants(Some.Zone("Asia/Seoul"));

        Assert.Equal((Some.Utc(2026, 11, 15, 15), Some.Utc(2026, 11, 22, 15)), (from, to));
    }

    [Fact]
    public void Instants_MonthWithDaylightSavingEnd_LastsAnHourMore()
    {
        var november = GoalPeriod.Containing(GoalPeriodKind.Month, new DateOnly(2026, 11, 10));

        var (from, to) = november.Instants(Some.Zone("America/New_York"));

        Assert.Equal((Some.Utc(2026, 11, 1, 4), Some.Utc(2026, 12, 1, 5)), (from, to));
        Assert.Equal(TimeSpan.FromDays(30) + TimeSpan.FromHours(1), to - from);
    }
}
