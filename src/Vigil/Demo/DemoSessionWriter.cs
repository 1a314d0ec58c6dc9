namespace Vigil.Demo;

/// <summary>One simulated person; the funnel steps are decided on arrival and happen on the visit they name.</summary>
internal sealed class DemoUser
{
    private const double SignupShare = 0.60;

    // Above the ~40% and ~30% the funnel should show, because some users never come back for the visit their step needs.
    private const double AppCreationShare = 0.48;
    private const double OrderShare = 0.40;

    private static readonly string[] Platforms = ["web", "ios", "android"];
    private static readonly double[] PlatformWeights = [0.60, 0.25, 0.15];
    private static readonly string[] Plans = ["Basic", "Pro", "Enterprise"];
    private static readonly double[] PlanWeights = [0.78, 0.20, 0.02];

    private DemoUser(string distinctId, int arrivalDay, string platform, string plan, double engagement)
    {
        DistinctId = distinctId;
        ArrivalDay = arrivalDay;
        Platform = platform;
        Plan = plan;
        Engagement = engagement;
    }

    public string DistinctId { get; }

    public int ArrivalDay { get; }

    public string Platform { get; }

    /// <summary>The plan chosen at signup.</summary>
    public string Plan { get; }

    /// <summary>Chance of a visit on any day after arrival, before retention decay.</summary>
    public double Engagement { get; }

    /// <summary>The visit (1-based) with the signup, or 0 for a visitor who never signs up; likewise for the later steps.</summary>
    public int SignupVisit { get; private init; }

    public int AppVisit { get; private init; }

    public int OrderVisit { get; private init; }

    public int Visits { get; set; }

    public DateTimeOffset LastActivity { get; set; } = DateTimeOffset.MinValue;

    public static DemoUser Create(string distinctId, int arrivalDay, SplitMix64 random)
    {
        var platform = Platforms[random.NextWeighted(PlatformWeights)];
        var plan = Plans[random.NextWeighted(PlanWeights)];
        var engagement = 0.05 + 0.55 * Math.Pow(random.NextDouble(), 2);
        var signupVisit = random.NextDouble() < SignupShare ? 1 + random.NextWeighted([0.70, 0.20, 0.10]) : 0;
        var appVisit = signupVisit > 0 && random.NextDouble() < AppCreationShare ? signupVisit + random.NextWeighted([0.70, 0.20, 0.10]) : 0;
        var orderVisit = appVisit > 0 && random.NextDouble() < OrderShare ? appVisit + random.NextWeighted([0.50, 0.30, 0.20]) : 0;
        return new DemoUser(distinctId, arrivalDay, platform, plan, engagement)
        {
            SignupVisit = signupVisit,
            AppVisit = appVisit,
            OrderVisit = orderVisit,
        };
    }
}

/// <summary>Turns visits into page views, funnel events and the API calls behind them, kept in time order until drained.</summary>
internal sealed class DemoSessionWriter(SplitMix64 random, DemoBackend backend, DateTimeOffset end)
{
    private const double RepeatOrderChance = 0.15;

    private static readonly string[] VisitorPaths = ["/", "/pricing", "/docs"];
    private static readonly string[] MemberPaths = ["/dashboard", "/orders", "/docs", "/pricing"];

    private static readonly Dictionary<string, long[]> OrderAmounts = new()
    {
        ["Basic"] = [9_900, 19_900, 29_900],
        ["Pro"] = [99_000, 149_000, 199_000],
        ["Enterprise"] = [490_000, 990_000],
    };

    private readonly PriorityQueue<DemoEvent, (long Ticks, long Sequence)> _events = new();
    private readonly PriorityQueue<DemoRequest, (long Ticks, long Sequence)> _requests = new();
    private long _sequence;

