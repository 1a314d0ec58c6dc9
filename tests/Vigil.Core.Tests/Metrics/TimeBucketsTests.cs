using Vigil.Core.Metrics;
using Vigil.Core.Tests.Support;

namespace Vigil.Core.Tests.Metrics;

public sealed class TimeBucketsTests
{
    private static readonly TimeZoneInfo Seoul = Some.Zone("Asia/Seoul");
    private static readonly TimeZoneInfo Kolkata = Some.Zone("Asia/Kolkata");
    private static readonly TimeZoneInfo Kathmandu = Some.Zone("Asia/Kathmandu");
    private static readonly TimeZoneInfo NewYork = Some.Zone("America/New_York");
    private static readonly TimeZoneInfo Santiago = Some.Zone("America/Santiago");
    private static readonly TimeZoneInfo Havana = Some.Zone("America/Havana");

    public static TheoryData<DateTimeOffset, DateTimeOffset> MinuteCases => new()
    {
        { new DateTimeOffset(2026, 11, 21, 18, 47, 59, 999, new TimeSpan(9, 0, 0)), Some.Utc(2026, 11, 21, 9, 47) },
        { new DateTimeOffset(2026, 11, 21, 16, 17, 42, 500, new TimeSpan(5, 30, 0)), Some.Utc(2026, 11, 21, 10, 47) },
        { new DateTimeOffset(2026, 11, 21, 7, 5, 30, new TimeSpan(-3, -30, 0)), Some.Utc(2026, 11, 21, 10, 35) },
        { new DateTimeOffset(2026, 11, 21, 16, 32, 0, new TimeSpan(5, 45, 0)), Some.Utc(2026, 11, 21, 10, 47) },
        { Some.Utc(2026, 11, 21, 10, 47), Some.Utc(2026, 11, 21, 10, 47) },
        { new DateTimeOffset(2027, 1, 1, 0, 0, 30, new TimeSpan(9, 0, 0)), Some.Utc(2026, 12, 31, 15, 0) },
    };

    [Theory]
    [MemberData(nameof(MinuteCases))]
    public void MinuteStart_InstantWithAnyOffset_TruncatesToUtcMinute(DateTimeOffset instant, DateTimeOffset expected)
    {
        var actual = TimeBuckets.MinuteStart(instant);

        Assert.Equal(expected, actual);
        Assert.Equal(TimeSpan.Zero, actual.Offset);
    }

    [Fact]
    public void StartOfLocalDay_Seoul_IsPreviousDayAtFifteenUtc()
    {
        var actual = TimeBuckets.StartOfLocalDay(new DateOnly(2026, 11, 21), Seoul);

        Assert.Equal(Some.Utc(2026, 11, 20, 15), actual);
        Assert.Equal(TimeSpan.Zero, actual.Offset);
    }

    [Theory]
    [InlineData(14, 59, 59, 20)]
    [InlineData(15, 0, 0, 21)]
    public void LocalDate_SeoulAroundLocalMidnight_FallsOnLocalDate(int hour, int minute, int second, int expectedDay)
    {
        var instant = Some.Utc(2026, 11, 20, hour, minute, second);

        var actual = TimeBuckets.LocalDate(instant, Seoul);

        Assert.Equal(new DateOnly(2026, 11, expectedDay), actual);
    }

    [Theory]
    [InlineData(10, 47, 12, 10, 30)] // 16:17:12 local
    [InlineData(10, 15, 0, 9, 30)] // 15:45 local
    [InlineData(10, 30, 0, 10, 30)] // 16:00 local, on the edge
    [InlineData(10, 29, 59, 9, 30)] // 15:59:59 local
    public void LocalHourStart_Kolkata_StartsAtHalfPastUtc(int hour, int minute, int second, int expectedHour, int expectedMinute)
    {
        var instant = Some.Utc(2026, 11, 21, hour, minute, second);

        var actual = TimeBuckets.LocalHourStart(instant, Kolkata);

        Assert.Equal(Some.Utc(2026, 11, 21, expectedHour, expectedMinute), actual);
        Assert.Equal(TimeSpan.Zero, actual.Offset);
    }

    [Fact]
    public void LocalHourStart_KathmanduAtPlusFiveFortyFive_StartsAtQuarterPastUtc()
    {
        // 10:47Z is 16:32 at +05:45; that local hour began at 16:00, which is 10:15Z.
        var actual = TimeBuckets.LocalHourStart(Some.Utc(2026, 11, 21, 10, 47), Kathmandu);

        Assert.Equal(Some.Utc(2026, 11, 21, 10, 15), actual);
    }

    [Theory]
    [InlineData(5, 30, 5)] // 01:30 EDT, the first 01:00–02:00
    [InlineData(6, 30, 6)] // 01:30 EST, the repeated 01:00–02:00
    public void LocalHourStart_NewYorkRepeatedHour_KeepsBothHoursApart(int hour, int minute, int expectedHour)
    {
        var actual = TimeBuckets.LocalHourStart(Some.Utc(2026, 11, 1, hour, minute), NewYork);

        Assert.Equal(Some.Utc(2026, 11, 1, expectedHour), actual);
    }

