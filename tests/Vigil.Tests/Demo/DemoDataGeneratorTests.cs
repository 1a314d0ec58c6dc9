using Vigil.Demo;
using Xunit;

namespace Vigil.Tests.Demo;

public sealed class DemoDataGeneratorTests(DemoDataGeneratorTests.ThirtyDaySample sample) : IClassFixture<DemoDataGeneratorTests.ThirtyDaySample>
{
    private static readonly TimeSpan Seoul = TimeSpan.FromHours(9);

    [Fact]
    public void Generate_FirstOrder_StartsThePaidPlanOnce()
    {
        var upgrades = sample.Events.Where(item => item.Name == "plan_upgraded").ToList();
        var firstOrders = sample.Events.Where(item => item.Name == "order").GroupBy(item => item.DistinctId).ToDictionary(user => user.Key, user => user.First());

        Assert.Equal(firstOrders.Keys.Order(), upgrades.Select(item => item.DistinctId).Order());
        Assert.All(upgrades, upgrade =>
        {
            Assert.True(firstOrders[upgrade.DistinctId].Timestamp < upgrade.Timestamp);
            Assert.Equal(firstOrders[upgrade.DistinctId].Properties["plan"], upgrade.Properties["plan"]);
        });
    }

    [Fact]
    public void Generate_LargeSample_SignupPlansFollowTargetShares()
    {
        var signups = sample.Events.Where(item => item.Name == "signup").ToList();

        var shares = signups.GroupBy(item => (string)item.Properties["plan"]).ToDictionary(group => group.Key, group => (double)group.Count() / signups.Count);

        Assert.True(signups.Count > 2000, $"only {signups.Count} signups");
        Assert.Equal(["Basic", "Enterprise", "Pro"], shares.Keys.Order());
        Assert.InRange(shares["Basic"], 0.75, 0.81);
        Assert.InRange(shares["Pro"], 0.17, 0.23);
        Assert.InRange(shares["Enterprise"], 0.01, 0.03);
    }

    [Fact]
    public void Generate_LargeSample_FunnelConvertsNearTargets()
    {
        var usersBy = sample.Events.GroupBy(item => item.Name).ToDictionary(group => group.Key, group => group.Select(item => item.DistinctId).ToHashSet());

        var appShare = (double)usersBy["app_created"].Count / usersBy["signup"].Count;
        var orderShare = (double)usersBy["order"].Count / usersBy["app_created"].Count;

        Assert.Equal(5000, usersBy["$pageview"].Count);
        Assert.InRange(appShare, 0.33, 0.47);
        Assert.InRange(orderShare, 0.22, 0.38);
    }

    [Fact]
    public void Generate_EveryUser_OrdersOnlyAfterSignupAndAppCreated()
    {
        foreach (var user in sample.Events.Where(item => item.Name != "$pageview").GroupBy(item => item.DistinctId))
        {
            var steps = user.ToList();
            var signup = steps.SingleOrDefault(item => item.Name == "signup");
            var app = steps.SingleOrDefault(item => item.Name == "app_created");
            var orders = steps.Where(item => item.Name == "order").ToList();

            Assert.NotNull(signup);
            if (orders.Count > 0)
            {
                Assert.NotNull(app);
            }

            if (app is not null)
            {
                Assert.True(signup.Timestamp < app.Timestamp, $"{user.Key} created an app before signing up");
            }

            Assert.All(orders, order => Assert.True(app!.Timestamp < order.Timestamp, $"{user.Key} ordered before creating an app"));
        }
    }

    [Fact]
    public void Generate_ThirtyDays_EverythingInsideAcceptedWindowAndSorted()
    {
        var now = sample.Generator.To;

        Assert.True(sample.Generator.From >= now - TimeSpan.FromDays(30) + TimeSpan.FromHours(1));
        AssertSortedWithin(sample.Events.Select(item => item.Timestamp).ToList(), sample.Generator.From, now);
        AssertSortedWithin(sample.Requests.Select(item => item.Timestamp).ToList(), sample.Generator.From, now);
        Assert.Equal(sample.Generator.From, sample.Chunks[0].From);
        Assert.Equal(now, sample.Chunks[^1].To);
        Assert.All(sample.Chunks.Zip(sample.Chunks.Skip(1)), pair => Assert.Equal(pair.First.To, pair.Second.From));
        Assert.All(sample.Chunks, chunk =>
        {
            Assert.All(chunk.Events, item => Assert.InRange(item.Timestamp, chunk.From, chunk.To - TimeSpan.FromTicks(1)));
            Assert.All(chunk.Requests, item => Assert.InRange(item.Timestamp, chunk.From, chunk.To - TimeSpan.FromTicks(1)));
        });
    }

