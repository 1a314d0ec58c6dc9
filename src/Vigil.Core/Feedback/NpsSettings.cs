namespace Vigil.Core.Feedback;

/// <summary>
/// A project's NPS survey: off until a team turns it on; when on, the snippet asks each user at most once per
/// <see cref="Period"/> (a rolling number of days from the last time the user was asked).
/// </summary>
/// <param name="Question">Replaces the snippet's built-in question ("How likely are you to recommend us to a friend or colleague?") when set.</param>
public sealed record NpsSettings(long ProjectId, bool Enabled, TimeSpan Period, string? Question)
{
    public const int MinPeriodDays = 1;

    public const int MaxPeriodDays = 3650;

    public const int MaxQuestionLength = 300;

    /// <summary>About a quarter of a year.</summary>
    public static readonly TimeSpan DefaultPeriod = TimeSpan.FromDays(90);

    public static NpsSettings Default(long projectId) => new(projectId, false, DefaultPeriod, null);
}

/// <summary>One answer to the NPS question: a 0–10 score with an optional comment.</summary>
public sealed record NpsResponse(long Id, long ProjectId, DateTimeOffset CreatedAt, int Score, string? Comment, string? DistinctId, string? Page);

/// <summary>What a user's answer to the NPS prompt was.</summary>
public enum NpsOutcome
{
    Answered,
    Dismissed,
}
