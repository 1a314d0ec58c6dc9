using Vigil.Core.Reports;

namespace Vigil.Core.Tests.Reports;

public sealed class CronScheduleTests
{
    private static readonly TimeZoneInfo Seoul = TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    private static DateTimeOffset Utc(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void Next_DailyAtNineInSeoul_IsMidnightUtcEachDay()
    {
        var schedule = CronSchedule.Parse("0 9 * * *");

        Assert.Equal(Utc(2026, 11, 21, 0), schedule.Next(Utc(2026, 11, 20, 0), Seoul));
        Assert.Equal(Utc(2026, 11, 21, 0), schedule.Next(Utc(2026, 11, 20, 12), Seoul));
        Assert.Equal(Utc(2026, 11, 20, 0), schedule.Next(Utc(2026, 11, 19, 23, 59), Seoul));
    }

    [Fact]
    public void Next_WeeklyMondayTen_SkipsToMonday()
    {
        // 2026-11-20 is a Friday; the Monday after is the 23rd, 10:00 KST = 01:00 UTC.
        Assert.Equal(Utc(2026, 11, 23, 1), CronSchedule.Parse("0 10 * * 1").Next(Utc(2026, 11, 20, 5), Seoul));
        Assert.Equal(Utc(2026, 11, 23, 1), CronSchedule.Parse("0 10 * * 1").Next(Utc(2026, 11, 22, 5), Seoul));
    }

    [Theory]
    [InlineData("America/New_York", 2026, 3, 7, 14)]   // EST, −5
    [InlineData("America/New_York", 2026, 3, 8, 13)]   // spring forward: EDT, −4
    [InlineData("America/New_York", 2026, 10, 31, 13)] // EDT
    [InlineData("America/New_York", 2026, 11, 1, 14)]  // fall back: EST
    [InlineData("Europe/Berlin", 2026, 3, 28, 8)]      // CET, +1
    [InlineData("Europe/Berlin", 2026, 3, 29, 7)]      // spring forward: CEST, +2
    [InlineData("Europe/Berlin", 2026, 10, 24, 7)]     // CEST
    [InlineData("Europe/Berlin", 2026, 10, 25, 8)]     // fall back: CET
    public void Next_NineAmAcrossDaylightSaving_IsNineLocal(string zone, int year, int month, int day, int utcHour)
    {
        var schedule = CronSchedule.Parse("0 9 * * *");

        var next = schedule.Next(Utc(year, month, day, 0), TimeZoneInfo.FindSystemTimeZoneById(zone));

        Assert.Equal(Utc(year, month, day, utcHour), next);
    }

    [Fact]
    public void Next_TimeSkippedBySpringForward_FiresWhenTheClocksResume()
    {
        // 02:30 does not exist in New York on 2026-03-08: 02:00 EST jumps to 03:00 EDT (07:00 UTC).
        var schedule = CronSchedule.Parse("30 2 * * *");

        Assert.Equal(Utc(2026, 3, 8, 7), schedule.Next(Utc(2026, 3, 8, 5), NewYork));
        Assert.Equal(Utc(2026, 3, 9, 6, 30), schedule.Next(Utc(2026, 3, 8, 7), NewYork));
    }

    [Fact]
    public void Next_TimeRepeatedByFallBack_FiresOnceAtItsFirstOccurrence()
    {
        // 01:30 happens twice in New York on 2026-11-01: 05:30 UTC (EDT) and 06:30 UTC (EST).
        var schedule = CronSchedule.Parse("30 1 * * *");

        Assert.Equal(Utc(2026, 11, 1, 5, 30), schedule.Next(Utc(2026, 11, 1, 4), NewYork));
        Assert.Equal(Utc(2026, 11, 2, 6, 30), schedule.Next(Utc(2026, 11, 1, 5, 30), NewYork));
    }

    [Fact]
    public void Next_BerlinSpringForward_SkippedHourFiresAtThree()
    {
        // 02:15 does not exist in Berlin on 2026-03-29: 02:00 CET jumps to 03:00 CEST (01:00 UTC).
        Assert.Equal(Utc(2026, 3, 29, 1), CronSchedule.Parse("15 2 * * *").Next(Utc(2026, 3, 28, 12), Berlin));
    }

    [Fact]
    public void Previous_WithinLookBack_IsTheLastFiringAtOrBefore()
    {
        var schedule = CronSchedule.Parse("0 9 * * *");

        Assert.Equal(Utc(2026, 11, 20, 0), schedule.Previous(Utc(2026, 11, 20, 0), Seoul, TimeSpan.FromDays(1)));
        Assert.Equal(Utc(2026, 11, 20, 0), schedule.Previous(Utc(2026, 11, 20, 23), Seoul, TimeSpan.FromDays(1)));
        Assert.Null(CronSchedule.Parse("0 10 * * 1").Previous(Utc(2026, 11, 20, 5), Seoul, TimeSpan.FromDays(1)));
    }

    [Theory]
    [InlineData("*/15 9-17 * * 1-5", "2026-11-20T17:50:00Z", "2026-11-23T00:00:00Z")]
    [InlineData("0 9 1,15 * *", "2026-11-20T00:00:00Z", "2026-12-01T00:00:00Z")]
    [InlineData("0 9 * * 0", "2026-11-20T00:00:00Z", "2026-11-22T00:00:00Z")]
    [InlineData("0 9 * * 7", "2026-11-20T00:00:00Z", "2026-11-22T00:00:00Z")]
    [InlineData("0 9 13 * 5", "2026-11-14T00:00:00Z", "2026-11-20T00:00:00Z")]
    [InlineData("5/20 * * * *", "2026-11-20T00:46:00Z", "2026-11-20T01:05:00Z")]
    public void Next_FieldForms_MatchVixieCron(string expression, string after, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected), CronSchedule.Parse(expression).Next(DateTimeOffset.Parse(after), Seoul));

    [Fact]
    public void Next_ImpossibleDate_IsNull() =>
        Assert.Null(CronSchedule.Parse("0 0 31 2 *").Next(Utc(2026, 1, 1, 0), Seoul));

    [Theory]
    [InlineData("0 9 * *", "five fields")]
    [InlineData("60 9 * * *", "minute field '60'")]
    [InlineData("0 24 * * *", "hour field")]
    [InlineData("0 9 0 * *", "day of month field")]
    [InlineData("0 9 * 13 *", "month field")]
    [InlineData("0 9 * * 8", "day of week field")]
    [InlineData("*/0 9 * * *", "minute field")]
    [InlineData("0 9-3 * * *", "hour field")]
    [InlineData("0 9 * * MON", "day of week field")]
    [InlineData("", "five fields")]
    public void TryParse_BadExpression_NamesTheField(string expression, string expected)
    {
        Assert.False(CronSchedule.TryParse(expression, out _, out var error));
        Assert.Contains(expected, error);
    }
}
