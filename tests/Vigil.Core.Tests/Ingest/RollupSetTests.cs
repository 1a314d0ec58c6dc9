using Vigil.Core.Ingest;
using Vigil.Core.Routes;
using Vigil.Core.Tests.Support;

namespace Vigil.Core.Tests.Ingest;

public sealed class RollupSetTests
{
    private static readonly TimeZoneInfo Seoul = Some.Zone("Asia/Seoul");
    private static readonly TimeZoneInfo Kolkata = Some.Zone("Asia/Kolkata");

    [Fact]
    public void Add_EventsInKolkata_CountsPerUtcMinuteAndPerLocalHour()
    {
        var rollups = new RollupSet();

        rollups.Add(Some.ProductEvent(Some.Utc(2026, 11, 21, 10, 29, 10), "signup"), Kolkata); // 15:59:10 local
        rollups.Add(Some.ProductEvent(Some.Utc(2026, 11, 21, 10, 29, 50), "signup"), Kolkata); // 15:59:50 local
        rollups.Add(Some.ProductEvent(Some.Utc(2026, 11, 21, 10, 30, 5), "signup"), Kolkata); // 16:00:05 local
        rollups.Add(Some.ProductEvent(Some.Utc(2026, 11, 21, 11, 29, 59), "signup"), Kolkata); // 16:59:59 local
        rollups.Add(Some.ProductEvent(Some.Utc(2026, 11, 21, 10, 29, 30), "pageview"), Kolkata);

        var expectedMinutes = new Dictionary<EventBucketKey, long>
        {
            [new(Some.ProjectId, "signup", Some.Utc(2026, 11, 21, 10, 29))] = 2,
            [new(Some.ProjectId, "signup", Some.Utc(2026, 11, 21, 10, 30))] = 1,
            [new(Some.ProjectId, "signup", Some.Utc(2026, 11, 21, 11, 29))] = 1,
            [new(Some.ProjectId, "pageview", Some.Utc(2026, 11, 21, 10, 29))] = 1,
        };
        var expectedHours = new Dictionary<EventBucketKey, long>
        {
            [new(Some.ProjectId, "signup", Some.Utc(2026, 11, 21, 9, 30))] = 2,
            [new(Some.ProjectId, "signup", Some.Utc(2026, 11, 21, 10, 30))] = 2,
            [new(Some.ProjectId, "pageview", Some.Utc(2026, 11, 21, 9, 30))] = 1,
        };
        Assert.Equal(expectedMinutes, rollups.EventMinutes);
        Assert.Equal(expectedHours, rollups.EventHours);
    }

    [Fact]
    public void Add_EventsWithBreakdownValues_CountsEachValuePerLocalHour()
    {
        var rollups = new RollupSet();
        var hour = Some.Utc(2026, 11, 21, 10);

        rollups.Add(Some.ProductEvent(hour.AddMinutes(1), breakdownValues: [("plan", "pro"), ("country", "KR")]), TimeZoneInfo.Utc);
        rollups.Add(Some.ProductEvent(hour.AddMinutes(2), breakdownValues: [("plan", "pro")]), TimeZoneInfo.Utc);
        rollups.Add(Some.ProductEvent(hour.AddMinutes(3), breakdownValues: [("plan", "free")]), TimeZoneInfo.Utc);
        rollups.Add(Some.ProductEvent(hour.AddHours(1), breakdownValues: [("plan", "pro")]), TimeZoneInfo.Utc);

        var expected = new Dictionary<PropertyBucketKey, long>
        {
            [new(Some.ProjectId, "signup", "plan", "pro", hour)] = 2,
            [new(Some.ProjectId, "signup", "country", "KR", hour)] = 1,
            [new(Some.ProjectId, "signup", "plan", "free", hour)] = 1,
            [new(Some.ProjectId, "signup", "plan", "pro", hour.AddHours(1))] = 1,
        };
        Assert.Equal(expected, rollups.PropertyHours);
    }

