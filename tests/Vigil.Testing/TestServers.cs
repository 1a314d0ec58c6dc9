using Npgsql;

namespace Vigil.Testing;

/// <summary>
/// The PostgreSQL and ClickHouse servers that <c>tests/servers.sh</c> starts on 127.0.0.1 (test.sh sources it).
/// Each test class takes databases of its own, so no test sees another's data.
/// </summary>
public static class TestServers
{
    public static string PostgresConnectionString => Required("VIGIL_TEST_POSTGRES");

    public static Uri ClickHouse => new(Required("VIGIL_TEST_CLICKHOUSE"));

    public static Uri ClickHouseShard2 => new(Required("VIGIL_TEST_CLICKHOUSE_SHARD2"));

    public static string ClickHouseCluster => Required("VIGIL_TEST_CLICKHOUSE_CLUSTER");

    /// <summary>A fresh, empty PostgreSQL database; answers its connection string.</summary>
    public static async Task<string> CreatePostgresDatabaseAsync()
    {
        var name = UniqueName("vigil_test");
        await using (var connection = new NpgsqlConnection(PostgresConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(PostgresConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>A fresh database name for ClickHouse, which Vigil creates on its first migration.</summary>
    public static string NewClickHouseDatabaseName() => UniqueName("vigil_test");

    /// <summary>A port on 127.0.0.1 that nothing listens on at this moment.</summary>
    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string UniqueName(string prefix) => $"{prefix}_{Guid.NewGuid():N}";

    private static string Required(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{variable} is not set. Run ./test.sh, which starts PostgreSQL and ClickHouse on 127.0.0.1, or start them by hand " +
                "with `source tests/servers.sh && start_test_servers` in the shell that runs `dotnet test`.");
}
