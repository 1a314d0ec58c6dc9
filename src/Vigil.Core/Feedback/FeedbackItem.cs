using System.Text.Json.Serialization;

namespace Vigil.Core.Feedback;

public enum FeedbackCategory
{
    [JsonStringEnumMemberName("bug")]
    Bug,

    [JsonStringEnumMemberName("feature_request")]
    FeatureRequest,

    [JsonStringEnumMemberName("improvement")]
    Improvement,
}

/// <summary>Where the team is with a piece of feedback; everything arrives as <see cref="New"/>.</summary>
public enum FeedbackStatus
{
    [JsonStringEnumMemberName("new")]
    New,

    [JsonStringEnumMemberName("planned")]
    Planned,

    [JsonStringEnumMemberName("done")]
    Done,

    [JsonStringEnumMemberName("wont_do")]
    WontDo,
}

/// <summary>What a user sent: a 1–5 rating, a category, optional text, and the page and user it came from.</summary>
public sealed record FeedbackSubmission(int Rating, FeedbackCategory Category, string? Text, string? Page, string? DistinctId, DateTimeOffset CreatedAt);

public sealed record FeedbackItem(
    long Id,
    long ProjectId,
    DateTimeOffset CreatedAt,
    int Rating,
    FeedbackCategory Category,
    string? Text,
    string? Page,
    string? DistinctId,
    FeedbackStatus Status);

/// <summary>The inbox's filters; a null filter lets everything through. <see cref="Search"/> matches the text, ignoring case.</summary>
public sealed record FeedbackFilter(FeedbackCategory? Category = null, int? Rating = null, FeedbackStatus? Status = null, string? Search = null);

public sealed record FeedbackResults(IReadOnlyList<FeedbackItem> Items, long Total);

/// <summary>The wire names of categories and statuses (as the API writes them), in one place for every reader of them.</summary>
public static class FeedbackNames
{
    public const string Categories = "bug, feature_request or improvement";

    public const string Statuses = "new, planned, done or wont_do";

    public static FeedbackCategory? ParseCategory(string? name) => name switch
    {
        "bug" => FeedbackCategory.Bug,
        "feature_request" => FeedbackCategory.FeatureRequest,
        "improvement" => FeedbackCategory.Improvement,
        _ => null,
    };

    public static FeedbackStatus? ParseStatus(string? name) => name switch
    {
        "new" => FeedbackStatus.New,
        "planned" => FeedbackStatus.Planned,
        "done" => FeedbackStatus.Done,
        "wont_do" => FeedbackStatus.WontDo,
        _ => null,
    };

    public static string Of(FeedbackCategory category) => category switch
    {
        FeedbackCategory.Bug => "bug",
        FeedbackCategory.FeatureRequest => "feature_request",
        _ => "improvement",
    };

    public static string Of(FeedbackStatus status) => status switch
    {
        FeedbackStatus.New => "new",
        FeedbackStatus.Planned => "planned",
        FeedbackStatus.Done => "done",
        _ => "wont_do",
    };
}