    [Fact]
    public void Add_SameUserManyTimes_CountsUserOncePerMinuteHourAndDay()
    {
        var rollups = new RollupSet();

        rollups.Add(Some.ProductEvent(Some.Utc(2026, 11, 21, 10, 0, 5), "signup", "alice"), TimeZoneInfo.Utc);
        rollups.Add(Some.ProductEvent(Some.Utc(2026, 11, 21, 10, 0, 40), "pageview", "alice"), TimeZoneInfo.Utc);
        rollups.Add(Some.ProductEvent(Some.Utc(2026, 11, 21, 10, 1, 0), "pageview", "alice"), TimeZoneInfo.Utc);
        rollups.Add(Some.ProductEvent(Some.Utc(2026, 11, 21, 10, 0, 30), "pageview", "bob"), TimeZoneInfo.Utc);
        rollups.Add(Some.ProductEvent(Some.Utc(2026, 11, 21, 13, 0, 0), "pageview", "bob"), TimeZoneInfo.Utc);

        UserBucketKey[] expectedMinutes =
        [
            new(Some.ProjectId, Some.Utc(2026, 11, 21, 10, 0), "alice"),
            new(Some.ProjectId, Some.Utc(2026, 11, 21, 10, 1), "alice"),
            new(Some.ProjectId, Some.Utc(2026, 11, 21, 10, 0), "bob"),
            new(Some.ProjectId, Some.Utc(2026, 11, 21, 13, 0), "bob"),
        ];
        UserBucketKey[] expectedHours =
        [
            new(Some.ProjectId, Some.Utc(2026, 11, 21, 10), "alice"),
            new(Some.ProjectId, Some.Utc(2026, 11, 21, 10), "bob"),
            new(Some.ProjectId, Some.Utc(2026, 11, 21, 13), "bob"),
        ];
        UserDayKey[] expectedDays =
        [
            new(Some.ProjectId, new DateOnly(2026, 11, 21), "alice"),
            new(Some.ProjectId, new DateOnly(2026, 11, 21), "bob"),
        ];
        Assert.True(rollups.UserMinutes.SetEquals(expectedMinutes));
        Assert.True(rollups.UserHours.SetEquals(expectedHours));
        Assert.True(rollups.UserDays.SetEquals(expectedDays));
    }

    [Fact]
    public void Add_SameDistinctIdInTwoProjects_CountsOncePerProject()
    {
        var rollups = new RollupSet();
        var instant = Some.Utc(2026, 11, 21, 10);

        rollups.Add(Some.ProductEvent(instant, distinctId: "alice", projectId: 1), TimeZoneInfo.Utc);
        rollups.Add(Some.ProductEvent(instant, distinctId: "alice", projectId: 2), TimeZoneInfo.Utc);

        Assert.Equal(2, rollups.UserMinutes.Count);
        Assert.Equal(2, rollups.UserHours.Count);
        Assert.Equal(2, rollups.UserDays.Count);
    }

    [Fact]
    public void Add_EventsAroundSeoulMidnight_FallOnDifferentLocalDates()
    {
        var rollups = new RollupSet();

        // 23:59:59 and 00:00:00 in Seoul, the same UTC date.
        rollups.Add(Some.ProductEvent(Some.Utc(2026, 11, 20, 14, 59, 59), distinctId: "alice"), Seoul);
        rollups.Add(Some.ProductEvent(Some.Utc(2026, 11, 20, 15, 0, 0), distinctId: "alice"), Seoul);

        UserDayKey[] expected =
        [
            new(Some.ProjectId, new DateOnly(2026, 11, 20), "alice"),
            new(Some.ProjectId, new DateOnly(2026, 11, 21), "alice"),
        ];
        Assert.True(rollups.UserDays.SetEquals(expected));
        Assert.Equal(
            [Some.Utc(2026, 11, 20, 14), Some.Utc(2026, 11, 20, 15)],
            rollups.UserHours.Select(key => key.BucketStart).Order());
    }