    [Theory]
    [InlineData(2026, 3, 8, 5)] // EST midnight, the spring-forward day
    [InlineData(2026, 3, 9, 4)] // EDT midnight
    [InlineData(2026, 11, 1, 4)] // EDT midnight, the fall-back day
    [InlineData(2026, 11, 2, 5)] // EST midnight
    public void StartOfLocalDay_NewYorkAroundDaylightSaving_IsLocalMidnight(int year, int month, int day, int expectedUtcHour)
    {
        var actual = TimeBuckets.StartOfLocalDay(new DateOnly(year, month, day), NewYork);

        Assert.Equal(Some.Utc(year, month, day, expectedUtcHour), actual);
    }

    [Fact]
    public void Starts_HourOverNewYorkSpringForwardDay_GivesTwentyThreeHourlyBuckets()
    {
        var from = Some.Utc(2026, 3, 8, 5);
        var to = Some.Utc(2026, 3, 9, 4);

        var starts = TimeBuckets.Starts(from, to, Granularity.Hour, NewYork);

        Assert.Equal(23, starts.Count);
        Assert.Equal(Enumerable.Range(0, 23).Select(hours => from.AddHours(hours)), starts);
    }

    [Fact]
    public void Starts_HourOverNewYorkFallBackDay_GivesTwentyFiveHourlyBuckets()
    {
        var from = Some.Utc(2026, 11, 1, 4);
        var to = Some.Utc(2026, 11, 2, 5);

        var starts = TimeBuckets.Starts(from, to, Granularity.Hour, NewYork);

        Assert.Equal(25, starts.Count);
        Assert.Equal(Enumerable.Range(0, 25).Select(hours => from.AddHours(hours)), starts);
    }

    [Fact]
    public void Starts_DayOverNewYorkWeekAcrossSpringForward_GivesLocalMidnights()
    {
        var from = Some.Utc(2026, 3, 5, 5);
        var to = Some.Utc(2026, 3, 12, 4);

        var starts = TimeBuckets.Starts(from, to, Granularity.Day, NewYork);

        DateTimeOffset[] expected =
        [
            Some.Utc(2026, 3, 5, 5),
            Some.Utc(2026, 3, 6, 5),
            Some.Utc(2026, 3, 7, 5),
            Some.Utc(2026, 3, 8, 5),
            Some.Utc(2026, 3, 9, 4),
            Some.Utc(2026, 3, 10, 4),
            Some.Utc(2026, 3, 11, 4),
        ];
        Assert.Equal(expected, starts);
        Assert.All(starts, start => Assert.Equal(TimeSpan.Zero, TimeZoneInfo.ConvertTime(start, NewYork).TimeOfDay));
    }

    [Fact]
    public void Starts_DayOverNewYorkWeekAcrossFallBack_GivesLocalMidnights()
    {
        var from = Some.Utc(2026, 10, 29, 16);
        var to = Some.Utc(2026, 11, 4, 5);

        var starts = TimeBuckets.Starts(from, to, Granularity.Day, NewYork);

        DateTimeOffset[] expected =
        [
            Some.Utc(2026, 10, 29, 4),
            Some.Utc(2026, 10, 30, 4),
            Some.Utc(2026, 10, 31, 4),
            Some.Utc(2026, 11, 1, 4),
            Some.Utc(2026, 11, 2, 5),
            Some.Utc(2026, 11, 3, 5),
        ];
        Assert.Equal(expected, starts);
    }

    [Fact]
    public void Starts_MinuteFromMidMinute_BeginsAtTheMinuteHoldingFrom()
    {
        var starts = TimeBuckets.Starts(Some.Utc(2026, 11, 21, 10, 0, 30), Some.Utc(2026, 11, 21, 10, 3), Granularity.Minute, Kolkata);

        Assert.Equal([Some.Utc(2026, 11, 21, 10, 0), Some.Utc(2026, 11, 21, 10, 1), Some.Utc(2026, 11, 21, 10, 2)], starts);
    }

    [Fact]
    public void Starts_HourInKolkata_StepsOnHalfHoursUtc()
    {
        var starts = TimeBuckets.Starts(Some.Utc(2026, 11, 21, 10, 0), Some.Utc(2026, 11, 21, 12, 0), Granularity.Hour, Kolkata);

        Assert.Equal([Some.Utc(2026, 11, 21, 9, 30), Some.Utc(2026, 11, 21, 10, 30), Some.Utc(2026, 11, 21, 11, 30)], starts);
    }

    [Fact]
    public void Starts_EmptyRange_GivesNoBuckets()
    {
        var instant = Some.Utc(2026, 11, 21, 10, 0);

        var starts = TimeBuckets.Starts(instant, instant, Granularity.Hour, Seoul);

        Assert.Empty(starts);
    }

