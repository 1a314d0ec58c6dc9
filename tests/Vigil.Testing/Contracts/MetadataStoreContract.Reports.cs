using Vigil.Core.Alerts;
using Vigil.Core.Reports;
using Vigil.Core.Storage;

namespace Vigil.Testing.Contracts;

/// <summary>Report settings and the report archive in the metadata store.</summary>
public abstract partial class MetadataStoreContract
{
    private static readonly DateOnly ReportDay = new(2026, 11, 20);

    private ArchivedReport SomeArchivedReport(long projectId, bool scheduled) =>
        new(0, projectId, ReportKind.Daily, ReportDay, ReportDay, ReportLanguage.Korean, scheduled, "일일 리포트 — Shop", "본문\n- 방문자: 1,234", Time.GetUtcNow());

    private static Func<long, IReadOnlyList<PlannedNotification>> SlackNotice(long projectId) => reportId =>
    [
        new PlannedNotification(projectId, new Destination(ChannelKind.Slack, "#team", ["https://hooks.example/a"]),
            new NotificationMessage(projectId, "Shop", new Uri("http://vigil.example/projects/1"), [],
                new ReportNotice(ReportKind.Daily, ReportDay, ReportDay, "subject", "*slack*", "text", new Uri($"http://vigil.example/projects/1/reports/{reportId}")))),
    ];

    [Fact]
    public async Task ReportSettings_SavedTwice_ReadBackTheLast()
    {
        var store = await CreateStoreAsync();
        var project = await store.CreateProjectAsync("Shop", "Asia/Seoul", None);
        var reports = (IReportStore)store;
        Assert.Null(await reports.FindReportSettingsAsync(project.Id, None));

        await reports.SaveReportSettingsAsync(new ReportSettings(project.Id, "0 9 * * *", "0 10 * * 1", ReportLanguage.English, []), None);
        var changed = new ReportSettings(project.Id, "30 8 * * 1-5", null, ReportLanguage.Korean,
            [new NotifyTarget(ChannelKind.Slack, "#team"), new NotifyTarget(ChannelKind.Email, "lead@example.com")]);
        await reports.SaveReportSettingsAsync(changed, None);

        var read = await reports.FindReportSettingsAsync(project.Id, None);
        Assert.NotNull(read);
        Assert.Equal((changed.DailySchedule, changed.WeeklySchedule, changed.Language), (read.DailySchedule, read.WeeklySchedule, read.Language));
        Assert.Equal(changed.Recipients, read.Recipients);
    }

    [Fact]
    public async Task ArchiveReportAsync_ScheduledTwice_KeptAndQueuedOnce()
    {
        var store = await CreateStoreAsync();
        var project = await store.CreateProjectAsync("Shop", "Asia/Seoul", None);
        var reports = (IReportStore)store;
        var alerts = (IAlertStore)store;

        var first = await reports.ArchiveReportAsync(SomeArchivedReport(project.Id, scheduled: true), SlackNotice(project.Id), None);
        var second = await reports.ArchiveReportAsync(SomeArchivedReport(project.Id, scheduled: true), SlackNotice(project.Id), None);

        Assert.NotNull(first);
        Assert.Null(second);
        Assert.True(await reports.IsScheduledReportArchivedAsync(project.Id, ReportKind.Daily, ReportDay, None));
        Assert.False(await reports.IsScheduledReportArchivedAsync(project.Id, ReportKind.Weekly, ReportDay, None));
        var queued = Assert.Single(await alerts.ListDueNotificationsAsync(Time.GetUtcNow(), 10, None));
        Assert.Equal(new Uri($"http://vigil.example/projects/1/reports/{first.Id}"), queued.Message.Report?.ReportUrl);
        Assert.Equal(("*slack*", "text"), (queued.Message.Report!.SlackText, queued.Message.Report.Text));
        Assert.Equal(first, await reports.FindReportAsync(project.Id, first.Id, None));
    }

    [Fact]
    public async Task ArchiveReportAsync_OnDemand_KeptEveryTimeNewestFirst()
    {
        var store = await CreateStoreAsync();
        var shop = await store.CreateProjectAsync("Shop", "Asia/Seoul", None);
        var blog = await store.CreateProjectAsync("Blog", "UTC", None);
        var reports = (IReportStore)store;

        var scheduled = await reports.ArchiveReportAsync(SomeArchivedReport(shop.Id, scheduled: true), _ => [], None);
        var first = await reports.ArchiveReportAsync(SomeArchivedReport(shop.Id, scheduled: false), _ => [], None);
        var second = await reports.ArchiveReportAsync(SomeArchivedReport(shop.Id, scheduled: false), _ => [], None);

        Assert.Equal([second!, first!, scheduled!], await reports.ListReportsAsync(shop.Id, 10, None));
        Assert.Equal([second!], await reports.ListReportsAsync(shop.Id, 1, None));
        Assert.Empty(await reports.ListReportsAsync(blog.Id, 10, None));
        Assert.Null(await reports.FindReportAsync(blog.Id, first!.Id, None));
        Assert.Equal(ReportLanguage.Korean, first.Language);
    }
}
