using Vigil.Core.Ingest;
using Vigil.Core.Storage;

namespace Vigil.Testing.Contracts;

/// <summary>How every telemetry store answers the product KPIs' per-user reads; each engine's test project runs it on a store of its own.</summary>
public abstract class TelemetryKpisContract<TEngine> : TelemetryContract<TEngine>
    where TEngine : ITelemetryEngine, new()
{
    // Seoul is UTC+9 all year: 15:00 UTC is local midnight.
    private static readonly TimeZoneInfo Seoul = TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul");
    private static readonly DateTimeOffset Midnight = new(2026, 11, 20, 15, 0, 0, TimeSpan.Zero);

    private IKpiEventStore Kpis => (IKpiEventStore)Store;

    [Fact]
    public async Task ReadActiveDaysAsync_AcrossTheZonesMidnight_LocalDaysOfEachUser()
    {
        await WriteAsync(Event("u1", "$pageview", Midnight.AddSeconds(-1)), Event("u2", "$pageview", Midnight.AddDays(1)));
        await WriteAsync(Event("u1", "$pageview", Midnight), Event("u1", "click", Midnight.AddMinutes(5)), Event("u3", "$pageview", Midnight, projectId: 2));

        var users = await Kpis.ReadActiveDaysAsync(1, new DateOnly(2026, 11, 20), new DateOnly(2026, 11, 21), CancellationToken.None);

        var user = Assert.Single(users);
        Assert.Equal("u1", user.DistinctId);
        Assert.Equal([new DateOnly(2026, 11, 20), new DateOnly(2026, 11, 21)], user.Days);
    }

    [Fact]
    public async Task ReadFirstOccurrencesAsync_FirstEverInTheRange_WithItsPropertyValue()
    {
        await WriteAsync(
            Event("before", "signup", Midnight.AddDays(-3)),
            Event("before", "signup", Midnight.AddHours(1)),
            Event("twice", "signup", Midnight.AddHours(2), """{"platform":"ios"}"""),
            Event("twice", "signup", Midnight.AddHours(1), """{"platform":"web"}"""),
            Event("number", "signup", Midnight.AddHours(3), """{"platform":7}"""),
            Event("flag", "signup", Midnight.AddHours(3), """{"platform":true}"""),
            Event("bare", "signup", Midnight.AddHours(3)),
            Event("late", "signup", Midnight.AddDays(1)),
            Event("other", "login", Midnight.AddHours(1)));

        var users = await Kpis.ReadFirstOccurrencesAsync(1, "signup", null, "platform", Midnight, Midnight.AddDays(1), CancellationToken.None);

        Assert.Equal(
            ["bare:", "flag:true", "number:7", "twice:web"],
            users.Select(user => $"{user.DistinctId}:{user.PropertyValue}").Order(StringComparer.Ordinal));
        Assert.Equal(Midnight.AddHours(1), users.Single(user => user.DistinctId == "twice").Time);
    }

    [Fact]
    public async Task ReadFirstOccurrencesAsync_Exclusion_SkipsEventsWithTheExcludedValue()
    {
        await WriteAsync(
            Event("downgraded", "plan_upgraded", Midnight.AddHours(1), """{"plan":"free"}"""),
            Event("downgraded", "plan_upgraded", Midnight.AddHours(5).AddMilliseconds(250), """{"plan":"pro"}"""),
            Event("free-only", "plan_upgraded", Midnight.AddHours(1), """{"plan":"free"}"""),
            Event("no-plan", "plan_upgraded", Midnight.AddHours(2)));

        var users = await Kpis.ReadFirstOccurrencesAsync(1, "plan_upgraded", new PropertyExclusion("plan", "free"), null, Midnight, Midnight.AddDays(1), CancellationToken.None);

        Assert.Equal(["downgraded", "no-plan"], users.Select(user => user.DistinctId).Order(StringComparer.Ordinal));
        Assert.Equal(Midnight.AddHours(5).AddMilliseconds(250), users.Single(user => user.DistinctId == "downgraded").Time);
        Assert.All(users, user => Assert.Null(user.PropertyValue));
    }

    [Fact]
    public async Task ReadFirstOccurrencesAsync_EarlierEventArrivingLater_BecomesTheFirst()
    {
        await WriteAsync(Event("late-earlier", "signup", Midnight.AddHours(2), """{"platform":"ios"}"""), Event("backfilled", "signup", Midnight.AddHours(1)));
        await WriteAsync(Event("late-earlier", "signup", Midnight.AddHours(1), """{"platform":"web"}"""), Event("backfilled", "signup", Midnight.AddDays(-2)));

        var users = await Kpis.ReadFirstOccurrencesAsync(1, "signup", null, "platform", Midnight, Midnight.AddDays(1), CancellationToken.None);

        var user = Assert.Single(users);
        Assert.Equal(("late-earlier", Midnight.AddHours(1), "web"), (user.DistinctId, user.Time, user.PropertyValue));
    }

    [Fact]
    public async Task ReadFirstOccurrencesAsync_ExcludedFirstEvents_CountTheFirstEventThatCounts()
    {
        await WriteAsync(
            Event("free-before", "plan_upgraded", Midnight.AddDays(-2), """{"plan":"free"}"""),
            Event("paid-before", "plan_upgraded", Midnight.AddDays(-2), """{"plan":"free"}"""),
            Event("paid-before", "plan_upgraded", Midnight.AddDays(-1), """{"plan":"pro"}"""),
            Event("paid-after", "plan_upgraded", Midnight.AddDays(-3), """{"plan":"free"}"""));
        await WriteAsync(
            Event("free-before", "plan_upgraded", Midnight.AddHours(3), """{"plan":"team","platform":"ios"}"""),
            Event("paid-before", "plan_upgraded", Midnight.AddHours(3), """{"plan":"team"}"""),
            Event("paid-after", "plan_upgraded", Midnight.AddDays(1), """{"plan":"pro"}"""));

        var users = await Kpis.ReadFirstOccurrencesAsync(1, "plan_upgraded", new PropertyExclusion("plan", "free"), "platform", Midnight, Midnight.AddDays(1), CancellationToken.None);

        var user = Assert.Single(users);
        Assert.Equal(("free-before", Midnight.AddHours(3), "ios"), (user.DistinctId, user.Time, user.PropertyValue));
    }

    [Fact]
    public async Task ReadLatestPropertyValuesAsync_LatestEventCarryingTheProperty()
    {
        await WriteAsync(
            Event("u1", "open", Midnight.AddHours(1), """{"plan":"free"}"""),
            Event("u1", "open", Midnight.AddHours(2), """{"plan":"pro"}"""),
            Event("u1", "open", Midnight.AddHours(3)),
            Event("u1", "open", Midnight.AddDays(1), """{"plan":"team"}"""),
            Event("u2", "open", Midnight.AddHours(1)),
            Event("u3", "open", Midnight.AddHours(1), """{"plan":"free"}"""));

        var values = await Kpis.ReadLatestPropertyValuesAsync(1, "plan", Midnight, Midnight.AddDays(1), CancellationToken.None);

        Assert.Equal(["u1:pro", "u3:free"], values.Select(pair => $"{pair.Key}:{pair.Value}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ReadStepEventsAsync_OnlyTheNamesInTheRange_ByUserThenTime()
    {
        await WriteAsync(
            Event("b", "order", Midnight.AddMinutes(3)),
            Event("b", "signup", Midnight.AddMinutes(1), """{"platform":"ios"}"""),
            Event("a", "signup", Midnight.AddMinutes(2)),
            Event("a", "$pageview", Midnight.AddMinutes(2)),
            Event("a", "order", Midnight.AddMilliseconds(-1)),
            Event("a", "order", Midnight.AddHours(1)));

        var events = await Kpis.ReadStepEventsAsync(1, ["signup", "order"], "platform", Midnight, Midnight.AddHours(1), CancellationToken.None).ToListAsync();

        Assert.Equal(["a:signup:2:", "b:signup:1:ios", "b:order:3:"], events.Select(step => $"{step.DistinctId}:{step.Name}:{(step.Time - Midnight).TotalMinutes}:{step.PropertyValue}"));
    }

    [Fact]
    public async Task CountEventsPerUserAsync_EventsOfTheNameInTheRange()
    {
        await WriteAsync(
            Event("a", "order", Midnight), Event("a", "order", Midnight.AddHours(2)), Event("a", "order", Midnight.AddDays(1)),
            Event("b", "order", Midnight.AddHours(1)), Event("b", "signup", Midnight.AddHours(1)), Event("c", "signup", Midnight));

        var counts = await Kpis.CountEventsPerUserAsync(1, "order", Midnight, Midnight.AddDays(1), CancellationToken.None);

        Assert.Equal(["a:2", "b:1"], counts.Select(pair => $"{pair.Key}:{pair.Value}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task CountEventsPerUserAsync_LateEventsAndManyBatches_EveryEventOfTheRange()
    {
        for (var batch = 0; batch < 3; batch++)
        {
            await WriteAsync(Enumerable.Range(0, 700).Select(index => Event("a", "order", Midnight.AddSeconds(batch * 700 + index))).ToArray());
        }
        await WriteAsync(Event("a", "order", Midnight.AddDays(-1)), Event("b", "order", Midnight.AddHours(-1)), Event("b", "order", Midnight.AddHours(23)));

        var counts = await Kpis.CountEventsPerUserAsync(1, "order", Midnight.AddHours(-2), Midnight.AddDays(1), CancellationToken.None);

        Assert.Equal(["a:2100", "b:2"], counts.Select(pair => $"{pair.Key}:{pair.Value}").Order(StringComparer.Ordinal));
    }

    private async Task WriteAsync(params ProductEvent[] events)
    {
        await Store.WriteAsync(new IngestBatch(events, [], new Dictionary<long, TimeZoneInfo> { [1] = Seoul, [2] = Seoul }), CancellationToken.None);
        await MakeReadableAsync();
    }

    private static ProductEvent Event(string user, string name, DateTimeOffset at, string properties = "{}", long projectId = 1) =>
        new(projectId, name, user, at, properties, IngestParser.BreakdownValues(properties));
}
