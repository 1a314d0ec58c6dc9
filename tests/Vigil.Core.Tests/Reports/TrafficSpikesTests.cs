using Vigil.Core.Reports;
using Vigil.Core.Storage;

namespace Vigil.Core.Tests.Reports;

public sealed class TrafficSpikesTests
{
    private static readonly TimeZoneInfo Seoul = TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly DateOnly Day = new(2026, 11, 20);

    /// <summary>Every hour of the seven days before <paramref name="date"/> and of the date itself, <paramref name="views"/> page views each.</summary>
    private static List<CountBucket> Flat(DateOnly date, TimeZoneInfo zone, Func<DateOnly, int, long> views)
    {
        var buckets = new List<CountBucket>();
        for (var day = date.AddDays(-7); day <= date; day = day.AddDays(1))
        {
            for (var hour = 0; hour < 24; hour++)
            {
                var local = day.ToDateTime(new TimeOnly(hour, 0));
                if (!zone.IsInvalidTime(local))
                {
                    buckets.Add(new CountBucket(new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime(), views(day, hour)));
                }
            }
        }
        return buckets;
    }

    [Fact]
    public void Find_HourFarAboveItsWeek_IsASpikeWithTheMeanAsUsual()
    {
        // 14:00 had 101–107 views over the week (mean 104, σ 2, threshold 110); the day brings 400.
        var week = Flat(Day, Seoul, (day, hour) => day == Day ? (hour == 14 ? 400 : 104) : 100 + Day.DayNumber - day.DayNumber);

        var spike = Assert.Single(TrafficSpikes.Find(Day, week, Seoul));

        Assert.Equal(new DateTimeOffset(2026, 11, 20, 5, 0, 0, TimeSpan.Zero), spike.HourStart);
        Assert.Equal(400, spike.PageViews);
        Assert.Equal(104, spike.Usual, 9);
    }

    [Fact]
    public void Find_JustAboveThreeDeviations_IsASpikeAndJustAtIsNot()
    {
        var above = Flat(Day, Seoul, (day, hour) => day == Day ? (hour == 14 ? 111 : 104) : 100 + Day.DayNumber - day.DayNumber);
        var at = Flat(Day, Seoul, (day, hour) => day == Day ? (hour == 14 ? 110 : 104) : 100 + Day.DayNumber - day.DayNumber);

        Assert.Single(TrafficSpikes.Find(Day, above, Seoul));
        Assert.Empty(TrafficSpikes.Find(Day, at, Seoul));
    }

    [Fact]
    public void Find_HourWithinThreeDeviations_IsNoSpike()
    {
        // The same hour swings between 50 and 150 (σ ≈ 49), so 200 is within mean + 3σ ≈ 257.
        var week = Flat(Day, Seoul, (day, hour) => day == Day ? (hour == 9 ? 200 : 100) : day.DayNumber % 2 == 0 ? 50 : 150);

        Assert.Empty(TrafficSpikes.Find(Day, week, Seoul));
    }

    [Fact]
    public void Find_FewViewsAfterAQuietWeek_IsNoSpikeBelowTheMinimum()
    {
        var week = Flat(Day, Seoul, (day, hour) => day == Day && hour == 3 ? TrafficSpikes.MinimumPageViews - 1 : 0);

        Assert.Empty(TrafficSpikes.Find(Day, week, Seoul));
    }

    [Fact]
    public void Find_MissingBucketsInTheWeek_CountAsZero()
    {
        var today = new List<CountBucket> { new(new DateTimeOffset(2026, 11, 20, 1, 0, 0, TimeSpan.Zero), 25) };

        var spike = Assert.Single(TrafficSpikes.Find(Day, today, Seoul));

        Assert.Equal(0, spike.Usual);
    }

    [Fact]
    public void Find_FallBackDay_CountsTheRepeatedHourAsOne()
    {
        // New York repeats 01:00 on 2026-11-01: two buckets of 15 (each below the minimum) make the local hour's 30,
        // against 10 every day of the week before.
        var fallBack = new DateOnly(2026, 11, 1);
        var week = Flat(fallBack, NewYork, (_, hour) => hour == 1 ? 10 : 0)
            .Where(bucket => TimeZoneInfo.ConvertTime(bucket.Start, NewYork) is not { Day: 1, Month: 11, Hour: 1 })
            .ToList();
        week.Add(new CountBucket(new DateTimeOffset(2026, 11, 1, 5, 0, 0, TimeSpan.Zero), 15));
        week.Add(new CountBucket(new DateTimeOffset(2026, 11, 1, 6, 0, 0, TimeSpan.Zero), 15));

        var spike = Assert.Single(TrafficSpikes.Find(fallBack, week, NewYork));

        Assert.Equal((new DateTimeOffset(2026, 11, 1, 5, 0, 0, TimeSpan.Zero), 30L, 10.0), (spike.HourStart, spike.PageViews, spike.Usual));
    }
}
