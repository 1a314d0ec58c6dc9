using Vigil.Core.Feedback;
using Vigil.Core.Storage;

namespace Vigil.Testing.Contracts;

/// <summary>Feedback, NPS answers, prompts and settings in the metadata store.</summary>
public abstract partial class MetadataStoreContract
{
    [Fact]
    public async Task AddFeedbackAsync_ThenList_ReadsBackNewestFirstAsNew()
    {
        var (store, projectId) = await FeedbackStoreAsync();
        var older = await store.AddFeedbackAsync(projectId, SomeFeedback(2, FeedbackCategory.Bug, "Checkout is slow", Time.GetUtcNow().AddMinutes(-5)), CancellationToken.None);
        var newer = await store.AddFeedbackAsync(projectId, SomeFeedback(5, FeedbackCategory.FeatureRequest, "다크 모드가 필요해요", Time.GetUtcNow()), CancellationToken.None);

        var page = await store.ListFeedbackAsync(projectId, new FeedbackFilter(), 10, 0, CancellationToken.None);

        Assert.Equal([newer, older], page.Items);
        Assert.Equal(2, page.Total);
        Assert.Equal(new FeedbackItem(older.Id, projectId, Time.GetUtcNow().AddMinutes(-5), 2, FeedbackCategory.Bug, "Checkout is slow", "/checkout", "user-1", FeedbackStatus.New), older);
    }

    [Fact]
    public async Task ListFeedbackAsync_EachFilterAndPaging_SelectsAndCountsOnlyMatches()
    {
        var (store, projectId) = await FeedbackStoreAsync();
        var otherProject = await ((IMetadataStore)store).CreateProjectAsync("Other", "UTC", CancellationToken.None);
        var now = Time.GetUtcNow();
        var slow = await store.AddFeedbackAsync(projectId, SomeFeedback(1, FeedbackCategory.Bug, "Checkout is SLOW", now.AddMinutes(-3)), CancellationToken.None);
        var percent = await store.AddFeedbackAsync(projectId, SomeFeedback(2, FeedbackCategory.Bug, "100% broken_page", now.AddMinutes(-2)), CancellationToken.None);
        var korean = await store.AddFeedbackAsync(projectId, SomeFeedback(4, FeedbackCategory.Improvement, "결제가 느려요", now.AddMinutes(-1)), CancellationToken.None);
        await store.AddFeedbackAsync(otherProject.Id, SomeFeedback(1, FeedbackCategory.Bug, "slow", now), CancellationToken.None);
        await store.SetFeedbackStatusAsync(projectId, percent.Id, FeedbackStatus.Planned, CancellationToken.None);

        Assert.Equal([percent.Id, slow.Id], await IdsAsync(new FeedbackFilter(Category: FeedbackCategory.Bug)));
        Assert.Equal([korean.Id], await IdsAsync(new FeedbackFilter(Rating: 4)));
        Assert.Equal([percent.Id], await IdsAsync(new FeedbackFilter(Status: FeedbackStatus.Planned)));
        Assert.Equal([slow.Id], await IdsAsync(new FeedbackFilter(Search: "slow")));
        Assert.Equal([percent.Id], await IdsAsync(new FeedbackFilter(Search: "0% b")));
        Assert.Empty(await IdsAsync(new FeedbackFilter(Search: "1_0")));
        Assert.Equal([korean.Id], await IdsAsync(new FeedbackFilter(Search: "느려")));
        var second = await store.ListFeedbackAsync(projectId, new FeedbackFilter(), 1, 1, CancellationToken.None);
        Assert.Equal([percent.Id], second.Items.Select(item => item.Id));
        Assert.Equal(3, second.Total);

        async Task<List<long>> IdsAsync(FeedbackFilter filter) =>
            (await store.ListFeedbackAsync(projectId, filter, 10, 0, CancellationToken.None)).Items.Select(item => item.Id).ToList();
    }

    [Fact]
    public async Task SetFeedbackStatusAsync_OtherProjectsItem_ChangesNothing()
    {
        var (store, projectId) = await FeedbackStoreAsync();
        var otherProject = await ((IMetadataStore)store).CreateProjectAsync("Other", "UTC", CancellationToken.None);
        var item = await store.AddFeedbackAsync(projectId, SomeFeedback(3, FeedbackCategory.Improvement, null, Time.GetUtcNow()), CancellationToken.None);

        var refused = await store.SetFeedbackStatusAsync(otherProject.Id, item.Id, FeedbackStatus.Done, CancellationToken.None);
        var done = await store.SetFeedbackStatusAsync(projectId, item.Id, FeedbackStatus.WontDo, CancellationToken.None);

        Assert.Null(refused);
        Assert.Equal(item with { Status = FeedbackStatus.WontDo }, done);
    }

