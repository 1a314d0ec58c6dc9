using Vigil.Core.Projects;
using Vigil.Core.Storage;

namespace Vigil.Testing.Contracts;

/// <summary>What every metadata store must do; each engine's test project runs it against a fresh database of its own.</summary>
public abstract partial class MetadataStoreContract
{
    protected ManualTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 22, 3, 0, 0, TimeSpan.Zero));

    /// <summary>A migrated store on an empty database of its own.</summary>
    protected abstract Task<IMetadataStore> CreateStoreAsync();

    [Fact]
    public async Task MigrateAsync_RunTwice_KeepsTheData()
    {
        var store = await CreateStoreAsync();
        await store.CreateProjectAsync("Shop", "Asia/Seoul", CancellationToken.None);

        await store.MigrateAsync(CancellationToken.None);

        Assert.Equal("Shop", Assert.Single(await store.ListProjectsAsync(CancellationToken.None)).Name);
    }

    [Fact]
    public async Task FindUserByEmailAsync_OtherCase_FindsTheUser()
    {
        var store = await CreateStoreAsync();
        Assert.False(await store.HasUsersAsync(CancellationToken.None));
        var created = await store.CreateUserAsync("Owner@Example.com", "hash", CancellationToken.None);

        var found = await store.FindUserByEmailAsync("owner@example.COM", CancellationToken.None);

        Assert.True(await store.HasUsersAsync(CancellationToken.None));
        Assert.Equal(created, found);
        Assert.Null(await store.FindUserByEmailAsync("someone@example.com", CancellationToken.None));
    }

    [Fact]
    public async Task UpdateProjectAsync_EverySetting_ReadsBackAsWritten()
    {
        var store = await CreateStoreAsync();
        var project = await store.CreateProjectAsync("Shop", "Asia/Seoul", CancellationToken.None);
        var changed = project with
        {
            Name = "Shop 2",
            TimeZoneId = "America/New_York",
            KeyEvents = new KeyEvents("page", "sign_up", "event_created", "purchase"),
            Targets = new Targets(0.5, 800, 99.95),
            HealthUrl = "https://shop.example/health",
        };

        await store.UpdateProjectAsync(changed, CancellationToken.None);

        Assert.Equal(changed, await store.FindProjectAsync(project.Id, CancellationToken.None));
        Assert.Equal(Time.GetUtcNow(), project.CreatedAt);
        Assert.Null(await store.FindProjectAsync(project.Id + 1000, CancellationToken.None));
    }

    [Fact]
    public async Task ApiKeys_ByHash_AndPublishableIngestKeysPerProject()
    {
        var store = await CreateStoreAsync();
        var shop = await store.CreateProjectAsync("Shop", "Asia/Seoul", CancellationToken.None);
        var blog = await store.CreateProjectAsync("Blog", "UTC", CancellationToken.None);
        var ingest = await store.CreateApiKeyAsync(ApiKeyKind.Ingest, shop.Id, "hash-1", "vgi_abc", "vgi_abc_secret", CancellationToken.None);
        await store.CreateApiKeyAsync(ApiKeyKind.Ingest, blog.Id, "hash-2", "vgi_def", "vgi_def_secret", CancellationToken.None);
        var admin = await store.CreateApiKeyAsync(ApiKeyKind.Admin, null, "hash-3", "vga_ghi", null, CancellationToken.None);

        Assert.Equal(ingest, await store.FindApiKeyBySecretHashAsync("hash-1", CancellationToken.None));
        Assert.Equal(admin, await store.FindApiKeyBySecretHashAsync("hash-3", CancellationToken.None));
        Assert.Null(await store.FindApiKeyBySecretHashAsync("hash-4", CancellationToken.None));
        Assert.Equal(["vgi_abc_secret"], await store.ListIngestKeysAsync(shop.Id, CancellationToken.None));
    }

    [Fact]
    public async Task TryHoldLeaseAsync_HeldByAnother_RefusedUntilItExpiresThenTakenOver()
    {
        var store = await CreateStoreAsync();
        var duration = TimeSpan.FromSeconds(20);

        Assert.True(await store.TryHoldLeaseAsync("probes", "node-a", duration, CancellationToken.None));
        Assert.False(await store.TryHoldLeaseAsync("probes", "node-b", duration, CancellationToken.None));
        Assert.True(await store.TryHoldLeaseAsync("reports", "node-b", duration, CancellationToken.None));

        Time.Advance(TimeSpan.FromSeconds(15));
        Assert.True(await store.TryHoldLeaseAsync("probes", "node-a", duration, CancellationToken.None));
        Time.Advance(TimeSpan.FromSeconds(15));
        Assert.False(await store.TryHoldLeaseAsync("probes", "node-b", duration, CancellationToken.None));

        Time.Advance(TimeSpan.FromSeconds(5));
        Assert.True(await store.TryHoldLeaseAsync("probes", "node-b", duration, CancellationToken.None));
        Assert.False(await store.TryHoldLeaseAsync("probes", "node-a", duration, CancellationToken.None));
    }

    [Fact]
    public async Task ReleaseLeaseAsync_ByItsHolder_FreesItAtOnce()
    {
        var store = await CreateStoreAsync();
        var duration = TimeSpan.FromSeconds(20);
        await store.TryHoldLeaseAsync("probes", "node-a", duration, CancellationToken.None);

        await store.ReleaseLeaseAsync("probes", "node-b", CancellationToken.None);
        Assert.False(await store.TryHoldLeaseAsync("probes", "node-b", duration, CancellationToken.None));
        await store.ReleaseLeaseAsync("probes", "node-a", CancellationToken.None);

        Assert.True(await store.TryHoldLeaseAsync("probes", "node-b", duration, CancellationToken.None));
    }
}
