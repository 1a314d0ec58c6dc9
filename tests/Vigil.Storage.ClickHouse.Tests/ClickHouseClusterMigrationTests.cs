using Vigil.Core.Ingest;
using Vigil.Testing;

namespace Vigil.Storage.ClickHouse.Tests;

/// <summary>The scaled-out schema (Distributed tables over <c>*_local</c> ones on two shards) brought up to date.</summary>
public sealed class ClickHouseClusterMigrationTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Hour = new(2026, 11, 21, 5, 0, 0, TimeSpan.Zero);
    private readonly string _spoolDirectory = Directory.CreateTempSubdirectory("vigil-clickhouse-cluster-test-").FullName;
    private readonly HttpClient _http = new();
    private readonly ClickHouseSettings _settings = ClickHouseSettings.Parse(
        $"Url={TestServers.ClickHouse};Database={TestServers.NewClickHouseDatabaseName()};Cluster={TestServers.ClickHouseCluster};Shards={TestServers.ClickHouse},{TestServers.ClickHouseShard2}");

    public Task InitializeAsync() => Task.CompletedTask;

    [Fact]
    public async Task MigrateAsync_RequestsWithoutTraceIdOnEveryShard_AddsItToLocalAndDistributedTables()
    {
        var client = new ClickHouseClient(_http, _settings);
        using (var first = Open())
        {
            await first.MigrateAsync(CancellationToken.None);
        }
        // The tables as a build before trace ids left them, on both shards.
        foreach (var server in _settings.Servers)
        {
            foreach (var table in new[] { "requests", "requests_local" })
            {
                await client.ExecuteAsync($"ALTER TABLE {_settings.Database}.{table} DROP COLUMN trace_id", CancellationToken.None, server, withDatabase: false);
            }
        }

        using var store = Open();
        await store.MigrateAsync(CancellationToken.None);
        var requests = Enumerable.Range(1, 40)
            .Select(index => new RequestSample(1, Hour.AddMinutes(index), "GET", "/orders/{id}", 200, index) { TraceId = index.ToString("x32", System.Globalization.CultureInfo.InvariantCulture) })
            .ToList();
        await store.WriteAsync(new IngestBatch([], requests, new Dictionary<long, TimeZoneInfo> { [1] = TimeZoneInfo.Utc }), CancellationToken.None);
        await SpoolShipping.ShipAllAsync(store);

        foreach (var server in _settings.Servers)
        {
            var columns = await client.QueryAsync(
                $"SELECT table FROM system.columns WHERE database = '{_settings.Database}' AND table LIKE 'requests%' AND name = 'trace_id' ORDER BY table", CancellationToken.None, server);
            Assert.Equal(["requests", "requests_local"], columns.Select(row => row[0]));
        }
        var route = Assert.Single(await store.ReadRoutesAsync(1, Hour, Hour.AddHours(1), CancellationToken.None)).Aggregate;
        Assert.Equal(40, route.Requests.Count);
        Assert.Equal(["28", "27", "26", "25", "24"], route.Slowest.Select(request => request.TraceId![^2..]));
    }

    public async Task DisposeAsync()
    {
        var client = new ClickHouseClient(_http, _settings);
        foreach (var server in _settings.Servers)
        {
            await client.ExecuteAsync($"DROP DATABASE IF EXISTS {_settings.Database}", CancellationToken.None, server, withDatabase: false);
        }
        _http.Dispose();
        Directory.Delete(_spoolDirectory, recursive: true);
    }

    private ClickHouseTelemetryStore Open() => new(_http, _settings, _spoolDirectory, TimeProvider.System, TimeSpan.FromMilliseconds(10));
}
