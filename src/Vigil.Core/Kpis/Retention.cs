namespace Vigil.Core.Kpis;

/// <summary>A user who signed up on a local day, with their active local days and breakdown value.</summary>
public sealed record SignedUpUser(string DistinctId, DateOnly SignupDay, IReadOnlySet<DateOnly> ActiveDays, string? Segment);

/// <summary>
/// The users who signed up in one week (from its monday): the share active on day N after signup for each of
/// <see cref="Retention.CohortDays"/>, and the share active in week N for N = 1…<see cref="Retention.CohortWeeks"/>.
/// A share is null until its day (or whole week) has come for at least one of the cohort's users, and counts only them.
/// </summary>
public sealed record Cohort(DateOnly WeekStart, long Users, IReadOnlyList<double?> DayPercents, IReadOnlyList<double?> WeekPercents);

/// <summary>The 7-day and 30-day retention rates and the signups they are taken of.</summary>
public sealed record RetentionFigures(Compared Signups, Compared SevenDayPercent, Compared ThirtyDayPercent);

public sealed record RetentionReport(
    DateOnly From, DateOnly To, IReadOnlyList<int> CohortDays, int CohortWeeks, IReadOnlyList<Cohort> Cohorts, RetentionFigures Total,
    string? By, IReadOnlyList<Segment<RetentionFigures>> Breakdown);

/// <summary>
/// Retention (README "Product KPIs"). Day N of a user is the local day N days after their signup day; they are
/// retained on day N when active on it, and in week N when active on any of days 7N…7N+6. The N-day retention rate
/// is the share of users who came back on any of days 1…N.
/// </summary>
public static class Retention
{
    public static IReadOnlyList<int> CohortDays { get; } = [1, 7, 30];
    public const int CohortWeeks = 8;

    /// <summary>The cohorts of the signup weeks that overlap the period, only counting signups in it.</summary>
    public static IReadOnlyList<Cohort> Cohorts(DayRange period, IEnumerable<SignedUpUser> users, DateOnly today) =>
        users.Where(user => period.Contains(user.SignupDay))
            .GroupBy(user => KpiMath.WeekStart(user.SignupDay))
            .OrderBy(week => week.Key)
            .Select(week => new Cohort(
                week.Key,
                week.Count(),
                CohortDays.Select(day => Share(week, today, user => user.SignupDay.AddDays(day), user => user.ActiveDays.Contains(user.SignupDay.AddDays(day)))).ToList(),
                Enumerable.Range(1, CohortWeeks).Select(weekNumber => Share(
                    week, today, user => user.SignupDay.AddDays(7 * weekNumber + 6), user => ActiveWithin(user, 7 * weekNumber, 7 * weekNumber + 6))).ToList()))
            .ToList();

    public static RetentionFigures Figures(DayRange period, IReadOnlyCollection<SignedUpUser> users, DateOnly today)
    {
        var (current, previous) = (users.Where(user => period.Contains(user.SignupDay)).ToList(), users.Where(user => period.Previous.Contains(user.SignupDay)).ToList());
        return new RetentionFigures(
            new(current.Count, previous.Count),
            new(Rate(current, 7, today), Rate(previous, 7, today)),
            new(Rate(current, 30, today), Rate(previous, 30, today)));
    }

    /// <summary>The share of the users whose day <paramref name="days"/> has come who were active on any of days 1…days.</summary>
    public static double? Rate(IEnumerable<SignedUpUser> users, int days, DateOnly today) =>
        Share(users, today, user => user.SignupDay.AddDays(days), user => ActiveWithin(user, 1, days));

    private static double? Share(IEnumerable<SignedUpUser> users, DateOnly today, Func<SignedUpUser, DateOnly> comesOn, Func<SignedUpUser, bool> retained)
    {
        var eligible = users.Where(user => comesOn(user) <= today).ToList();
        return KpiMath.Percent(eligible.Count(retained), eligible.Count);
    }

    private static bool ActiveWithin(SignedUpUser user, int firstDay, int lastDay) =>
        user.ActiveDays.Any(day => day.DayNumber - user.SignupDay.DayNumber is var offset && offset >= firstDay && offset <= lastDay);
}
