using Microsoft.Extensions.DependencyInjection;
using Vigil.Core.Reports;
using Vigil.Core.Storage;
using Vigil.Reports;
using Vigil.Testing;
using Vigil.Tests.Support;

namespace Vigil.Tests.Reports;

/// <summary>
/// The report schedule on a real server and store with a hand-set clock. Each check runs a round of the job as the
/// leader would; the server's own job may run rounds too, which must change nothing: what is counted is the archive.
/// </summary>
public sealed class ReportSchedulerTests : IAsyncLifetime
{
    private static readonly TimeSpan Kst = TimeSpan.FromHours(9);
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 11, 20, 8, 59, 0, Kst));
    private VigilServer _server = null!;

    public async Task InitializeAsync() => _server = await VigilServer.StartAsync(_time);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private IReportStore Store => _server.Services.GetRequiredService<IReportStore>();

    /// <summary>A job as a restart would make it: a new instance over the same store, with nothing carried over.</summary>
    private ReportSchedulerJob NewJob() => ActivatorUtilities.CreateInstance<ReportSchedulerJob>(_server.Services);

    private async Task<List<ArchivedReport>> ScheduledAsync(long projectId, ReportKind kind) =>
        (await Store.ListReportsAsync(projectId, 100, CancellationToken.None)).Where(report => report.Scheduled && report.Kind == kind).OrderBy(report => report.From).ToList();

    private async Task RoundAtAsync(DateTimeOffset at)
    {
        _time.Set(at);
        await NewJob().RunDueAsync(CancellationToken.None);
    }

    [Fact]
    public async Task RunDueAsync_NineInSeoul_SendsYesterdaysReportOncePerDayAcrossRestarts()
    {
        var job = NewJob();
        await job.RunDueAsync(CancellationToken.None);
        Assert.Empty(await ScheduledAsync(_server.ProjectId, ReportKind.Daily));

        _time.Set(new DateTimeOffset(2026, 11, 20, 9, 0, 0, Kst));
        await job.RunDueAsync(CancellationToken.None);
        await job.RunDueAsync(CancellationToken.None);
        await RoundAtAsync(new DateTimeOffset(2026, 11, 20, 9, 0, 30, Kst));
        await RoundAtAsync(new DateTimeOffset(2026, 11, 20, 23, 59, 0, Kst));

        var sent = Assert.Single(await ScheduledAsync(_server.ProjectId, ReportKind.Daily));
        Assert.Equal((new DateOnly(2026, 11, 19), new DateOnly(2026, 11, 19)), (sent.From, sent.To));

        await RoundAtAsync(new DateTimeOffset(2026, 11, 21, 8, 59, 0, Kst));
        Assert.Single(await ScheduledAsync(_server.ProjectId, ReportKind.Daily));
        await RoundAtAsync(new DateTimeOffset(2026, 11, 21, 9, 0, 0, Kst));
        Assert.Equal([new DateOnly(2026, 11, 19), new DateOnly(2026, 11, 20)], (await ScheduledAsync(_server.ProjectId, ReportKind.Daily)).Select(report => report.From));
        Assert.Empty(await ScheduledAsync(_server.ProjectId, ReportKind.Weekly));
    }

    [Fact]
    public async Task RunDueAsync_DownAtNine_CatchesUpTheSameDayOnlyOnce()
    {
        await RoundAtAsync(new DateTimeOffset(2026, 11, 20, 15, 0, 0, Kst));
        await RoundAtAsync(new DateTimeOffset(2026, 11, 20, 15, 1, 0, Kst));

        Assert.Equal(new DateOnly(2026, 11, 19), Assert.Single(await ScheduledAsync(_server.ProjectId, ReportKind.Daily)).From);
    }

    [Fact]
    public async Task RunDueAsync_DownUntilTheNextMorning_SkipsTheMissedDay()
    {
        // Down from before 09:00 on the 20th until 08:00 on the 21st: the 20th's report (about the 19th) is skipped.
        await RoundAtAsync(new DateTimeOffset(2026, 11, 21, 8, 0, 0, Kst));
        Assert.Empty(await ScheduledAsync(_server.ProjectId, ReportKind.Daily));

        await RoundAtAsync(new DateTimeOffset(2026, 11, 21, 9, 0, 0, Kst));
        Assert.Equal(new DateOnly(2026, 11, 20), Assert.Single(await ScheduledAsync(_server.ProjectId, ReportKind.Daily)).From);
    }

    [Fact]
    public async Task RunDueAsync_MondayTen_SendsTheWeekMondayToSunday()
    {
        await RoundAtAsync(new DateTimeOffset(2026, 11, 23, 9, 59, 0, Kst));
        Assert.Empty(await ScheduledAsync(_server.ProjectId, ReportKind.Weekly));

        await RoundAtAsync(new DateTimeOffset(2026, 11, 23, 10, 0, 0, Kst));
        await RoundAtAsync(new DateTimeOffset(2026, 11, 23, 18, 0, 0, Kst));

        var weekly = Assert.Single(await ScheduledAsync(_server.ProjectId, ReportKind.Weekly));
        Assert.Equal((new DateOnly(2026, 11, 16), new DateOnly(2026, 11, 22)), (weekly.From, weekly.To));
    }

    [Theory]
    [InlineData("2026-03-08T13:00:00Z", "2026-03-07")] // spring forward: 09:00 EDT
    [InlineData("2026-11-01T14:00:00Z", "2026-10-31")] // fall back: 09:00 EST
    public async Task RunDueAsync_DaylightSavingDayInNewYork_SendsAtNineLocalOnce(string nineLocal, string reportDay)
    {
        var project = await _server.Services.GetRequiredService<IMetadataStore>().CreateProjectAsync("Diner", "America/New_York", CancellationToken.None);
        var nine = DateTimeOffset.Parse(nineLocal);

        await RoundAtAsync(nine.AddMinutes(-1));
        Assert.Empty(await ScheduledAsync(project.Id, ReportKind.Daily));
        await RoundAtAsync(nine);
        await RoundAtAsync(nine.AddHours(1));
        await RoundAtAsync(nine.AddHours(14));

        Assert.Equal(DateOnly.Parse(reportDay), Assert.Single(await ScheduledAsync(project.Id, ReportKind.Daily)).From);
    }

    [Fact]
    public async Task RunDueAsync_EditedScheduleAndReportOff_FollowTheSettings()
    {
        await Store.SaveReportSettingsAsync(new ReportSettings(_server.ProjectId, "30 7 * * *", null, ReportLanguage.Korean, []), CancellationToken.None);

        await RoundAtAsync(new DateTimeOffset(2026, 11, 23, 7, 30, 0, Kst));
        await RoundAtAsync(new DateTimeOffset(2026, 11, 23, 10, 0, 0, Kst));

        var daily = Assert.Single(await ScheduledAsync(_server.ProjectId, ReportKind.Daily));
        Assert.Equal(ReportLanguage.Korean, daily.Language);
        Assert.StartsWith("일일 리포트 — My App — 2026-11-22 (일)", daily.Subject);
        Assert.Empty(await ScheduledAsync(_server.ProjectId, ReportKind.Weekly));
    }
}
