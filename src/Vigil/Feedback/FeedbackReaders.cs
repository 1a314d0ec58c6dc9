using Vigil.Core.Feedback;
using Vigil.Core.Storage;

namespace Vigil.Feedback;

/// <summary>The periods the inbox and the API summarise over: whole UTC hours, ending with the hour under way.</summary>
internal static class FeedbackRanges
{
    public const string DefaultFeedbackRange = "30d";

    public const string DefaultNpsRange = "90d";

    public static readonly IReadOnlyDictionary<string, TimeSpan> Feedback = new Dictionary<string, TimeSpan>
    {
        ["7d"] = TimeSpan.FromDays(7),
        ["30d"] = TimeSpan.FromDays(30),
        ["90d"] = TimeSpan.FromDays(90),
    };

    /// <summary>Weeks for up to a quarter, months for a year.</summary>
    public static readonly IReadOnlyDictionary<string, (TimeSpan Span, NpsTrendStep Step)> Nps = new Dictionary<string, (TimeSpan, NpsTrendStep)>
    {
        ["30d"] = (TimeSpan.FromDays(30), NpsTrendStep.Week),
        ["90d"] = (TimeSpan.FromDays(90), NpsTrendStep.Week),
        ["365d"] = (TimeSpan.FromDays(365), NpsTrendStep.Month),
    };

    public static DateTimeOffset EndOfCurrentHour(TimeProvider time)
    {
        var now = time.GetUtcNow();
        return new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero).AddHours(1);
    }
}

/// <summary>
/// A project's feedback of a period in brief: shares, the themes of negative feedback, the top complaint and three
/// items to read first. The inbox and the API show it; the daily and weekly reports call it for their feedback section.
/// </summary>
internal sealed class FeedbackSummaryReader(IFeedbackStore store)
{
    public async Task<FeedbackSummary> ReadAsync(long projectId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        FeedbackSummary.Of(await store.ReadFeedbackAsync(projectId, from, to, cancellationToken), from, to);
}

internal sealed class NpsReader(IFeedbackStore store, TimeProvider time)
{
    public async Task<NpsReport> ReadAsync(long projectId, string range, CancellationToken cancellationToken)
    {
        var (span, step) = FeedbackRanges.Nps[range];
        var to = FeedbackRanges.EndOfCurrentHour(time);
        var from = to - span;
        return NpsReport.Of(await store.ReadNpsResponsesAsync(projectId, from, to, cancellationToken), from, to, step);
    }
}
