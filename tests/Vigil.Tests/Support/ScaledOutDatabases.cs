using Npgsql;
using Vigil.Hosting;
using Vigil.Testing;

namespace Vigil.Tests.Support;

/// <summary>A test server's own PostgreSQL database and ClickHouse database (on both shards), dropped afterwards.</summary>
public sealed class ScaledOutDatabases(string postgres, string clickHouse, string clickHouseDatabase, Uri[] clickHouseServers)
{
    /// <summary>Fresh databases on the shared servers; <paramref name="clickHouse"/>, when given, is a single ClickHouse server of the test's own instead of the cluster.</summary>
    public static async Task<ScaledOutDatabases> CreateAsync(Uri? clickHouse = null)
    {
        var database = TestServers.NewClickHouseDatabaseName();
        var connection = clickHouse is null
            ? $"Url={TestServers.ClickHouse};Database={database};Cluster={TestServers.ClickHouseCluster};Shards={TestServers.ClickHouse},{TestServers.ClickHouseShard2}"
            : $"Url={clickHouse};Database={database}";
        return new ScaledOutDatabases(await TestServers.CreatePostgresDatabaseAsync(), connection, database, clickHouse is null ? [TestServers.ClickHouse, TestServers.ClickHouseShard2] : [clickHouse]);
    }

    public string Postgres => postgres;

    public string ClickHouse => clickHouse;

    public string ClickHouseDatabase => clickHouseDatabase;

    /// <summary>The flags that point a <c>vigil serve</c> process at these databases.</summary>
    public string[] Flags => ["--postgres", Postgres, "--clickhouse", ClickHouse];

    public void Apply(VigilOptions options)
    {
        options.Postgres = Postgres;
        options.ClickHouse = ClickHouse;
        // Short, so tests that wait for what they sent wait little; production keeps the 1 s default.
        options.ClickHouseFlushInterval = TimeSpan.FromMilliseconds(50);
    }

    public async Task DropAsync()
    {
        NpgsqlConnection.ClearAllPools();
        using var http = new HttpClient();
        foreach (var server in clickHouseServers)
        {
            try
            {
                using var response = await http.PostAsync(server, new StringContent($"DROP DATABASE IF EXISTS {clickHouseDatabase}"));
            }
            catch (HttpRequestException)
            {
                // A test's own server, already stopped and removed with its data.
            }
        }
        var database = new NpgsqlConnectionStringBuilder(postgres).Database;
        await using var connection = new NpgsqlConnection(TestServers.PostgresConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
