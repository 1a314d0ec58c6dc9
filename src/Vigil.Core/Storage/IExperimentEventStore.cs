namespace Vigil.Core.Storage;

/// <summary>One variant's users: exposed (whose first exposure was to it) and, of those, converted.</summary>
public sealed record VariantTally(string Variant, long Exposed, long Converted);

/// <param name="Variants">Every variant asked for, in the order asked, zeros included.</param>
/// <param name="CrossExposedUsers">Users exposed to more than one variant; each counts once, in the variant of their first exposure.</param>
public sealed record ExperimentTally(IReadOnlyList<VariantTally> Variants, long CrossExposedUsers)
{
    /// <summary>
    /// The engines order a user's exposures by time × this + the variant's position (there are at most 5 variants), so
    /// the least is the first exposure, the earlier variant of the list at the same millisecond, and its remainder is the position.
    /// </summary>
    public const int PositionSlots = 8;

    /// <summary>The totals of the day counts: every user counted once, in the variant and day of their first exposure.</summary>
    public static ExperimentTally Of(IReadOnlyList<string> variants, IReadOnlyList<ExperimentDayCount> counts) => new(
        variants.Select((variant, index) => new VariantTally(
            variant,
            counts.Where(count => count.Position == index).Sum(count => count.Users),
            counts.Where(count => count.Position == index && count.ConvertedOn is not null).Sum(count => count.Users))).ToList(),
        counts.Sum(count => count.CrossExposedUsers));
}

/// <summary>
/// Users of one variant first exposed on the local day <paramref name="ExposedOn"/> who first did the goal (at or after
/// that exposure) on <paramref name="ConvertedOn"/>, null when they did not before the end of the range.
/// </summary>
/// <param name="Position">The variant's index in the list asked for.</param>
/// <param name="CrossExposedUsers">Of <paramref name="Users"/>, those also exposed to another variant.</param>
public sealed record ExperimentDayCount(int Position, DateOnly ExposedOn, DateOnly? ConvertedOn, long Users, long CrossExposedUsers)
{
    /// <summary>
    /// The counts as they stood at the end of each local day from <paramref name="firstDay"/> to <paramref name="lastDay"/>:
    /// a user is exposed from the day of their first exposure, and converted from the day of their conversion on.
    /// </summary>
    public static IReadOnlyList<(DateOnly Day, IReadOnlyList<VariantTally> Variants)> Cumulative(
        IReadOnlyList<string> variants, IReadOnlyList<ExperimentDayCount> counts, DateOnly firstDay, DateOnly lastDay)
    {
        var looks = new List<(DateOnly, IReadOnlyList<VariantTally>)>();
        for (var day = firstDay; day <= lastDay; day = day.AddDays(1))
        {
            looks.Add((day, variants.Select((variant, index) => new VariantTally(
                variant,
                counts.Where(count => count.Position == index && count.ExposedOn <= day).Sum(count => count.Users),
                counts.Where(count => count.Position == index && count.ConvertedOn <= day).Sum(count => count.Users))).ToList()));
        }
        return looks;
    }
}

/// <summary>An experiment's exposures and conversions, counted per user from raw events by the engine.</summary>
public interface IExperimentEventStore
{
    /// <summary>
    /// Counts, over events in [from, to), by variant, local day (in <paramref name="zone"/>) of a user's first exposure and
    /// local day of their first goal event at or after it. A user's first exposure to <paramref name="experimentKey"/> (a
    /// <c>$exposure</c> event with properties <c>experiment</c> and <c>variant</c>, or a <c>$feature_flag_called</c> event
    /// with <c>$feature_flag</c> and <c>$feature_flag_response</c>) decides their variant; exposures to a variant not
    /// among <paramref name="variants"/> do not count. A user converts with a <paramref name="goalEvent"/> event at or
    /// after that first exposure. Of two first exposures at the same millisecond the earlier variant of the list wins.
    /// The counts at the end of each day follow (<see cref="ExperimentDayCount.Cumulative"/>), and the totals
    /// (<see cref="ExperimentTally.Of(IReadOnlyList{string}, IReadOnlyList{ExperimentDayCount})"/>).
    /// </summary>
    Task<IReadOnlyList<ExperimentDayCount>> CountExperimentDaysAsync(
        long projectId, string experimentKey, IReadOnlyList<string> variants, string goalEvent, DateTimeOffset from, DateTimeOffset to, TimeZoneInfo zone,
        CancellationToken cancellationToken);
}