    public void WriteSession(DemoUser user, DateTimeOffset start)
    {
        user.Visits++;
        var visit = user.Visits;
        var isMember = user.SignupVisit != 0 && user.SignupVisit < visit;
        var time = start;

        var landing = visit == 1 ? random.Pick(["/", "/", "/pricing", "/docs"]) : isMember ? "/dashboard" : random.Pick(VisitorPaths);
        WritePageView(user, time, landing);
        if (isMember && random.NextDouble() < 0.3)
        {
            WriteRequest(time + TimeSpan.FromMilliseconds(300), "POST", "/api/auth/login");
        }

        var browsing = Math.Min(random.NextGeometric(4) - 1, 15);
        var beforeFunnel = random.Next(browsing + 1);
        time = Browse(user, time, beforeFunnel, isMember ? MemberPaths : VisitorPaths);

        if (visit == user.SignupVisit)
        {
            time = Step(user, time, "/signup", "/api/auth/signup", "signup", new() { ["plan"] = user.Plan, ["platform"] = user.Platform });
        }

        if (visit == user.AppVisit)
        {
            time = Step(user, time, "/apps/new", "/api/apps", "app_created", new() { ["plan"] = user.Plan });
        }

        if (visit == user.OrderVisit || (user.OrderVisit != 0 && visit > user.OrderVisit && random.NextDouble() < RepeatOrderChance))
        {
            var amount = random.Pick(OrderAmounts[user.Plan]);
            time = Step(user, time, "/checkout", "/api/orders", "order", new() { ["plan"] = user.Plan, ["amount"] = amount, ["currency"] = "KRW" });
            if (visit == user.OrderVisit)
            {
                // The first order starts the paid plan: the event the KPI page's free → paid conversion counts by default.
                time += TimeSpan.FromSeconds(1);
                WriteEvent(new DemoEvent("plan_upgraded", user.DistinctId, DemoDataGenerator.TruncateToMillisecond(time), new Dictionary<string, object> { ["plan"] = user.Plan }));
            }
        }

        time = Browse(user, time, browsing - beforeFunnel, user.SignupVisit != 0 && user.SignupVisit <= visit ? MemberPaths : VisitorPaths);
        user.LastActivity = time;
    }

    public void WriteRequest(DateTimeOffset timestamp, string method, string route)
    {
        if (timestamp < end)
        {
            var request = backend.Serve(random, timestamp, method, route);
            _requests.Enqueue(request, (request.Timestamp.UtcTicks, _sequence++));
        }
    }

    /// <summary>Everything written before <paramref name="until"/>, sorted; later writes never go before it.</summary>
    public (List<DemoEvent> Events, List<DemoRequest> Requests) Drain(DateTimeOffset until) =>
        (Drain(_events, until), Drain(_requests, until));

    private DateTimeOffset Browse(DemoUser user, DateTimeOffset time, int pages, string[] paths)
    {
        for (var page = 0; page < pages; page++)
        {
            time = Pause(time);
            WritePageView(user, time, random.Pick(paths));
        }

        return time;
    }

    private DateTimeOffset Step(DemoUser user, DateTimeOffset time, string path, string route, string eventName, Dictionary<string, object> properties)
    {
        time = Pause(time);
        WritePageView(user, time, path);
        time = Pause(time);
        WriteRequest(time, "POST", route);

        // The product records the step once the API call behind it has returned.
        var recorded = time + TimeSpan.FromMilliseconds(500 + random.Next(1500));
        WriteEvent(new DemoEvent(eventName, user.DistinctId, DemoDataGenerator.TruncateToMillisecond(recorded), properties));
        return recorded;
    }

    private void WritePageView(DemoUser user, DateTimeOffset time, string path)
    {
        WriteEvent(new DemoEvent("$pageview", user.DistinctId, DemoDataGenerator.TruncateToMillisecond(time), new Dictionary<string, object>
        {
            ["path"] = path,
            ["platform"] = user.Platform,
        }));

        var route = path switch
        {
            "/dashboard" => "/api/apps",
            "/orders" or "/checkout" => "/api/orders",
            _ => null,
        };
        if (route is not null)
        {
            WriteRequest(time + TimeSpan.FromMilliseconds(150 + random.Next(200)), "GET", route);
        }

        if (random.NextDouble() < 0.4)
        {
            WriteRequest(time + TimeSpan.FromMilliseconds(100 + random.Next(200)), "GET", "/api/me");
        }
    }

    private void WriteEvent(DemoEvent item)
    {
        if (item.Timestamp < end)
        {
            _events.Enqueue(item, (item.Timestamp.UtcTicks, _sequence++));
        }
    }

    private DateTimeOffset Pause(DateTimeOffset time) => time + TimeSpan.FromSeconds(2 + random.NextExponential(35));

    private static List<T> Drain<T>(PriorityQueue<T, (long Ticks, long Sequence)> queue, DateTimeOffset until)
    {
        var drained = new List<T>(queue.Count);
        while (queue.TryPeek(out var item, out var priority) && priority.Ticks < until.UtcTicks)
        {
            drained.Add(item);
            queue.Dequeue();
        }

        return drained;
    }
}
