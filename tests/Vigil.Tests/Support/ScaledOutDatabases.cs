using Npgsql;
using Vigil.Hosting;
using Vigil.Testing;

namespace Vigil.Tests.Support;

/// <summary>A test server's own PostgreSQL database and ClickHouse database (on both shards), dropped afterwards.</summary>
internal sealed class ScaledOutDatabases(string postgres, string clickHouseDatabase)
{
    public static async Task<ScaledOutDatabases> CreateAsync(VigilOptions options)
    {
        var databases = new ScaledOutDatabases(await TestServers.CreatePostgresDatabaseAsync(), TestServers.NewClickHouseDatabaseName());
        options.Postgres = databases.Postgres;
        options.ClickHouse = databases.ClickHouse;
        // Short, so tests that wait for what they sent wait little; production keeps the 1 s default.
        options.ClickHouseFlushInterval = TimeSpan.FromMilliseconds(50);
        return databases;
    }

    public string Postgres => postgres;

    public string ClickHouse =>
        $"Url={TestServers.ClickHouse};Database={clickHouseDatabase};Cluster={TestServers.ClickHouseCluster};Shards={TestServers.ClickHouse},{TestServers.ClickHouseShard2}";

    public async Task DropAsync()
    {
        NpgsqlConnection.ClearAllPools();
        using var http = new HttpClient();
        foreach (var shard in new[] { TestServers.ClickHouse, TestServers.ClickHouseShard2 })
        {
            using var response = await http.PostAsync(shard, new StringContent($"DROP DATABASE IF EXISTS {clickHouseDatabase}"));
        }
        var database = new NpgsqlConnectionStringBuilder(postgres).Database;
        await using var connection = new NpgsqlConnection(TestServers.PostgresConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
