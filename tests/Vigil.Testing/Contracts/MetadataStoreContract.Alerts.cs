using Vigil.Core.Alerts;
using Vigil.Core.Storage;

namespace Vigil.Testing.Contracts;

/// <summary>The alert half of the metadata store: rule files, states, history, silences, maintenance, the outbox.</summary>
public abstract partial class MetadataStoreContract
{
    private static readonly CancellationToken None = CancellationToken.None;

    private async Task<(IAlertStore Store, long ProjectId)> CreateAlertStoreAsync()
    {
        var store = await CreateStoreAsync();
        var project = await store.CreateProjectAsync("Shop", "Asia/Seoul", None);
        return ((IAlertStore)store, project.Id);
    }

    [Fact]
    public async Task SaveRuleFileAsync_SavedTwice_KeepsTheLatestWithAHigherVersion()
    {
        var (store, projectId) = await CreateAlertStoreAsync();

        var first = await store.SaveRuleFileAsync(projectId, "alerts: []", Time.GetUtcNow(), None);
        var second = await store.SaveRuleFileAsync(projectId, "alerts: [] # edited", Time.GetUtcNow().AddMinutes(1), None);

        Assert.Equal(1, first.Version);
        Assert.Equal(second, await store.FindRuleFileAsync(projectId, None));
        Assert.Equal(new Dictionary<long, long> { [projectId] = 2 }, await store.ListRuleFileVersionsAsync(None));
        Assert.Null(await store.FindRuleFileAsync(projectId + 1, None));
    }

    [Fact]
    public async Task SaveCycleAsync_SnapshotsHistoryAndNotifications_ReadBackAsWritten()
    {
        var (store, projectId) = await CreateAlertStoreAsync();
        var now = Time.GetUtcNow();
        var firing = new AlertSnapshot(projectId, "Slow Response", Severity.Critical, "p95_response_time > 3s",
            new AlertState(AlertStatus.Firing, now.AddMinutes(-10), now, null, now, true), "p95_response_time = 3,420 ms", false, now);
        var pending = new AlertSnapshot(projectId, "Errors", Severity.Warning, "error_rate > 1%",
            new AlertState(AlertStatus.Pending, now), "error_rate = 2%", true, now);
        var message = new NotificationMessage(projectId, "Shop", new Uri("http://vigil.example/projects/1"),
            [new AlertNotice("Slow Response", Severity.Critical, NoticeState.Firing, "p95_response_time > 3s", "p95_response_time = 3,420 ms", now, null)]);
        var destination = new Destination(ChannelKind.Webhook, "ops", ["https://ops.example/hook"], "s3cret");

        await store.SaveCycleAsync(new AlertCycleChanges(
            [firing, pending],
            [],
            [new AlertHistoryEntry(projectId, "Slow Response", AlertTransition.Pending, now.AddMinutes(-10), "a"), new AlertHistoryEntry(projectId, "Slow Response", AlertTransition.Firing, now, "b")],
            [new PlannedNotification(projectId, destination, message)]), now, None);

        Assert.Equal([pending, firing], await store.ListAlertsAsync(projectId, None));
        Assert.Equal([AlertTransition.Firing, AlertTransition.Pending], (await store.ListHistoryAsync(projectId, "Slow Response", 10, None)).Select(entry => entry.Transition));
        Assert.Empty(await store.ListHistoryAsync(projectId, "Errors", 10, None));
        var due = Assert.Single(await store.ListDueNotificationsAsync(now, 10, None));
        Assert.Equal((destination.Kind, destination.Name, destination.Secret), (due.Destination.Kind, due.Destination.Name, due.Destination.Secret));
        Assert.Equal(destination.Addresses, due.Destination.Addresses);
        Assert.Equal(message.Alerts, due.Message.Alerts);
        Assert.Equal((NotificationStatus.Pending, 0, now + TimeSpan.FromHours(24)), (due.Status, due.Attempts, due.GiveUpAt));

        await store.SaveCycleAsync(new AlertCycleChanges([pending with { Silenced = false }], [(projectId, "Slow Response")], [], []), now, None);
        Assert.Equal([pending with { Silenced = false }], await store.ListAlertsAsync(null, None));
    }