    [Fact]
    public void Add_EventsAroundSeoulMidnightInUtc_FallOnOneDate()
    {
        var rollups = new RollupSet();

        rollups.Add(Some.ProductEvent(Some.Utc(2026, 11, 20, 14, 59, 59), distinctId: "alice"), TimeZoneInfo.Utc);
        rollups.Add(Some.ProductEvent(Some.Utc(2026, 11, 20, 15, 0, 0), distinctId: "alice"), TimeZoneInfo.Utc);

        Assert.Equal(new UserDayKey(Some.ProjectId, new DateOnly(2026, 11, 20), "alice"), Assert.Single(rollups.UserDays));
    }

    [Fact]
    public void Add_Requests_AggregatesCountErrorsAndSumPerMinuteAndHour()
    {
        var rollups = new RollupSet();
        var minute = Some.Utc(2026, 11, 21, 10, 0);

        rollups.Add(Some.Request(minute.AddSeconds(10), status: 200, durationMs: 10), TimeZoneInfo.Utc);
        rollups.Add(Some.Request(minute.AddSeconds(20), status: 404, durationMs: 20), TimeZoneInfo.Utc);
        rollups.Add(Some.Request(minute.AddSeconds(30), status: 500, durationMs: 30), TimeZoneInfo.Utc);
        rollups.Add(Some.Request(minute.AddSeconds(40), status: 503, durationMs: 40), TimeZoneInfo.Utc);
        rollups.Add(Some.Request(minute.AddSeconds(50), status: 302, durationMs: 5), TimeZoneInfo.Utc);
        rollups.Add(Some.Request(minute.AddMinutes(1), status: 499, durationMs: 100), TimeZoneInfo.Utc);

        Assert.Equal(2, rollups.RequestMinutes.Count);
        var first = rollups.RequestMinutes[new RequestBucketKey(Some.ProjectId, minute)];
        Assert.Equal((5L, 2L, 1L, 105.0), (first.Count, first.ServerErrors, first.ClientErrors, first.SumMs));
        var second = rollups.RequestMinutes[new RequestBucketKey(Some.ProjectId, minute.AddMinutes(1))];
        Assert.Equal((1L, 0L, 1L, 100.0), (second.Count, second.ServerErrors, second.ClientErrors, second.SumMs));
        var hour = Assert.Single(rollups.RequestHours);
        Assert.Equal(new RequestBucketKey(Some.ProjectId, Some.Utc(2026, 11, 21, 10)), hour.Key);
        Assert.Equal((6L, 2L, 2L, 205.0), (hour.Value.Count, hour.Value.ServerErrors, hour.Value.ClientErrors, hour.Value.SumMs));
    }

    [Fact]
    public void Add_RequestsInKolkata_RouteHoursAreUtcHoursPerMethodAndRoute()
    {
        var rollups = new RollupSet();
        // 10:20 and 10:40 UTC: one UTC hour, but two local hours in Kolkata (15:50 and 16:10).
        rollups.Add(Some.Request(Some.Utc(2026, 11, 21, 10, 20), durationMs: 10), Kolkata);
        rollups.Add(Some.Request(Some.Utc(2026, 11, 21, 10, 40), status: 500, durationMs: 30), Kolkata);
        rollups.Add(Some.Request(Some.Utc(2026, 11, 21, 10, 40), durationMs: 20) with { Method = "POST" }, Kolkata);

        Assert.Equal(2, rollups.RequestHours.Count);
        var get = rollups.RouteHours[new RouteHourKey(Some.ProjectId, Some.Utc(2026, 11, 21, 10), new RouteKey("GET", "/api/users/{id}"))];
        Assert.Equal((2L, 1L), (get.Requests.Count, get.Requests.ServerErrors));
        Assert.Equal([30.0, 10], get.Slowest.Select(request => request.DurationMs));
        Assert.Equal(2, rollups.RouteHours.Count);

        rollups.Clear();

        Assert.Empty(rollups.RouteHours);
    }

