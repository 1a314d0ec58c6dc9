namespace Vigil.Core.Kpis;

public sealed record ConversionFigures(Compared Signups, Compared Converted, Compared RatePercent);

public sealed record ConversionReport(DateOnly From, DateOnly To, string PaidEvent, ConversionFigures Total, string? By, IReadOnlyList<Segment<ConversionFigures>> Breakdown);

public sealed record EventsPerUserFigures(Compared Events, Compared ActiveUsers, Compared EventsPerUser);

public sealed record EventsPerUserReport(DateOnly From, DateOnly To, string Event, EventsPerUserFigures Total, string? By, IReadOnlyList<Segment<EventsPerUserFigures>> Breakdown);

/// <summary>
/// Conversion free → paid (README "Product KPIs"): of the users who signed up in a period, the share whose first
/// paid-plan event (<see cref="KpiSettings"/>) came in the same period. Events per active user: a chosen event's
/// count in a period ÷ the users active in it.
/// </summary>
public static class Conversion
{
    /// <summary>A user's signup and first paid-plan event, either absent.</summary>
    public sealed record UserConversion(string DistinctId, DateOnly? SignupDay, DateOnly? PaidDay, string? Segment);

    public static ConversionFigures Figures(DayRange period, IReadOnlyCollection<UserConversion> users)
    {
        (long Signups, long Converted) Of(DayRange range)
        {
            var signups = users.Where(user => user.SignupDay is { } day && range.Contains(day)).ToList();
            return (signups.Count, signups.Count(user => user.PaidDay is { } paid && range.Contains(paid)));
        }
        var (current, previous) = (Of(period), Of(period.Previous));
        return new ConversionFigures(
            new(current.Signups, previous.Signups),
            new(current.Converted, previous.Converted),
            new(KpiMath.Percent(current.Converted, current.Signups), KpiMath.Percent(previous.Converted, previous.Signups)));
    }

    /// <summary>A user's chosen-event count and active days over both periods.</summary>
    public sealed record UserEvents(string DistinctId, long CurrentEvents, long PreviousEvents, IReadOnlyList<DateOnly> ActiveDays, string? Segment);

    public static EventsPerUserFigures EventsPerUser(DayRange period, IReadOnlyCollection<UserEvents> users)
    {
        var (events, previousEvents) = (users.Sum(user => user.CurrentEvents), users.Sum(user => user.PreviousEvents));
        var active = users.LongCount(user => user.ActiveDays.Any(period.Contains));
        var previousActive = users.LongCount(user => user.ActiveDays.Any(period.Previous.Contains));
        return new EventsPerUserFigures(
            new(events, previousEvents),
            new(active, previousActive),
            new(Ratio(events, active), Ratio(previousEvents, previousActive)));
    }

    private static double? Ratio(long part, long whole) => whole == 0 ? null : Math.Round((double)part / whole, 2);
}
