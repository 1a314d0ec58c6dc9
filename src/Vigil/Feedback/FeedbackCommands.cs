using Vigil.Core.Feedback;
using Vigil.Core.Storage;

namespace Vigil.Feedback;

/// <summary>What the API and the inbox page both do with feedback: read the filters, change a status, save NPS settings.</summary>
internal sealed class FeedbackCommands(IFeedbackStore store)
{
    public const int MaxSearchLength = 200;

    /// <summary>The inbox's filters from their query values (empty means any), or the field at fault and why.</summary>
    public static (FeedbackFilter? Filter, string? Field, string? Detail) ParseFilter(string? category, string? rating, string? status, string? search)
    {
        FeedbackCategory? parsedCategory = null;
        if (!string.IsNullOrEmpty(category) && (parsedCategory = FeedbackNames.ParseCategory(category)) is null)
        {
            return (null, "category", $"category must be {FeedbackNames.Categories}.");
        }
        int? parsedRating = null;
        if (!string.IsNullOrEmpty(rating))
        {
            if (!int.TryParse(rating, out var value) || value is < 1 or > 5)
            {
                return (null, "rating", "rating must be a whole number from 1 to 5.");
            }
            parsedRating = value;
        }
        FeedbackStatus? parsedStatus = null;
        if (!string.IsNullOrEmpty(status) && (parsedStatus = FeedbackNames.ParseStatus(status)) is null)
        {
            return (null, "status", $"status must be {FeedbackNames.Statuses}.");
        }
        if (search?.Length > MaxSearchLength)
        {
            return (null, "q", $"q is longer than {MaxSearchLength} characters.");
        }
        return (new FeedbackFilter(parsedCategory, parsedRating, parsedStatus, string.IsNullOrWhiteSpace(search) ? null : search.Trim()), null, null);
    }

    public Task<FeedbackItem?> SetStatusAsync(long projectId, long feedbackId, FeedbackStatus status, CancellationToken cancellationToken) =>
        store.SetFeedbackStatusAsync(projectId, feedbackId, status, cancellationToken);

    /// <summary>The saved settings, or the field at fault and why.</summary>
    public async Task<(NpsSettings? Saved, string? Field, string? Detail)> SaveNpsSettingsAsync(long projectId, NpsSettingsView view, CancellationToken cancellationToken)
    {
        if (view.PeriodDays is < NpsSettings.MinPeriodDays or > NpsSettings.MaxPeriodDays)
        {
            return (null, "periodDays", $"periodDays must be from {NpsSettings.MinPeriodDays} to {NpsSettings.MaxPeriodDays}.");
        }
        var question = string.IsNullOrWhiteSpace(view.Question) ? null : view.Question.Trim();
        if (question?.Length > NpsSettings.MaxQuestionLength)
        {
            return (null, "question", $"question is longer than {NpsSettings.MaxQuestionLength} characters.");
        }
        var settings = new NpsSettings(projectId, view.Enabled, TimeSpan.FromDays(view.PeriodDays), question);
        await store.SaveNpsSettingsAsync(settings, cancellationToken);
        return (settings, null, null);
    }

    public static NpsSettingsView View(NpsSettings settings) => new(settings.Enabled, (int)settings.Period.TotalDays, settings.Question);
}