    [Fact]
    public void StartOfLocalDay_SantiagoSkippedMidnight_IsFirstInstantAfterTheGap()
    {
        // Chile springs forward at 00:00 −04:00 on 2026-09-06 to 01:00 −03:00, which is 04:00Z.
        var actual = TimeBuckets.StartOfLocalDay(new DateOnly(2026, 9, 6), Santiago);

        Assert.Equal(Some.Utc(2026, 9, 6, 4), actual);
        Assert.Equal(new TimeSpan(1, 0, 0), TimeZoneInfo.ConvertTime(actual, Santiago).TimeOfDay);
    }

    [Fact]
    public void Starts_DayAcrossSantiagoSkippedMidnight_GivesTwentyThreeHourDay()
    {
        var starts = TimeBuckets.Starts(Some.Utc(2026, 9, 5, 4), Some.Utc(2026, 9, 7, 12), Granularity.Day, Santiago);

        Assert.Equal([Some.Utc(2026, 9, 5, 4), Some.Utc(2026, 9, 6, 4), Some.Utc(2026, 9, 7, 3)], starts);
    }

    [Fact]
    public void StartOfLocalDay_HavanaSkippedMidnight_IsFirstInstantAfterTheGap()
    {
        // Cuba springs forward at 00:00 −05:00 on 2026-03-08 to 01:00 −04:00, which is 05:00Z.
        var actual = TimeBuckets.StartOfLocalDay(new DateOnly(2026, 3, 8), Havana);

        Assert.Equal(Some.Utc(2026, 3, 8, 5), actual);
    }

    [Fact]
    public void StartOfLocalDay_HavanaRepeatedMidnight_IsTheFirstMidnight()
    {
        // Cuba falls back at 01:00 −04:00 on 2026-11-01 to 00:00 −05:00: midnight happens at 04:00Z and again at 05:00Z.
        var actual = TimeBuckets.StartOfLocalDay(new DateOnly(2026, 11, 1), Havana);

        Assert.Equal(Some.Utc(2026, 11, 1, 4), actual);
    }

    [Fact]
    public void Starts_HourOverHavanaDayWithRepeatedMidnight_GivesTwentyFiveHourlyBuckets()
    {
        var from = Some.Utc(2026, 11, 1, 4);
        var to = Some.Utc(2026, 11, 2, 5);

        var starts = TimeBuckets.Starts(from, to, Granularity.Hour, Havana);

        Assert.Equal(Enumerable.Range(0, 25).Select(hours => from.AddHours(hours)), starts);
    }

    [Fact]
    public void StartOfLocalDay_CustomZoneJumpingAtMidnight_IsOneInTheMorning()
    {
        var zone = MidnightJumpZone();

        var actual = TimeBuckets.StartOfLocalDay(new DateOnly(2026, 3, 15), zone);

        // 01:00 at +03:00.
        Assert.Equal(Some.Utc(2026, 3, 14, 22), actual);
    }

    [Fact]
    public void Starts_HourOverCustomZoneJumpDay_GivesTwentyThreeHourlyBuckets()
    {
        var zone = MidnightJumpZone();
        var from = Some.Utc(2026, 3, 14, 22);
        var to = Some.Utc(2026, 3, 15, 21);

        var starts = TimeBuckets.Starts(from, to, Granularity.Hour, zone);

        Assert.Equal(Enumerable.Range(0, 23).Select(hours => from.AddHours(hours)), starts);
    }

    [Fact]
    public void NextBucketStart_DayInSeoul_AddsTwentyFourHours()
    {
        var actual = TimeBuckets.NextBucketStart(Some.Utc(2026, 11, 20, 15), Granularity.Day, Seoul);

        Assert.Equal(Some.Utc(2026, 11, 21, 15), actual);
    }

    [Fact]
    public void BucketStart_DayInSeoulJustBeforeLocalMidnight_IsStartOfThatLocalDay()
    {
        var actual = TimeBuckets.BucketStart(Some.Utc(2026, 11, 21, 14, 59, 59), Granularity.Day, Seoul);

        Assert.Equal(Some.Utc(2026, 11, 20, 15), actual);
    }

    /// <summary>+02:00, with daylight time (+03:00) from 00:00 on 15 March, so that midnight never happens that day.</summary>
    private static TimeZoneInfo MidnightJumpZone()
    {
        var rule = TimeZoneInfo.AdjustmentRule.CreateAdjustmentRule(
            new DateTime(2000, 1, 1),
            new DateTime(2099, 12, 31),
            TimeSpan.FromHours(1),
            TimeZoneInfo.TransitionTime.CreateFixedDateRule(new DateTime(1, 1, 1, 0, 0, 0), 3, 15),
            TimeZoneInfo.TransitionTime.CreateFixedDateRule(new DateTime(1, 1, 1, 3, 0, 0), 10, 15));
        return TimeZoneInfo.CreateCustomTimeZone("Test/MidnightJump", TimeSpan.FromHours(2), "Midnight jump", "Jump standard", "Jump daylight", [rule]);
    }
}