    [Fact]
    public async Task ReadFeedbackAsync_Range_IncludesFromExcludesTo()
    {
        var (store, projectId) = await FeedbackStoreAsync();
        var from = Time.GetUtcNow().AddDays(-7);
        await store.AddFeedbackAsync(projectId, SomeFeedback(1, FeedbackCategory.Bug, "before", from.AddMilliseconds(-1)), CancellationToken.None);
        var first = await store.AddFeedbackAsync(projectId, SomeFeedback(1, FeedbackCategory.Bug, "first", from), CancellationToken.None);
        await store.AddFeedbackAsync(projectId, SomeFeedback(1, FeedbackCategory.Bug, "at the end", Time.GetUtcNow()), CancellationToken.None);

        var read = await store.ReadFeedbackAsync(projectId, from, Time.GetUtcNow(), CancellationToken.None);

        Assert.Equal([first], read);
    }

    [Fact]
    public async Task NpsSettings_NeverSaved_DefaultOffQuarterly_ThenSavedReadBack()
    {
        var (store, projectId) = await FeedbackStoreAsync();
        Assert.Equal(new NpsSettings(projectId, false, TimeSpan.FromDays(90), null), await store.ReadNpsSettingsAsync(projectId, CancellationToken.None));

        await store.SaveNpsSettingsAsync(new NpsSettings(projectId, true, TimeSpan.FromDays(30), "추천하시겠어요?"), CancellationToken.None);
        await store.SaveNpsSettingsAsync(new NpsSettings(projectId, true, TimeSpan.FromDays(60), null), CancellationToken.None);

        Assert.Equal(new NpsSettings(projectId, true, TimeSpan.FromDays(60), null), await store.ReadNpsSettingsAsync(projectId, CancellationToken.None));
    }

    [Fact]
    public async Task TryBeginNpsPromptAsync_AskedWithinPeriod_RefusedUntilPeriodPasses()
    {
        var (store, projectId) = await FeedbackStoreAsync();
        var period = TimeSpan.FromDays(90);
        var now = Time.GetUtcNow();

        var first = await store.TryBeginNpsPromptAsync(projectId, "user-1", now, period, CancellationToken.None);
        var again = await store.TryBeginNpsPromptAsync(projectId, "user-1", now.AddDays(89), period, CancellationToken.None);
        var otherUser = await store.TryBeginNpsPromptAsync(projectId, "user-2", now.AddDays(1), period, CancellationToken.None);
        var afterPeriod = await store.TryBeginNpsPromptAsync(projectId, "user-1", now.AddDays(90), period, CancellationToken.None);
        var rightAfter = await store.TryBeginNpsPromptAsync(projectId, "user-1", now.AddDays(91), period, CancellationToken.None);

        Assert.Equal((true, false, true, true, false), (first, again, otherUser, afterPeriod, rightAfter));
    }

    [Fact]
    public async Task RecordNpsAnswerAsync_AnsweredAndDismissed_StoresScoresOnlyAndCountsAsAsked()
    {
        var (store, projectId) = await FeedbackStoreAsync();
        var period = TimeSpan.FromDays(90);
        var now = Time.GetUtcNow();
        Assert.True(await store.TryBeginNpsPromptAsync(projectId, "user-1", now, period, CancellationToken.None));

        var answered = await store.RecordNpsAnswerAsync(projectId, new NpsAnswer("user-1", NpsOutcome.Answered, 9, "좋아요", "/home", now.AddMinutes(1)), CancellationToken.None);
        var dismissed = await store.RecordNpsAnswerAsync(projectId, new NpsAnswer("user-2", NpsOutcome.Dismissed, null, null, null, now.AddMinutes(2)), CancellationToken.None);
        // An app that asks by itself: its answer restarts user-1's period, though the snippet asked 100 days before.
        var direct = await store.RecordNpsAnswerAsync(projectId, new NpsAnswer("user-1", NpsOutcome.Answered, 3, null, null, now.AddDays(100)), CancellationToken.None);

        Assert.Equal(new NpsResponse(answered!.Id, projectId, now.AddMinutes(1), 9, "좋아요", "user-1", "/home"), answered);
        Assert.Null(dismissed);
        Assert.False(await store.TryBeginNpsPromptAsync(projectId, "user-2", now.AddDays(1), period, CancellationToken.None));
        Assert.False(await store.TryBeginNpsPromptAsync(projectId, "user-1", now.AddDays(101), period, CancellationToken.None));
        Assert.Equal([answered, direct!], await store.ReadNpsResponsesAsync(projectId, now, now.AddDays(101), CancellationToken.None));
        Assert.Equal([answered], await store.ReadNpsResponsesAsync(projectId, now, now.AddDays(100), CancellationToken.None));
    }

    private async Task<(IFeedbackStore Store, long ProjectId)> FeedbackStoreAsync()
    {
        var store = await CreateStoreAsync();
        var project = await store.CreateProjectAsync("Shop", "Asia/Seoul", CancellationToken.None);
        return ((IFeedbackStore)store, project.Id);
    }

    private static FeedbackSubmission SomeFeedback(int rating, FeedbackCategory category, string? text, DateTimeOffset at) =>
        new(rating, category, text, "/checkout", "user-1", at);
}
