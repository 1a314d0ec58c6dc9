using Vigil.Core.Metrics;
using Vigil.Core.Projects;
using Vigil.Core.Storage;

namespace Vigil.Core.Kpis;

/// <summary>
/// Reads what each KPI needs from the store and hands it to the KPI math. A breakdown takes the property from the
/// signup event (retention, conversion), the entering event (funnels), or else the user's latest event carrying it
/// in the range read.
/// </summary>
public sealed class KpiService(IKpiEventStore store, IKpiSettingsStore settings, TimeProvider time)
{
    public DateOnly Today(Project project) => TimeBuckets.LocalDate(time.GetUtcNow(), project.TimeZone);

    public async Task<ActiveUsersReport> GetActiveUsersAsync(Project project, DayRange period, string? by, CancellationToken cancellationToken)
    {
        var read = new DayRange(ActiveUsers.FirstDayRead(period), period.To);
        var users = await store.ReadActiveDaysAsync(project.Id, read.From, read.To, cancellationToken);
        var values = await LatestValuesAsync(project, by, read, cancellationToken);
        var breakdown = values is null ? [] : Segments.Split(users, user => values.GetValueOrDefault(user.DistinctId))
            .Select(group => new Segment<ActiveUserFigures>(group.Value, group.Items.Count(user => user.Days.Any(period.Contains)), ActiveUsers.Figures(period, group.Items)))
            .ToList();
        return new ActiveUsersReport(period.From, period.To, ActiveUsers.Figures(period, users), ActiveUsers.Daily(period, users), by, breakdown);
    }

    public async Task<RetentionReport> GetRetentionAsync(Project project, DayRange period, string? by, CancellationToken cancellationToken)
    {
        var today = Today(project);
        var zone = project.TimeZone;
        var (start, end) = new DayRange(period.Previous.From, period.To).Instants(zone);
        var signups = await store.ReadFirstOccurrencesAsync(project.Id, project.KeyEvents.Signup, null, by, start, end, cancellationToken);
        var activeDays = (await store.ReadActiveDaysAsync(project.Id, period.Previous.From, today, cancellationToken))
            .ToDictionary(user => user.DistinctId, user => (IReadOnlySet<DateOnly>)user.Days.ToHashSet(), StringComparer.Ordinal);
        var users = signups.Select(signup => new SignedUpUser(
            signup.DistinctId, TimeBuckets.LocalDate(signup.Time, zone), activeDays.GetValueOrDefault(signup.DistinctId) ?? new HashSet<DateOnly>(), signup.PropertyValue)).ToList();
        var breakdown = by is null ? [] : Segments.Split(users, user => user.Segment)
            .Select(group => new Segment<RetentionFigures>(group.Value, group.Items.Count(user => period.Contains(user.SignupDay)), Retention.Figures(period, group.Items, today)))
            .ToList();
        return new RetentionReport(
            period.From, period.To, Retention.CohortDays, Retention.CohortWeeks, Retention.Cohorts(period, users, today), Retention.Figures(period, users, today), by, breakdown);
    }

    public async Task<ChurnReport> GetChurnAsync(Project project, int months, string? by, CancellationToken cancellationToken)
    {
        var today = Today(project);
        var read = new DayRange(Churn.FirstDayRead(today, months), today);
        var users = await store.ReadActiveDaysAsync(project.Id, read.From, read.To, cancellationToken);
        var values = await LatestValuesAsync(project, by, read, cancellationToken);
        var monthly = Churn.Months(users, today, months);
        var breakdown = values is null ? [] : Segments.Split(users, user => values.GetValueOrDefault(user.DistinctId))
            .Select(group => new Segment<Compared>(group.Value, group.Items.Count, Churn.Headline(Churn.Months(group.Items, today, months))))
            .ToList();
        return new ChurnReport(monthly, Churn.Headline(monthly), by, breakdown);
    }

