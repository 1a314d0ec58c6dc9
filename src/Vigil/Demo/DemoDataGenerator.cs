namespace Vigil.Demo;

/// <summary>A product event as the ingestion API takes it; property values are strings or integers.</summary>
internal sealed record DemoEvent(string Name, string DistinctId, DateTimeOffset Timestamp, IReadOnlyDictionary<string, object> Properties);

internal sealed record DemoRequest(DateTimeOffset Timestamp, string Method, string Route, int Status, double DurationMs);

/// <summary>The data of [From, To), each list sorted by time; the next chunk starts where this one ends.</summary>
internal sealed record DemoChunk(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<DemoEvent> Events, IReadOnlyList<DemoRequest> Requests);

/// <summary>
/// A deterministic history of a small Korean product: users arrive over the days and come back on some of them,
/// browse, and go through signup → app_created → order, while the backend serves requests with a daily rhythm,
/// a few error spikes and one short outage. Memory holds the user table and about one day of data.
/// </summary>
internal sealed class DemoDataGenerator
{
    public const int MaxDays = 30;
    public const ulong DefaultSeed = 20261121;

    // The server refuses timestamps older than 30 days; the margin leaves time to send the whole history before its oldest hour ages out.
    private static readonly TimeSpan AcceptanceMargin = TimeSpan.FromHours(2);

    // Korea has kept UTC+9 without daylight saving since 1988, so a fixed offset is exact and needs no time-zone database.
    internal static readonly TimeSpan SeoulOffset = TimeSpan.FromHours(9);

    // Relative traffic by Seoul local hour: a trough before dawn and a peak in the evening.
    internal static readonly double[] HourlyTraffic =
    [
        0.55, 0.35, 0.22, 0.15, 0.12, 0.14, 0.22, 0.38, 0.55, 0.68, 0.75, 0.80,
        0.85, 0.80, 0.78, 0.78, 0.80, 0.85, 0.92, 1.00, 1.10, 1.15, 1.00, 0.80,
    ];

    // Background API calls (mobile sync, open tabs) per arrived user per minute at an hourly weight of 1.
    private const double BackgroundRequestsPerUserMinute = 0.005;

    private readonly int _users;
    private readonly ulong _seed;
    private readonly DemoBackend _backend;

    public DemoDataGenerator(int days, int users, DateTimeOffset now, ulong seed = DefaultSeed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(days, MaxDays);
        ArgumentOutOfRangeException.ThrowIfLessThan(users, 1);

        _users = users;
        _seed = seed;
        To = TruncateToMillisecond(now);
        var oldestAccepted = To - TimeSpan.FromDays(MaxDays) + AcceptanceMargin;
        var requested = To - TimeSpan.FromDays(days);
        From = requested > oldestAccepted ? requested : oldestAccepted;
        _backend = new DemoBackend(From, To, seed);
    }

    /// <summary>The oldest timestamp generated.</summary>
    public DateTimeOffset From { get; }

    /// <summary>Every timestamp generated is before this one: the given now.</summary>
    public DateTimeOffset To { get; }

    /// <summary>The error spikes and the outage, in time order, so a caller can tell the user where to look.</summary>
    public IReadOnlyList<DemoIncident> Incidents => _backend.Incidents;

    /// <summary>One chunk per Seoul calendar day, oldest first; enumerating twice yields the same data.</summary>
    public IEnumerable<DemoChunk> Generate()
    {
        var random = new SplitMix64(_seed);
        var days = PlanDays();
        var users = PlanUsers(random, days, _users);
        var writer = new DemoSessionWriter(random, _backend, To);
        var arrived = 0;

        for (var dayIndex = 0; dayIndex < days.Count; dayIndex++)
        {
            var day = days[dayIndex];
            while (arrived < users.Length && users[arrived].ArrivalDay == dayIndex)
            {
                arrived++;
            }

            for (var index = 0; index < arrived; index++)
            {
                var user = users[index];
                var visits = user.ArrivalDay == dayIndex ? 1 : ReturnVisits(random, user, day, dayIndex);
                for (var visit = 0; visit < visits; visit++)
                {
                    var start = SampleTime(random, day);
                    if (start <= user.LastActivity)
                    {
                        // Sessions of one user never overlap, so the funnel steps keep their order in time.
                        start = user.LastActivity + TimeSpan.FromMinutes(20 + random.NextExponential(90));
                    }

                    writer.WriteSession(user, start);
                }
            }

            WriteBackgroundRequests(random, day, arrived, writer);
            var end = dayIndex + 1 < days.Count ? days[dayIndex + 1].Start : To;
            var (events, requests) = writer.Drain(end);
            yield return new DemoChunk(dayIndex == 0 ? From : day.Start, end, events, requests);
        }
    }