    [Fact]
    public async Task Outbox_FailedThenDeadThenRetried_FollowsEachStatus()
    {
        var (store, projectId) = await CreateAlertStoreAsync();
        var now = Time.GetUtcNow();
        var message = new NotificationMessage(projectId, "Shop", new Uri("http://vigil.example/"), []);
        await store.SaveCycleAsync(new AlertCycleChanges([], [], [],
            [new PlannedNotification(projectId, new Destination(ChannelKind.Slack, "#a", ["https://a.example"]), message),
             new PlannedNotification(projectId, new Destination(ChannelKind.Slack, "#b", ["https://b.example"]), message)]), now, None);
        var (first, second) = (await store.ListDueNotificationsAsync(now, 10, None)) switch { [var a, var b] => (a, b), _ => throw new InvalidOperationException() };

        await store.MarkNotificationFailedAsync(first.Id, 1, now.AddSeconds(10), "HTTP 500", None);
        await store.MarkNotificationSentAsync(second.Id, 1, now, None);

        Assert.Empty(await store.ListDueNotificationsAsync(now.AddSeconds(9), 10, None));
        var retried = Assert.Single(await store.ListDueNotificationsAsync(now.AddSeconds(10), 10, None));
        Assert.Equal((first.Id, 1, "HTTP 500"), (retried.Id, retried.Attempts, retried.LastError));
        Assert.Equal(NotificationStatus.Sent, (await store.ListNotificationsAsync(projectId, NotificationStatus.Sent, 10, None)).Single().Status);

        await store.MarkNotificationFailedAsync(first.Id, 2, null, "HTTP 404", None);
        Assert.Empty(await store.ListDueNotificationsAsync(now.AddDays(2), 10, None));
        Assert.Equal(first.Id, Assert.Single(await store.ListNotificationsAsync(projectId, NotificationStatus.Dead, 10, None)).Id);
        Assert.False(await store.RetryNotificationAsync(projectId, second.Id, now, None));

        Assert.True(await store.RetryNotificationAsync(projectId, first.Id, now.AddHours(1), None));
        var again = Assert.Single(await store.ListDueNotificationsAsync(now.AddHours(1), 10, None));
        Assert.Equal(now.AddHours(25), again.GiveUpAt);
        Assert.Equal(2, (await store.ListNotificationsAsync(projectId, null, 10, None)).Count);
    }

    [Fact]
    public async Task Silences_CreatedListedAndExpired()
    {
        var (store, projectId) = await CreateAlertStoreAsync();
        var now = Time.GetUtcNow();
        var silence = await store.CreateSilenceAsync(new Silence(0, projectId,
            [new Matcher("alertname", MatchOperator.Equal, "Slow \"Response\""), new Matcher("team", MatchOperator.Regex, "web|api")],
            now, now.AddHours(2), "deploying", "owner@vigil.local", now), None);

        var listed = Assert.Single(await store.ListSilencesAsync(projectId, None));
        Assert.Equal(silence.Matchers, listed.Matchers);
        Assert.Equal(silence with { Matchers = listed.Matchers }, listed);
        Assert.True(await store.ExpireSilenceAsync(projectId, silence.Id, now.AddMinutes(5), None));
        Assert.False((await store.ListSilencesAsync(null, None)).Single().IsActive(now.AddMinutes(5)));
        Assert.False(await store.ExpireSilenceAsync(projectId + 1, silence.Id, now, None));
    }

    [Fact]
    public async Task MaintenanceWindows_CreatedListedAndDeleted()
    {
        var (store, projectId) = await CreateAlertStoreAsync();
        var now = Time.GetUtcNow();

        var window = await store.CreateMaintenanceWindowAsync(new MaintenanceWindow(0, projectId, now.AddHours(1), now.AddHours(2), "database upgrade", now), None);

        Assert.Equal([window], await store.ListMaintenanceWindowsAsync(projectId, None));
        Assert.False(await store.DeleteMaintenanceWindowAsync(projectId + 1, window.Id, None));
        Assert.True(await store.DeleteMaintenanceWindowAsync(projectId, window.Id, None));
        Assert.Empty(await store.ListMaintenanceWindowsAsync(null, None));
    }
}
