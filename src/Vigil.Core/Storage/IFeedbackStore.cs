using Vigil.Core.Feedback;

namespace Vigil.Core.Storage;

/// <summary>In-app feedback, NPS answers and NPS settings: few rows that people triage, so they live in the metadata store.</summary>
public interface IFeedbackStore
{
    /// <summary>Stores feedback as <see cref="FeedbackStatus.New"/>.</summary>
    Task<FeedbackItem> AddFeedbackAsync(long projectId, FeedbackSubmission submission, CancellationToken cancellationToken);

    /// <summary>One page of the project's feedback that passes <paramref name="filter"/>, newest first, and how many pass in all.</summary>
    Task<FeedbackResults> ListFeedbackAsync(long projectId, FeedbackFilter filter, int limit, int offset, CancellationToken cancellationToken);

    /// <summary>Every feedback item created in [<paramref name="from"/>, <paramref name="to"/>), newest first.</summary>
    Task<IReadOnlyList<FeedbackItem>> ReadFeedbackAsync(long projectId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>Null when the project has no such feedback.</summary>
    Task<FeedbackItem?> SetFeedbackStatusAsync(long projectId, long feedbackId, FeedbackStatus status, CancellationToken cancellationToken);

    /// <summary>The project's settings, or <see cref="NpsSettings.Default"/> when they were never saved.</summary>
    Task<NpsSettings> ReadNpsSettingsAsync(long projectId, CancellationToken cancellationToken);

    Task SaveNpsSettingsAsync(NpsSettings settings, CancellationToken cancellationToken);

    /// <summary>
    /// True, and the showing recorded at <paramref name="at"/>, when the user was never asked or was last asked at least
    /// <paramref name="period"/> before; false otherwise. One statement decides and records, so two tabs or two devices
    /// asking at once get one prompt between them.
    /// </summary>
    Task<bool> TryBeginNpsPromptAsync(long projectId, string distinctId, DateTimeOffset at, TimeSpan period, CancellationToken cancellationToken);

    /// <summary>
    /// Records how the user answered, counting as an asking (an app that asks by itself restarts the period too); an
    /// answer with a score is stored as a response and returned, a dismissal returns null.
    /// </summary>
    Task<NpsResponse?> RecordNpsAnswerAsync(long projectId, NpsAnswer answer, CancellationToken cancellationToken);

    /// <summary>Every response given in [<paramref name="from"/>, <paramref name="to"/>), oldest first.</summary>
    Task<IReadOnlyList<NpsResponse>> ReadNpsResponsesAsync(long projectId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);
}