    internal static DateTimeOffset TruncateToMillisecond(DateTimeOffset time) =>
        new(time.UtcTicks - time.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);

    private List<DayPlan> PlanDays()
    {
        var days = new List<DayPlan>();
        var localFrom = From.ToOffset(SeoulOffset);
        var start = new DateTimeOffset(localFrom.Year, localFrom.Month, localFrom.Day, 0, 0, 0, SeoulOffset);
        var fullDay = HourlyTraffic.Sum();
        while (start < To)
        {
            var weights = new double[HourlyTraffic.Length];
            for (var hour = 0; hour < weights.Length; hour++)
            {
                var overlap = Overlap(start.AddHours(hour), start.AddHours(hour + 1));
                weights[hour] = HourlyTraffic[hour] * (overlap / TimeSpan.FromHours(1));
            }

            var weekday = start.DayOfWeek switch
            {
                DayOfWeek.Saturday => 0.70,
                DayOfWeek.Sunday => 0.75,
                DayOfWeek.Friday => 0.95,
                _ => 1.0,
            };
            days.Add(new DayPlan(start, weights, weights.Sum() / fullDay, weekday));
            start = start.AddDays(1);
        }

        return days;
    }

    private static DemoUser[] PlanUsers(SplitMix64 random, List<DayPlan> days, int count)
    {
        // Arrivals grow over the period (a product gaining traction) and follow the weekly rhythm.
        var arrivalWeights = days
            .Select((day, index) => (1.0 + (double)index / Math.Max(1, days.Count - 1)) * day.Weekday * day.Coverage)
            .ToArray();
        var arrivalDays = new int[count];
        for (var index = 0; index < count; index++)
        {
            arrivalDays[index] = random.NextWeighted(arrivalWeights);
        }

        // Sorted so that identifiers follow arrival order and the users present on a day are a prefix of the table.
        Array.Sort(arrivalDays);
        var users = new DemoUser[count];
        for (var index = 0; index < count; index++)
        {
            users[index] = DemoUser.Create($"u_{index + 1}", arrivalDays[index], random);
        }

        return users;
    }

    private static int ReturnVisits(SplitMix64 random, DemoUser user, DayPlan day, int dayIndex)
    {
        var age = dayIndex - user.ArrivalDay;
        var retention = 0.35 + 0.65 * Math.Exp(-age / 6.0);
        var chance = user.Engagement * retention * day.Weekday * day.Coverage;
        if (random.NextDouble() >= chance)
        {
            return 0;
        }

        return random.NextDouble() < chance * 0.3 ? 2 : 1;
    }

    private DateTimeOffset SampleTime(SplitMix64 random, DayPlan day)
    {
        var hour = random.NextWeighted(day.HourWeights);
        var hourStart = Max(day.Start.AddHours(hour), From);
        var hourEnd = Min(day.Start.AddHours(hour + 1), To);
        return TruncateToMillisecond(hourStart + (hourEnd - hourStart) * random.NextDouble());
    }

    private void WriteBackgroundRequests(SplitMix64 random, DayPlan day, int arrivedUsers, DemoSessionWriter writer)
    {
        for (var hour = 0; hour < HourlyTraffic.Length; hour++)
        {
            var perMinute = arrivedUsers * BackgroundRequestsPerUserMinute * HourlyTraffic[hour] * day.Weekday;
            for (var minute = 0; minute < 60; minute++)
            {
                var minuteStart = day.Start.AddHours(hour).AddMinutes(minute);
                if (minuteStart < From || minuteStart.AddMinutes(1) > To)
                {
                    continue;
                }

                var count = random.NextPoisson(perMinute);
                for (var index = 0; index < count; index++)
                {
                    var (method, route) = DemoBackend.PickBackgroundRoute(random);
                    writer.WriteRequest(minuteStart + TimeSpan.FromMinutes(random.NextDouble()), method, route);
                }
            }
        }
    }

    private TimeSpan Overlap(DateTimeOffset start, DateTimeOffset end)
    {
        var overlap = Min(end, To) - Max(start, From);
        return overlap > TimeSpan.Zero ? overlap : TimeSpan.Zero;
    }

    private static DateTimeOffset Max(DateTimeOffset left, DateTimeOffset right) => left > right ? left : right;

    private static DateTimeOffset Min(DateTimeOffset left, DateTimeOffset right) => left < right ? left : right;

    private sealed record DayPlan(DateTimeOffset Start, double[] HourWeights, double Coverage, double Weekday);
}
