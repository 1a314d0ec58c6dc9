using Vigil.Core.Ingest;
using Vigil.Core.Storage;

namespace Vigil.Testing.Contracts;

/// <summary>How every telemetry store counts an experiment's exposures and conversions; each engine's test project runs it on a store of its own.</summary>
public abstract class TelemetryExperimentsContract<TEngine> : TelemetryContract<TEngine>
    where TEngine : ITelemetryEngine, new()
{
    private static readonly TimeZoneInfo Seoul = TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul");
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Stop = Start.AddDays(2);
    private static readonly string[] Variants = ["control", "b", "c"];

    private IExperimentEventStore Experiments => (IExperimentEventStore)Store;

    [Fact]
    public async Task CountExperimentDaysAsync_GeneratedUsers_FirstExposureDecidesAndLaterGoalsConvert()
    {
        var expected = await WriteGeneratedUsersAsync();

        var tally = await TallyAsync("checkout", Variants, "order");

        Assert.Equal(
            Variants.Select((variant, index) => new VariantTally(variant, expected[index, 0], expected[index, 1])),
            tally.Variants);
        Assert.Equal((100L, 25L), (tally.Variants[0].Exposed, tally.Variants[0].Converted));
        Assert.Equal(0, tally.CrossExposedUsers);
    }

    [Fact]
    public async Task CountExperimentDaysAsync_UserSeesTwoVariants_CountedOnceInTheFirstAndReported()
    {
        await WriteAsync(
            Exposure("both", "checkout", "b", Start.AddMinutes(5)),
            Exposure("both", "checkout", "control", Start.AddMinutes(1)),
            Event("both", "order", Start.AddMinutes(3)),
            // The same millisecond: the earlier variant of the definition wins.
            FlagCall("tie", "checkout", "c", Start.AddMinutes(2)),
            Exposure("tie", "checkout", "b", Start.AddMinutes(2)),
            Exposure("once", "checkout", "c", Start.AddMinutes(2)),
            Exposure("once", "checkout", "c", Start.AddMinutes(9)),
            Event("once", "order", Start.AddMinutes(2)));

        var tally = await TallyAsync("checkout", Variants, "order");

        Assert.Equal([new("control", 1, 1), new("b", 1, 0), new("c", 1, 1)], tally.Variants);
        Assert.Equal(2, tally.CrossExposedUsers);
    }

    [Fact]
    public async Task CountExperimentDaysAsync_OtherExperimentsProjectsVariantsAndTimes_DoNotCount()
    {
        await WriteAsync(
            Exposure("early", "checkout", "b", Start.AddMilliseconds(-1)),
            Event("early", "order", Start.AddMinutes(1)),
            Exposure("late", "checkout", "b", Stop),
            Exposure("other-key", "pricing", "b", Start.AddMinutes(1)),
            Exposure("unknown-variant", "checkout", "d", Start.AddMinutes(1)),
            Exposure("other-project", "checkout", "b", Start.AddMinutes(1), projectId: 2),
            Event("never-exposed", "order", Start.AddMinutes(1)),
            Event("counted", "$exposure", Start.AddMinutes(1), """{"experiment": "checkout", "variant": "b", "plan": "pro"}"""),
            Event("counted", "order", Stop.AddMilliseconds(-1)));

        var tally = await TallyAsync("checkout", Variants, "order");

        Assert.Equal([new("control", 0, 0), new("b", 1, 1), new("c", 0, 0)], tally.Variants);
        Assert.Equal(0, tally.CrossExposedUsers);
    }

    [Fact]
    public async Task CountExperimentDaysAsync_BooleanFlagResponse_CountsAsTrueOrFalse()
    {
        await WriteAsync(
            Event("on", "$feature_flag_called", Start.AddMinutes(1), """{"$feature_flag":"new-nav","$feature_flag_response":true}"""),
            Event("off", "$feature_flag_called", Start.AddMinutes(1), """{"$feature_flag":"new-nav","$feature_flag_response":false}"""),
            Event("on", "signup", Start.AddMinutes(2)));

        var tally = await TallyAsync("new-nav", ["false", "true"], "signup");

        Assert.Equal([new("false", 1, 0), new("true", 1, 1)], tally.Variants);
    }

    [Fact]
    public async Task CountExperimentDaysAsync_SeoulDayBoundaries_CountsByLocalDayOfExposureAndFirstConversion()
    {
        // Start is 09:00 in Seoul (UTC+9): local days turn at Start + 15 h and Start + 39 h.
        await WriteAsync(
            Exposure("last-minute", "checkout", "control", Start.AddHours(15).AddMilliseconds(-1)),
            Event("last-minute", "order", Start.AddHours(15)),
            Event("after-midnight", "order", Start.AddHours(1)),
            FlagCall("after-midnight", "checkout", "b", Start.AddHours(15)),
            Event("after-midnight", "order", Start.AddHours(20)),
            Event("after-midnight", "order", Start.AddHours(40)),
            Exposure("never", "checkout", "c", Start.AddHours(1)),
            Exposure("crossed", "checkout", "control", Start.AddHours(2)),
            Exposure("crossed", "checkout", "b", Start.AddHours(40)),
            Event("crossed", "order", Start.AddHours(41)),
            Event("too-late", "order", Stop),
            Exposure("too-late", "checkout", "c", Stop.AddMilliseconds(-1)));
        var (nov20, nov21, nov22) = (new DateOnly(2026, 11, 20), new DateOnly(2026, 11, 21), new DateOnly(2026, 11, 22));

        var days = await Experiments.CountExperimentDaysAsync(1, "checkout", Variants, "order", Start, Stop, Seoul, CancellationToken.None);

        Assert.Equal(
            [new(0, nov20, nov21, 1, 0), new(0, nov20, nov22, 1, 1), new(1, nov21, nov21, 1, 0), new(2, nov20, null, 1, 0), new(2, nov22, null, 1, 0)],
            days.OrderBy(count => count.Position).ThenBy(count => count.ExposedOn).ThenBy(count => count.ConvertedOn));
        var looks = ExperimentDayCount.Cumulative(Variants, days, nov20, nov22);
        Assert.Equal([nov20, nov21, nov22], looks.Select(look => look.Day));
        Assert.Equal([new("control", 2, 0), new("b", 0, 0), new("c", 1, 0)], looks[0].Variants);
        Assert.Equal([new("control", 2, 1), new("b", 1, 1), new("c", 1, 0)], looks[1].Variants);
        Assert.Equal([new("control", 2, 2), new("b", 1, 1), new("c", 2, 0)], looks[2].Variants);
        var tally = ExperimentTally.Of(Variants, days);
        Assert.Equal(looks[2].Variants, tally.Variants);
        Assert.Equal(1, tally.CrossExposedUsers);
    }

    [Fact]
    public async Task CountExperimentDaysAsync_GeneratedUsers_LastDayHoldsTheTotals()
    {
        var expected = await WriteGeneratedUsersAsync();
        var utc = TimeZoneInfo.Utc;

        var days = await Experiments.CountExperimentDaysAsync(1, "checkout", Variants, "order", Start, Stop, utc, CancellationToken.None);

        var looks = ExperimentDayCount.Cumulative(Variants, days, new DateOnly(2026, 11, 20), new DateOnly(2026, 11, 21));
        Assert.Equal(
            Variants.Select((variant, index) => new VariantTally(variant, expected[index, 0], expected[index, 1])),
            looks[^1].Variants);
        // Exposures end before Start + 5 h and conversions an hour after them: the second UTC day adds nobody.
        Assert.Equal(looks[0].Variants, looks[1].Variants);
        Assert.Equal(300, days.Sum(count => count.Users));
    }

    private async Task<ExperimentTally> TallyAsync(string experimentKey, IReadOnlyList<string> variants, string goalEvent) =>
        ExperimentTally.Of(variants, await Experiments.CountExperimentDaysAsync(1, experimentKey, variants, goalEvent, Start, Stop, TimeZoneInfo.Utc, CancellationToken.None));

    /// <summary>Exposed and converted users per variant of the generated users.</summary>
    private async Task<long[,]> WriteGeneratedUsersAsync()
    {
        // 300 users: user i sees variant i % 3 at Start + i minutes; every 4th converts an hour later, every 7th did the
        // goal only before its exposure (not a conversion), every 10th only after the stop (not counted).
        var events = new List<ProductEvent>();
        var expected = new long[3, 2];
        for (var user = 0; user < 300; user++)
        {
            var id = $"u{user}";
            var exposedAt = Start.AddMinutes(user);
            var variant = user % 3;
            events.Add(user % 2 == 0 ? Exposure(id, "checkout", Variants[variant], exposedAt) : FlagCall(id, "checkout", Variants[variant], exposedAt));
            expected[variant, 0]++;
            if (user % 4 == 0)
            {
                events.Add(Event(id, "order", exposedAt.AddHours(1)));
                expected[variant, 1]++;
            }
            else if (user % 7 == 0)
            {
                events.Add(Event(id, "order", exposedAt.AddMilliseconds(-1)));
            }
            else if (user % 10 == 0)
            {
                events.Add(Event(id, "order", Stop));
            }
        }
        await WriteAsync([.. events]);
        return expected;
    }

    private async Task WriteAsync(params ProductEvent[] events)
    {
        await Store.WriteAsync(new IngestBatch(events, [], new Dictionary<long, TimeZoneInfo> { [1] = Seoul, [2] = Seoul }), CancellationToken.None);
        await MakeReadableAsync();
    }

    private static ProductEvent Exposure(string user, string experiment, string variant, DateTimeOffset at, long projectId = 1) =>
        Event(user, "$exposure", at, $$"""{"experiment":"{{experiment}}","variant":"{{variant}}"}""", projectId);

    /// <summary>As posthog-js sends it, with its own properties around the flag's.</summary>
    private static ProductEvent FlagCall(string user, string flag, string variant, DateTimeOffset at) =>
        Event(user, "$feature_flag_called", at, $$"""{"$os":"Mac OS X","$feature_flag":"{{flag}}","$feature_flag_response":"{{variant}}","$active_feature_flags":["{{flag}}"]}""");

    private static ProductEvent Event(string user, string name, DateTimeOffset at, string properties = "{}", long projectId = 1) =>
        new(projectId, name, user, at, properties, IngestParser.BreakdownValues(properties));
}
