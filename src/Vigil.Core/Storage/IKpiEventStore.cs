namespace Vigil.Core.Storage;

/// <summary>A user's active local days (days with any event) within a range, in day order.</summary>
public sealed record UserActiveDays(string DistinctId, IReadOnlyList<DateOnly> Days);

/// <summary>
/// A user's first event of a name, with the value of a breakdown property on that event (null when it has none or
/// none was asked for).
/// </summary>
public sealed record FirstOccurrence(string DistinctId, DateTimeOffset Time, string? PropertyValue);

/// <summary>One event of a funnel step, with the value of a breakdown property on it.</summary>
public sealed record StepEvent(string DistinctId, string Name, DateTimeOffset Time, string? PropertyValue);

/// <summary>Events that only count when a property is absent or has another value than <see cref="ExcludedValue"/>.</summary>
public sealed record PropertyExclusion(string Property, string ExcludedValue);

/// <summary>
/// The per-user reads behind the product KPIs. Property values are those of the top-level string, number or boolean
/// properties the ingest keeps for breakdowns (numbers as written, booleans as <c>true</c>/<c>false</c>), as
/// <see cref="ITelemetryStore.ReadPropertyCountsAsync"/> counts them. Local days are those of the zone a project had
/// when the events arrived.
/// </summary>
public interface IKpiEventStore
{
    /// <summary>Every user with an event on a local day in [from, to], with those days.</summary>
    Task<IReadOnlyList<UserActiveDays>> ReadActiveDaysAsync(long projectId, DateOnly from, DateOnly to, CancellationToken cancellationToken);

    /// <summary>
    /// The users whose first event named <paramref name="eventName"/> before <paramref name="to"/> (ever, not only in the
    /// range) is in [from, to), with that event's value of <paramref name="property"/>. With an exclusion, events
    /// carrying the excluded value do not count at all.
    /// </summary>
    Task<IReadOnlyList<FirstOccurrence>> ReadFirstOccurrencesAsync(
        long projectId, string eventName, PropertyExclusion? exclusion, string? property, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>Per user with an event carrying <paramref name="property"/> in [from, to), the value on the latest such event.</summary>
    Task<IReadOnlyDictionary<string, string>> ReadLatestPropertyValuesAsync(long projectId, string property, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>
    /// Every event with one of the names in [from, to), ordered by user, then time, handed on as read: a funnel over
    /// page views must not hold them all.
    /// </summary>
    IAsyncEnumerable<StepEvent> ReadStepEventsAsync(
        long projectId, IReadOnlyCollection<string> eventNames, string? property, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>Per user who did it in [from, to), how many events named <paramref name="eventName"/>.</summary>
    Task<IReadOnlyDictionary<string, long>> CountEventsPerUserAsync(long projectId, string eventName, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);
}
