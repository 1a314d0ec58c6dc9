using Vigil.Core.Ingest;
using Vigil.Core.Kpis;
using Vigil.Core.Projects;
using Vigil.Core.Storage;

namespace Vigil.Testing.Contracts;

/// <summary>
/// The KPIs end to end on each engine: generated events with known answers (cohorts that retain exactly 40%, a
/// funnel with exact drop-offs), with signups just before local midnight and returns just after it, which a UTC
/// day would put on the signup day. Daily figures are also checked against a computation straight from the events.
/// </summary>
public abstract class TelemetryKpiFiguresContract<TEngine> : TelemetryContract<TEngine>
    where TEngine : ITelemetryEngine, new()
{
    private static readonly TimeZoneInfo Seoul = TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul");
    private static readonly Project Project = new(1, "shop", "Asia/Seoul", KeyEvents.Default, Targets.Default, null, DateTimeOffset.UnixEpoch);
    private static readonly DayRange CohortWeeks = new(new(2026, 11, 2), new(2026, 11, 15));
    private static readonly DayRange FunnelWeek = new(new(2026, 11, 16), new(2026, 11, 22));

    private readonly List<ProductEvent> _events = Generate();

    private KpiService Kpis => new((IKpiEventStore)Store, new DefaultSettings(), new ManualTimeProvider(Local(2027, 1, 5, 12, 0)));

    [Fact]
    public async Task GetRetentionAsync_CohortsRetainingFortyPercent_FortyOnEveryDayAndRate()
    {
        await WriteAsync();

        var report = await Kpis.GetRetentionAsync(Project, CohortWeeks, "platform", CancellationToken.None);

        Assert.Equal([(new DateOnly(2026, 11, 2), 50L), (new DateOnly(2026, 11, 9), 25L)], report.Cohorts.Select(cohort => (cohort.WeekStart, cohort.Users)));
        Assert.All(report.Cohorts, cohort => Assert.Equal([40.0, 40.0, 40.0], cohort.DayPercents));
        // Week 1 holds day 7, week 4 (days 28…34) day 30; weeks 2 and 3 hold no return.
        Assert.All(report.Cohorts, cohort => Assert.Equal([40.0, 0.0, 0.0, 40.0], cohort.WeekPercents.Take(4)));
        Assert.Equal((75.0, 0.0), (report.Total.Signups.Current, report.Total.Signups.Previous));
        Assert.Equal((40.0, 40.0), (report.Total.SevenDayPercent.Current, report.Total.ThirtyDayPercent.Current));
        // Even users are on the web: 25 + 13 of them, 10 + 5 back.
        var web = report.Breakdown.Single(segment => segment.Value == "web");
        Assert.Equal((38L, 39.47), (web.Users, web.Figures.SevenDayPercent.Current));
        Assert.Equal(75, report.Breakdown.Sum(segment => segment.Users));
    }

    [Fact]
    public async Task GetFunnelAsync_KnownPaths_ExactDropOffsOverallAndPerPlatform()
    {
        await WriteAsync();

        var report = await Kpis.GetFunnelAsync(Project, ["signup", "app_created", "order"], TimeSpan.FromDays(1), FunnelWeek, "platform", CancellationToken.None);

        Assert.Equal([100L, 60, 30], report.Total.Steps.Select(step => step.Users));
        Assert.Equal([0L, 40, 30], report.Total.Steps.Select(step => step.DropOff));
        Assert.Equal([100.0, 60.0, 50.0], report.Total.Steps.Select(step => step.StepConversionPercent));
        // The week before, the second cohort's 25 signups entered and went no further.
        Assert.Equal(new Compared(30.0, 0.0), report.Total.ConversionPercent);
        Assert.Equal([50L, 30, 30], report.Breakdown.Single(segment => segment.Value == "web").Figures.Steps.Select(step => step.Users));
        Assert.Equal([50L, 30, 0], report.Breakdown.Single(segment => segment.Value == "ios").Figures.Steps.Select(step => step.Users));
    }

    [Fact]
    public async Task GetConversionAsync_FortyOfAHundredSignupsPaid_FortyPercentAndPerSignupPlan()
    {
        await WriteAsync();

        var report = await Kpis.GetConversionAsync(Project, FunnelWeek, "plan", CancellationToken.None);

        Assert.Equal((100.0, 40.0, 40.0), (report.Total.Signups.Current, report.Total.Converted.Current, report.Total.RatePercent.Current));
        // The week before had the second cohort's 25 signups and no payments.
        Assert.Equal((25.0, 0.0), (report.Total.Signups.Previous, report.Total.RatePercent.Previous));
        // By the plan on the signup: all 20 trials paid, 20 of the 80 free; the second cohort signed up without a plan.
        Assert.Equal(
            [
                ("free", 80L, new Compared(80, 0), new Compared(20, 0), new Compared(25.0, null)),
                ("(none)", 0L, new Compared(0, 25), new Compared(0, 0), new Compared(null, 0.0)),
                ("trial", 20L, new Compared(20, 0), new Compared(20, 0), new Compared(100.0, null)),
            ],
            report.Breakdown.Select(segment => (segment.Value, segment.Users, segment.Figures.Signups, segment.Figures.Converted, segment.Figures.RatePercent)));
    }

    [Fact]
    public async Task GetChurnAsync_ThirtyOf175BackInDecember_ChurnOfTheRestOverallAndPerPlan()
    {
        await WriteAsync();

        var report = await Kpis.GetChurnAsync(Project, 3, "plan", CancellationToken.None);

        Assert.Equal([null, 82.86, 100.0], report.Months.Select(month => month.RatePercent));
        Assert.Equal((175L, 145L), (report.Months[1].ActiveBefore, report.Months[1].Churned));
        Assert.False(report.Months[2].Complete);
        Assert.Equal(new Compared(82.86, null), report.RatePercent);
        // By the latest plan: the funnel's users (40 upgraded to pro, 60 free) all left in December; of the cohorts'
        // 75 users without a plan, the 30 who came back stayed.
        Assert.Equal(
            [("(none)", 75L, new Compared(60.0, null)), ("free", 60L, new Compared(100.0, null)), ("pro", 40L, new Compared(100.0, null))],
            report.Breakdown.Select(segment => (segment.Value, segment.Users, segment.Figures)));
    }

    [Fact]
    public async Task GetActiveUsersAsync_GeneratedWeek_MatchesACountStraightFromTheEvents()
    {
        await WriteAsync();

        var report = await Kpis.GetActiveUsersAsync(Project, FunnelWeek, "platform", CancellationToken.None);

        var expectedDaily = Enumerable.Range(0, FunnelWeek.Days).Select(offset => FunnelWeek.From.AddDays(offset))
            .Select(day => (long)_events.Where(productEvent => LocalDay(productEvent) == day).Select(productEvent => productEvent.DistinctId).Distinct().Count());
        Assert.Equal(expectedDaily, report.Daily.Select(day => day.Users));
        Assert.Equal((110.0, 175.0), (report.Total.Wau.Current, report.Total.Mau.Current));
        Assert.Equal(Math.Round(expectedDaily.Sum() / 7.0, 2), report.Total.Dau.Current);
    }

    [Fact]
    public async Task GetEventsPerUserAsync_Orders_MatchesACountStraightFromTheEventsOverallAndPerPlan()
    {
        await WriteAsync();

        var report = await Kpis.GetEventsPerUserAsync(Project, "order", FunnelWeek, "plan", CancellationToken.None);

        var inWeek = _events.Where(productEvent => FunnelWeek.Contains(LocalDay(productEvent))).ToList();
        var orders = inWeek.Count(productEvent => productEvent.Name == "order");
        var active = inWeek.Select(productEvent => productEvent.DistinctId).Distinct().Count();
        Assert.Equal((40.0, 110.0), (report.Total.Events.Current, report.Total.ActiveUsers.Current));
        Assert.Equal(Math.Round((double)orders / active, 2), report.Total.EventsPerUser.Current);
        // By the latest plan: pro users 0…39 ordered 20 times (the even ones), free users 40…99 20 times (the even ones
        // up to 58, and 60…69); the cohorts' users without a plan, 45 active the week before and 10 in it, did not order.
        Assert.Equal(
            [
                ("free", 60L, new EventsPerUserFigures(new(20, 0), new(60, 0), new(0.33, null))),
                ("(none)", 10L, new EventsPerUserFigures(new(0, 0), new(10, 45), new(0.0, 0.0))),
                ("pro", 40L, new EventsPerUserFigures(new(20, 0), new(40, 0), new(0.5, null))),
            ],
            report.Breakdown.Select(segment => (segment.Value, segment.Users, segment.Figures)));
    }

    private async Task WriteAsync()
    {
        await Store.WriteAsync(new IngestBatch(_events, [], new Dictionary<long, TimeZoneInfo> { [1] = Seoul }), CancellationToken.None);
        await MakeReadableAsync();
    }

    private static DateOnly LocalDay(ProductEvent productEvent) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(productEvent.Timestamp, Seoul).DateTime);

    private static DateTimeOffset Local(int year, int month, int day, int hour, int minute) => new(year, month, day, hour, minute, 0, TimeSpan.FromHours(9));

    /// <summary>
    /// Cohort of Nov 2: 50 signups at 23:30, the first 20 back at 00:30 on days 1, 7 and 30. Cohort of Nov 9: 25, the
    /// first 10 back alike. Funnel week: 100 signups on Nov 17, users 0…19 on the trial plan and the rest free; the
    /// first 60 create an app an hour later, the even ones of those order after it, users 60…69 order without an app;
    /// users 0…39 upgrade to pro, 40…44 "upgrade" to free.
    /// </summary>
    private static List<ProductEvent> Generate()
    {
        var events = new List<ProductEvent>();
        void Add(string user, string name, DateTimeOffset at, string properties = "{}") =>
            events.Add(new ProductEvent(1, name, user, at.ToUniversalTime(), properties, IngestParser.BreakdownValues(properties)));
        string Platform(int index) => index % 2 == 0 ? """{"platform":"web"}""" : """{"platform":"ios"}""";
        string PlatformAndPlan(int index) => $$"""{"platform":"{{(index % 2 == 0 ? "web" : "ios")}}","plan":"{{(index < 20 ? "trial" : "free")}}"}""";

        foreach (var (prefix, signupDay, users, returning) in new[] { ("c1", 2, 50, 20), ("c2", 9, 25, 10) })
        {
            var signup = Local(2026, 11, signupDay, 23, 30);
            for (var index = 0; index < users; index++)
            {
                Add($"{prefix}-{index}", "signup", signup, Platform(index));
                if (index < returning)
                {
                    foreach (var day in new[] { 1, 7, 30 })
                    {
                        // An hour after 23:30: local day N, but the signup's UTC day when N is 1.
                        Add($"{prefix}-{index}", "open", signup.AddDays(day - 1).AddHours(1));
                    }
                }
            }
        }
        var funnelStart = Local(2026, 11, 17, 10, 0);
        for (var index = 0; index < 100; index++)
        {
            var user = $"f-{index}";
            Add(user, "signup", funnelStart, PlatformAndPlan(index));
            if (index < 60)
            {
                Add(user, "app_created", funnelStart.AddHours(1));
            }
            if (index < 60 && index % 2 == 0)
            {
                Add(user, "order", funnelStart.AddHours(2));
            }
            if (index is >= 60 and < 70)
            {
                Add(user, "order", funnelStart.AddMinutes(30));
            }
            if (index < 45)
            {
                Add(user, "plan_upgraded", funnelStart.AddDays(1), index < 40 ? """{"plan":"pro"}""" : """{"plan":"free"}""");
            }
        }
        return events;
    }

    /// <summary>The defaults a project has until it saves settings (the settings store has a contract of its own).</summary>
    private sealed class DefaultSettings : IKpiSettingsStore
    {
        public Task<KpiSettings> GetKpiSettingsAsync(long projectId, CancellationToken cancellationToken) => Task.FromResult(KpiSettings.Default);

        public Task SaveKpiSettingsAsync(long projectId, KpiSettings settings, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