    public async Task<ConversionReport> GetConversionAsync(Project project, DayRange period, string? by, CancellationToken cancellationToken)
    {
        var paid = await settings.GetKpiSettingsAsync(project.Id, cancellationToken);
        var zone = project.TimeZone;
        var (start, end) = new DayRange(period.Previous.From, period.To).Instants(zone);
        var signupsTask = store.ReadFirstOccurrencesAsync(project.Id, project.KeyEvents.Signup, null, by, start, end, cancellationToken);
        var paidTask = store.ReadFirstOccurrencesAsync(project.Id, paid.PaidEvent, paid.Exclusion, null, start, end, cancellationToken);
        var (signups, paidUsers) = (await signupsTask, await paidTask);
        var paidDays = paidUsers.ToDictionary(user => user.DistinctId, user => TimeBuckets.LocalDate(user.Time, zone), StringComparer.Ordinal);
        var users = signups.Select(signup => new Conversion.UserConversion(
            signup.DistinctId, TimeBuckets.LocalDate(signup.Time, zone), paidDays.TryGetValue(signup.DistinctId, out var day) ? day : null, signup.PropertyValue)).ToList();
        var breakdown = by is null ? [] : Segments.Split(users, user => user.Segment)
            .Select(group => new Segment<ConversionFigures>(group.Value, group.Items.Count(user => period.Contains(user.SignupDay!.Value)), Conversion.Figures(period, group.Items)))
            .ToList();
        return new ConversionReport(period.From, period.To, paid.PaidEvent, Conversion.Figures(period, users), by, breakdown);
    }

    public async Task<FunnelReport> GetFunnelAsync(Project project, IReadOnlyList<string> steps, TimeSpan window, DayRange period, string? by, CancellationToken cancellationToken)
    {
        var zone = project.TimeZone;
        var (start, end) = period.Instants(zone);
        var (previousStart, _) = period.Previous.Instants(zone);
        var events = store.ReadStepEventsAsync(project.Id, steps.Distinct().ToList(), by, previousStart, end + window, cancellationToken);
        var progressions = await Funnels.ProgressionsAsync(steps, window, [new(start, end), new(previousStart, start)], events, cancellationToken);
        var (current, previous) = (progressions[0], progressions[1]);
        var breakdown = by is null ? [] : Segments.Split(current.Select(user => (Current: true, User: user)).Concat(previous.Select(user => (Current: false, User: user))), entry => entry.User.Segment)
            .Select(group => new Segment<FunnelFigures>(
                group.Value,
                group.Items.Count(entry => entry.Current),
                Funnels.Figures(steps, group.Items.Where(entry => entry.Current).Select(entry => entry.User).ToList(), group.Items.Where(entry => !entry.Current).Select(entry => entry.User).ToList())))
            .ToList();
        return new FunnelReport(period.From, period.To, steps, window, Funnels.Figures(steps, current, previous), by, breakdown);
    }

    public async Task<EventsPerUserReport> GetEventsPerUserAsync(Project project, string eventName, DayRange period, string? by, CancellationToken cancellationToken)
    {
        var zone = project.TimeZone;
        var read = new DayRange(period.Previous.From, period.To);
        var (start, end) = period.Instants(zone);
        var (previousStart, _) = period.Previous.Instants(zone);
        var currentTask = store.CountEventsPerUserAsync(project.Id, eventName, start, end, cancellationToken);
        var previousTask = store.CountEventsPerUserAsync(project.Id, eventName, previousStart, start, cancellationToken);
        var activeTask = store.ReadActiveDaysAsync(project.Id, read.From, read.To, cancellationToken);
        var valuesTask = LatestValuesAsync(project, by, read, cancellationToken);
        var (current, previous, active, values) = (await currentTask, await previousTask, await activeTask, await valuesTask);
        var users = active.Select(user => new Conversion.UserEvents(
            user.DistinctId, current.GetValueOrDefault(user.DistinctId), previous.GetValueOrDefault(user.DistinctId), user.Days, values?.GetValueOrDefault(user.DistinctId))).ToList();
        var breakdown = values is null ? [] : Segments.Split(users, user => user.Segment)
            .Select(group => new Segment<EventsPerUserFigures>(group.Value, group.Items.Count(user => user.ActiveDays.Any(period.Contains)), Conversion.EventsPerUser(period, group.Items)))
            .ToList();
        return new EventsPerUserReport(period.From, period.To, eventName, Conversion.EventsPerUser(period, users), by, breakdown);
    }

    private async Task<IReadOnlyDictionary<string, string>?> LatestValuesAsync(Project project, string? by, DayRange read, CancellationToken cancellationToken)
    {
        if (by is null)
        {
            return null;
        }
        var (start, end) = read.Instants(project.TimeZone);
        return await store.ReadLatestPropertyValuesAsync(project.Id, by, start, end, cancellationToken);
    }
}