    [Fact]
    public void Generate_SevenDays_StartsSevenDaysBeforeNow()
    {
        var generator = SomeDemo.Generator(days: 7, users: 200);

        var events = generator.Generate().SelectMany(chunk => chunk.Events).ToList();

        Assert.Equal(SomeDemo.Now - TimeSpan.FromDays(7), generator.From);
        AssertSortedWithin(events.Select(item => item.Timestamp).ToList(), generator.From, SomeDemo.Now);
    }

    [Fact]
    public void Generate_SameSeed_YieldsSameData()
    {
        var first = SomeDemo.Fingerprint(SomeDemo.Generator(days: 10, users: 500, seed: 3));
        var second = SomeDemo.Generator(days: 10, users: 500, seed: 3);

        Assert.Equal(first, SomeDemo.Fingerprint(second));
        Assert.Equal(first, SomeDemo.Fingerprint(second));
    }

    [Fact]
    public void Generate_OtherSeed_YieldsOtherData()
    {
        var first = SomeDemo.Fingerprint(SomeDemo.Generator(days: 10, users: 500, seed: 3));
        var second = SomeDemo.Fingerprint(SomeDemo.Generator(days: 10, users: 500, seed: 4));

        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Generate_Orders_CarryWholeKrwAmountsByPlan()
    {
        var orders = sample.Events.Where(item => item.Name == "order").ToList();

        Assert.NotEmpty(orders);
        Assert.All(orders, order =>
        {
            Assert.Equal("KRW", order.Properties["currency"]);
            var amount = Assert.IsType<long>(order.Properties["amount"]);
            Assert.InRange(amount, 9_900, 990_000);
            if ((string)order.Properties["plan"] == "Basic")
            {
                Assert.True(amount < 50_000, $"a Basic order of {amount} KRW");
            }
        });
    }

    [Fact]
    public void Generate_PageViews_CarryPathAndPlatform()
    {
        var pageViews = sample.Events.Where(item => item.Name == "$pageview").ToList();

        Assert.All(pageViews, item => Assert.StartsWith("/", (string)item.Properties["path"]));
        Assert.Equal(["android", "ios", "web"], pageViews.Select(item => (string)item.Properties["platform"]).Distinct().Order());
        Assert.InRange(pageViews.Select(item => item.Properties["path"]).Distinct().Count(), 4, 10);
    }

    [Fact]
    public void Generate_PageViews_PeakInSeoulEveningAndDipOnWeekends()
    {
        var pageViews = sample.Events.Where(item => item.Name == "$pageview").Select(item => item.Timestamp.ToOffset(Seoul)).ToList();
        var today = sample.Generator.To.ToOffset(Seoul).Date;
        var lastWeek = pageViews.Where(time => time.Date >= today.AddDays(-7) && time.Date < today).ToList();

        var evening = pageViews.Count(time => time.Hour is >= 20 and <= 21);
        var night = pageViews.Count(time => time.Hour is >= 3 and <= 4);
        var perDay = lastWeek.GroupBy(time => time.Date).ToDictionary(group => group.Key.DayOfWeek, group => group.Count());

        Assert.True(evening > 4 * night, $"evening {evening}, night {night}");
        Assert.True(perDay[DayOfWeek.Saturday] < perDay[DayOfWeek.Thursday], $"Saturday {perDay[DayOfWeek.Saturday]}, Thursday {perDay[DayOfWeek.Thursday]}");
    }

    [Fact]
    public void Generate_Requests_HaveLogNormalLatencyAndFewServerErrorsOutsideIncidents()
    {
        var calm = sample.Requests.Where(request => !sample.Generator.Incidents.Any(incident => incident.From <= request.Timestamp && request.Timestamp < incident.To)).ToList();

        var durations = calm.Select(request => request.DurationMs).Order().ToList();
        var serverErrorRate = (double)calm.Count(request => request.Status >= 500) / calm.Count;

        Assert.InRange(durations[durations.Count / 2], 90, 150);
        Assert.InRange(serverErrorRate, 0.002, 0.005);
        Assert.Contains(calm, request => request is { Method: "POST", Route: "/api/orders" });
        Assert.Contains(calm, request => request is { Method: "GET", Route: "/api/apps" });
        Assert.Contains(calm, request => request is { Method: "POST", Route: "/api/auth/login" });
    }

    [Fact]
    public void Generate_Requests_IncludeOneTenMinuteOutageAndErrorSpikes()
    {
        var outage = Assert.Single(sample.Generator.Incidents, incident => incident.IsOutage);
        var spikes = sample.Generator.Incidents.Where(incident => !incident.IsOutage).ToList();

        var duringOutage = sample.Requests.Where(request => outage.From <= request.Timestamp && request.Timestamp < outage.To).ToList();
        var duringSpikes = sample.Requests.Where(request => spikes.Any(spike => spike.From <= request.Timestamp && request.Timestamp < spike.To)).ToList();

        Assert.Equal(TimeSpan.FromMinutes(10), outage.To - outage.From);
        Assert.True(duringOutage.Count >= 10, $"{duringOutage.Count} requests during the outage");
        Assert.All(duringOutage, request => Assert.Equal(503, request.Status));
        Assert.True(duringOutage.Average(request => request.DurationMs) > 1000);
        Assert.InRange(spikes.Count, 2, 4);
        Assert.InRange((double)duringSpikes.Count(request => request.Status >= 500) / duringSpikes.Count, 0.04, 0.22);
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(31, 10)]
    [InlineData(7, 0)]
    public void Constructor_OutOfRange_Throws(int days, int users)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DemoDataGenerator(days, users, SomeDemo.Now));
    }

    private static void AssertSortedWithin(List<DateTimeOffset> timestamps, DateTimeOffset from, DateTimeOffset to)
    {
        Assert.NotEmpty(timestamps);
        Assert.True(timestamps[0] >= from, $"{timestamps[0]:O} is before {from:O}");
        Assert.True(timestamps[^1] < to, $"{timestamps[^1]:O} is not before {to:O}");
        for (var index = 1; index < timestamps.Count; index++)
        {
            Assert.True(timestamps[index - 1] <= timestamps[index], $"out of order at {index}: {timestamps[index - 1]:O} > {timestamps[index]:O}");
        }
    }

    /// <summary>One 30-day, 5,000-user history shared by the tests that only read it.</summary>
    public sealed class ThirtyDaySample
    {
        public ThirtyDaySample()
        {
            Generator = SomeDemo.Generator(days: 30, users: 5000, seed: 7);
            Chunks = Generator.Generate().ToList();
            Events = Chunks.SelectMany(chunk => chunk.Events).ToList();
            Requests = Chunks.SelectMany(chunk => chunk.Requests).ToList();
        }

        internal DemoDataGenerator Generator { get; }

        internal List<DemoChunk> Chunks { get; }

        internal List<DemoEvent> Events { get; }

        internal List<DemoRequest> Requests { get; }
    }
}

internal static class SomeDemo
{
    public static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 34, 56, 789, TimeSpan.Zero);

    public static DemoDataGenerator Generator(int days = 3, int users = 100, ulong seed = 1) => new(days, users, Now, seed);

    public static string Fingerprint(DemoDataGenerator generator)
    {
        var text = new System.Text.StringBuilder();
        foreach (var chunk in generator.Generate())
        {
            foreach (var item in chunk.Events)
            {
                text.Append($"{item.Name}|{item.DistinctId}|{item.Timestamp:O}|{string.Join(',', item.Properties.Select(pair => $"{pair.Key}={pair.Value}"))}\n");
            }

            foreach (var item in chunk.Requests)
            {
                text.Append($"{item.Timestamp:O}|{item.Method}|{item.Route}|{item.Status}|{item.DurationMs}\n");
            }
        }

        return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text.ToString())));
    }
}
