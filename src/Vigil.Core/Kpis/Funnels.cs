using Vigil.Core.Storage;

namespace Vigil.Core.Kpis;

/// <summary>
/// One funnel step: the users who reached it, their share of the first step's users and of the previous step's, and
/// the users lost since the previous step.
/// </summary>
public sealed record FunnelStep(string Name, long Users, double? ConversionPercent, double? StepConversionPercent, long DropOff, double? DropOffPercent);

/// <summary>Per step, this period's and the previous period's users reached.</summary>
public sealed record FunnelFigures(IReadOnlyList<FunnelStep> Steps, IReadOnlyList<FunnelStep> PreviousSteps, Compared ConversionPercent);

public sealed record FunnelReport(DateOnly From, DateOnly To, IReadOnlyList<string> Steps, TimeSpan Window, FunnelFigures Total, string? By, IReadOnlyList<Segment<FunnelFigures>> Breakdown);

/// <summary>
/// Funnels (README "Product KPIs"): a user enters with a first-step event in the period and reaches step k when
/// the steps' events follow in order, each after the one before, all within the window from the entering event.
/// Of a user's entering events, the one that reaches furthest counts (the earliest among equals); the user's
/// breakdown value is that event's.
/// </summary>
public static class Funnels
{
    public const int MinSteps = 2;
    public const int MaxSteps = 10;
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(90);

    /// <summary>A user's furthest progress: how many steps (1 … steps) and the breakdown value of the entering event.</summary>
    public sealed record Progress(string DistinctId, int Steps, string? Segment);

    /// <summary>A period's users entering in [From, To).</summary>
    public sealed record Period(DateTimeOffset From, DateTimeOffset To);

    /// <summary>
    /// Per period, each user entering in it with their progress. <paramref name="events"/> are ordered by user, then
    /// time, and run to the last period's end plus the window; they are folded one user at a time, so only one
    /// user's events are held at once.
    /// </summary>
    public static async Task<IReadOnlyList<IReadOnlyList<Progress>>> ProgressionsAsync(
        IReadOnlyList<string> steps, TimeSpan window, IReadOnlyList<Period> periods, IAsyncEnumerable<StepEvent> events, CancellationToken cancellationToken)
    {
        var progressions = periods.Select(_ => new List<Progress>()).ToList();
        var user = new List<StepEvent>();
        void Fold()
        {
            for (var index = 0; index < periods.Count; index++)
            {
                if (Furthest(steps, window, periods[index].From, periods[index].To, user) is { } progress)
                {
                    progressions[index].Add(progress);
                }
            }
            user.Clear();
        }
        await foreach (var step in events.WithCancellation(cancellationToken))
        {
            if (user.Count > 0 && !string.Equals(user[0].DistinctId, step.DistinctId, StringComparison.Ordinal))
            {
                Fold();
            }
            user.Add(step);
        }
        Fold();
        return progressions;
    }

    public static IReadOnlyList<FunnelStep> Steps(IReadOnlyList<string> steps, IReadOnlyCollection<Progress> users)
    {
        var reached = Enumerable.Range(1, steps.Count).Select(step => users.LongCount(user => user.Steps >= step)).ToList();
        return steps.Select((name, index) =>
        {
            var before = index == 0 ? reached[0] : reached[index - 1];
            return new FunnelStep(
                name, reached[index], KpiMath.Percent(reached[index], reached[0]), KpiMath.Percent(reached[index], before),
                before - reached[index], KpiMath.Percent(before - reached[index], before));
        }).ToList();
    }

    public static FunnelFigures Figures(IReadOnlyList<string> steps, IReadOnlyCollection<Progress> current, IReadOnlyCollection<Progress> previous)
    {
        var (now, before) = (Steps(steps, current), Steps(steps, previous));
        return new FunnelFigures(now, before, new(now[^1].ConversionPercent, before[^1].ConversionPercent));
    }

    private static Progress? Furthest(IReadOnlyList<string> steps, TimeSpan window, DateTimeOffset from, DateTimeOffset to, List<StepEvent> events)
    {
        Progress? best = null;
        for (var start = 0; start < events.Count && best?.Steps != steps.Count; start++)
        {
            var entering = events[start];
            if (entering.Name != steps[0] || entering.Time < from || entering.Time >= to)
            {
                continue;
            }
            // Taking each step's earliest event after the previous step leaves the most room for the steps after it.
            var reached = 1;
            for (var next = start + 1; next < events.Count && reached < steps.Count && events[next].Time - entering.Time <= window; next++)
            {
                if (events[next].Name == steps[reached])
                {
                    reached++;
                }
            }
            if (best is null || reached > best.Steps)
            {
                best = new Progress(entering.DistinctId, reached, entering.PropertyValue);
            }
        }
        return best;
    }
}