    [Theory]
    [InlineData(100, 0, 0)]
    [InlineData(399, 0, 0)]
    [InlineData(400, 0, 1)]
    [InlineData(499, 0, 1)]
    [InlineData(500, 1, 0)]
    [InlineData(599, 1, 0)]
    public void Add_RequestStatus_ClassifiesServerAndClientErrors(int status, long serverErrors, long clientErrors)
    {
        var rollups = new RollupSet();

        rollups.Add(Some.Request(Some.Utc(2026, 11, 21, 10), status: status), TimeZoneInfo.Utc);

        var aggregate = Assert.Single(rollups.RequestMinutes).Value;
        Assert.Equal(serverErrors, aggregate.ServerErrors);
        Assert.Equal(clientErrors, aggregate.ClientErrors);
    }

    [Fact]
    public void Add_Requests_SketchHoldsTheLatencies()
    {
        var rollups = new RollupSet();
        double[] durations = [5, 10, 20, 30, 40, 100];
        foreach (var duration in durations)
        {
            rollups.Add(Some.Request(Some.Utc(2026, 11, 21, 10, 0, 1), durationMs: duration), TimeZoneInfo.Utc);
        }

        var sketch = Assert.Single(rollups.RequestHours).Value.Sketch;

        // Nearest rank: the median of six values is the third, 20; the maximum is 100.
        Assert.Equal(6, sketch.Count);
        Assert.InRange(sketch.Quantile(0.5)!.Value, 19.8, 20.2);
        Assert.InRange(sketch.Quantile(1)!.Value, 99, 101);
    }

    [Fact]
    public void Add_RequestsInKolkata_GroupsHoursAtHalfPastUtc()
    {
        var rollups = new RollupSet();

        rollups.Add(Some.Request(Some.Utc(2026, 11, 21, 10, 29)), Kolkata);
        rollups.Add(Some.Request(Some.Utc(2026, 11, 21, 10, 31)), Kolkata);

        Assert.Equal(
            [Some.Utc(2026, 11, 21, 9, 30), Some.Utc(2026, 11, 21, 10, 30)],
            rollups.RequestHours.Keys.Select(key => key.BucketStart).Order());
    }

    [Fact]
    public void From_ProjectsInDifferentZones_UsesEachProjectsZone()
    {
        var instant = Some.Utc(2026, 11, 20, 15, 30); // 00:30 on the 21st in Seoul
        ProductEvent[] events = [Some.ProductEvent(instant, distinctId: "alice", projectId: 1), Some.ProductEvent(instant, distinctId: "alice", projectId: 2)];
        RequestSample[] requests = [Some.Request(instant, projectId: 1), Some.Request(instant, projectId: 2)];

        var rollups = RollupSet.From(events, requests, projectId => projectId == 1 ? Seoul : TimeZoneInfo.Utc);

        UserDayKey[] expected =
        [
            new(1, new DateOnly(2026, 11, 21), "alice"),
            new(2, new DateOnly(2026, 11, 20), "alice"),
        ];
        Assert.True(rollups.UserDays.SetEquals(expected));
        Assert.Equal(2, rollups.RequestMinutes.Count);
        Assert.All(rollups.RequestMinutes.Values, aggregate => Assert.Equal(1, aggregate.Count));
    }

    [Fact]
    public void Merge_TwoAggregates_AddsEveryField()
    {
        var first = new RequestAggregate();
        first.Add(Some.Request(Some.Utc(2026, 11, 21, 10), status: 500, durationMs: 30));
        first.Add(Some.Request(Some.Utc(2026, 11, 21, 10), status: 200, durationMs: 10));
        var second = new RequestAggregate();
        second.Add(Some.Request(Some.Utc(2026, 11, 21, 10), status: 404, durationMs: 60));

        first.Merge(second);

        Assert.Equal((3L, 1L, 1L, 100.0), (first.Count, first.ServerErrors, first.ClientErrors, first.SumMs));
        Assert.Equal(3, first.Sketch.Count);
    }
}
