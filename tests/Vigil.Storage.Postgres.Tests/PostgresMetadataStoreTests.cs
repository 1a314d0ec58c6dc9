using Npgsql;
using Vigil.Core.Storage;
using Vigil.Testing;
using Vigil.Testing.Contracts;

namespace Vigil.Storage.Postgres.Tests;

public sealed class PostgresMetadataStoreTests : MetadataStoreContract, IAsyncLifetime
{
    private readonly List<NpgsqlDataSource> _dataSources = [];
    private string _connectionString = "";

    public async Task InitializeAsync() => _connectionString = await TestServers.CreatePostgresDatabaseAsync();

    protected override async Task<IMetadataStore> CreateStoreAsync()
    {
        var store = Open();
        await store.MigrateAsync(CancellationToken.None);
        return store;
    }

    [Fact]
    public async Task MigrateAsync_SeveralNodesStartingTogether_EachMigrationRunsOnce()
    {
        var nodes = Enumerable.Range(0, 4).Select(_ => Open()).ToList();

        await Task.WhenAll(nodes.Select(node => node.MigrateAsync(CancellationToken.None)));

        await using var connection = await _dataSources[0].OpenConnectionAsync();
        // Every version once, and none missing: as many rows as the highest version (however many migrations there are by now).
        await using var count = new NpgsqlCommand("SELECT COUNT(*) = MAX(version) AND MAX(version) >= 5 FROM schema_migrations WHERE store = 'metadata'", connection);
        Assert.Equal(true, await count.ExecuteScalarAsync());
        var project = await nodes[1].CreateProjectAsync("Shop", "UTC", CancellationToken.None);
        Assert.Equal(project, await nodes[2].FindProjectAsync(project.Id, CancellationToken.None));
    }

    public async Task DisposeAsync()
    {
        foreach (var dataSource in _dataSources)
        {
            await dataSource.DisposeAsync();
        }
    }

    private PostgresMetadataStore Open()
    {
        var dataSource = NpgsqlDataSource.Create(_connectionString);
        _dataSources.Add(dataSource);
        return new PostgresMetadataStore(dataSource, Time);
    }
}
