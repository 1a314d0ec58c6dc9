using Vigil.Core.Monitors;
using Vigil.Core.Storage;

namespace Vigil.Testing.Contracts;

/// <summary>The monitor half of the metadata store: definitions, unique names, heartbeat pings.</summary>
public abstract partial class MetadataStoreContract
{
    private async Task<(IMonitorStore Store, long ProjectId)> CreateMonitorStoreAsync()
    {
        var store = await CreateStoreAsync();
        var project = await store.CreateProjectAsync("Shop", "Asia/Seoul", None);
        return ((IMonitorStore)store, project.Id);
    }

    private MonitorDefinition HttpMonitor(long projectId, string name) => new()
    {
        ProjectId = projectId,
        Name = name,
        Kind = MonitorKind.Http,
        Interval = TimeSpan.FromSeconds(30),
        Timeout = TimeSpan.FromSeconds(5),
        Url = "https://api.example/health",
        Method = "HEAD",
        ExpectedStatus = StatusRanges.TryParse("200-204, 301", out var ranges, out _) ? ranges : StatusRanges.Default,
        Keyword = "ok",
        MaxLatencyMs = 1500.5,
        FollowRedirects = false,
        IgnoreCertificateErrors = true,
        CreatedAt = Time.GetUtcNow(),
    };

    private MonitorDefinition HeartbeatMonitor(long projectId, string name, string token) => new()
    {
        ProjectId = projectId,
        Name = name,
        Kind = MonitorKind.Heartbeat,
        Period = TimeSpan.FromHours(1),
        Grace = TimeSpan.FromMinutes(5),
        Token = token,
        CreatedAt = Time.GetUtcNow(),
    };

    [Fact]
    public async Task CreateMonitorAsync_EveryKind_ReadsBackAsWrittenByName()
    {
        var (store, projectId) = await CreateMonitorStoreAsync();
        var tls = new MonitorDefinition
        {
            ProjectId = projectId, Name = "cert", Kind = MonitorKind.Tls, Host = "api.example", Port = 8443, WarnDays = 30, CreatedAt = Time.GetUtcNow(),
        };
        var tcp = new MonitorDefinition { ProjectId = projectId, Name = "db", Kind = MonitorKind.Tcp, Host = "10.0.0.5", Port = 5432, CreatedAt = Time.GetUtcNow() };

        var http = (await store.CreateMonitorAsync(HttpMonitor(projectId, "api"), None))!;
        var heartbeat = (await store.CreateMonitorAsync(HeartbeatMonitor(projectId, "backup", "token-1"), None))!;
        var createdTls = (await store.CreateMonitorAsync(tls, None))!;
        var createdTcp = (await store.CreateMonitorAsync(tcp, None))!;

        Assert.Equal([http, heartbeat, createdTls, createdTcp], await store.ListMonitorsAsync(projectId, None));
        Assert.Equal(HttpMonitor(projectId, "api") with { Id = http.Id }, await store.FindMonitorAsync(projectId, http.Id, None));
        Assert.Equal(tls with { Id = createdTls.Id }, await store.FindMonitorAsync(projectId, createdTls.Id, None));
        Assert.Null(await store.FindMonitorAsync(projectId + 1, http.Id, None));
    }

    [Fact]
    public async Task CreateMonitorAsync_NameTakenInTheProject_NullAndTheFirstStays()
    {
        var (store, projectId) = await CreateMonitorStoreAsync();
        var other = await ((IMetadataStore)store).CreateProjectAsync("Blog", "UTC", None);
        var first = (await store.CreateMonitorAsync(HttpMonitor(projectId, "api"), None))!;

        var second = await store.CreateMonitorAsync(HttpMonitor(projectId, "api") with { Url = "https://other.example" }, None);
        var elsewhere = await store.CreateMonitorAsync(HttpMonitor(other.Id, "api"), None);

        Assert.Null(second);
        Assert.NotNull(elsewhere);
        Assert.Equal([first], await store.ListMonitorsAsync(projectId, None));
        Assert.Equal(2, (await store.ListMonitorsAsync(null, None)).Count);
    }

    [Fact]
    public async Task UpdateMonitorAsync_ChangesAndTakenNamesAndMissing_SavedNameTakenNotFound()
    {
        var (store, projectId) = await CreateMonitorStoreAsync();
        var api = (await store.CreateMonitorAsync(HttpMonitor(projectId, "api"), None))!;
        await store.CreateMonitorAsync(HttpMonitor(projectId, "web"), None);
        var changed = api with { Name = "api v2", Kind = MonitorKind.Tcp, Url = null, Host = "api.example", Port = 443, Interval = TimeSpan.FromMinutes(5) };

        var saved = await store.UpdateMonitorAsync(changed, None);
        var taken = await store.UpdateMonitorAsync(changed with { Name = "web" }, None);
        var missing = await store.UpdateMonitorAsync(changed with { Id = api.Id + 100 }, None);

        Assert.Equal((MonitorSaveOutcome.Saved, MonitorSaveOutcome.NameTaken, MonitorSaveOutcome.NotFound), (saved, taken, missing));
        Assert.Equal(changed, await store.FindMonitorAsync(projectId, api.Id, None));
    }

    [Fact]
    public async Task DeleteMonitorAsync_OnceThenAgain_TrueThenFalse()
    {
        var (store, projectId) = await CreateMonitorStoreAsync();
        var api = (await store.CreateMonitorAsync(HttpMonitor(projectId, "api"), None))!;

        Assert.True(await store.DeleteMonitorAsync(projectId, api.Id, None));
        Assert.False(await store.DeleteMonitorAsync(projectId, api.Id, None));
        Assert.Empty(await store.ListMonitorsAsync(projectId, None));
    }

    [Fact]
    public async Task RecordPingAsync_TokenOkThenFail_KeepsTheLastPingAndWhetherItFailed()
    {
        var (store, projectId) = await CreateMonitorStoreAsync();
        var backup = (await store.CreateMonitorAsync(HeartbeatMonitor(projectId, "backup", "secret-token"), None))!;
        var at = Time.GetUtcNow().AddMinutes(3);

        var ok = await store.RecordPingAsync("secret-token", at, failed: false, None);
        var failed = await store.RecordPingAsync("secret-token", at.AddMinutes(1), failed: true, None);
        var unknown = await store.RecordPingAsync("no-such-token", at, failed: false, None);

        Assert.Equal(backup with { LastPingAt = at, LastPingFailed = false }, ok);
        Assert.Equal(backup with { LastPingAt = at.AddMinutes(1), LastPingFailed = true }, failed);
        Assert.Null(unknown);
        Assert.Equal(failed, await store.FindMonitorAsync(projectId, backup.Id, None));
    }
}
