using Vigil.Core.Ingest;
using Vigil.Core.Metrics;
using Vigil.Core.Storage;
using Vigil.Testing;

namespace Vigil.Storage.ClickHouse.Tests;

/// <summary>The store against the real ClickHouse test.sh starts, on a database of its own on one server (no cluster).</summary>
public sealed class ClickHouseTelemetryStoreTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Minute = new(2026, 11, 21, 5, 30, 0, TimeSpan.Zero);
    private static readonly Dictionary<long, TimeZoneInfo> Zones = new() { [1] = TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul") };
    private readonly string _spoolDirectory = Directory.CreateTempSubdirectory("vigil-clickhouse-test-").FullName;
    private readonly HttpClient _http = new();
    private readonly ClickHouseSettings _settings = ClickHouseSettings.Parse($"Url={TestServers.ClickHouse};Database={TestServers.NewClickHouseDatabaseName()}");

    public async Task InitializeAsync()
    {
        using var store = Open();
        await store.MigrateAsync(CancellationToken.None);
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("it's")]
    [InlineData(@"back\slash and \n not a newline")]
    [InlineData("tab\tnew\nline\rreturn")]
    [InlineData("한국어 ✅ 🚀")]
    [InlineData("'; DROP TABLE events; --")]
    public async Task StringLiteral_ThroughClickHouse_ComesBackUnchanged(string value)
    {
        var client = new ClickHouseClient(_http, _settings);

        var rows = await client.QueryAsync($"SELECT {ClickHouseSql.String(value)}", CancellationToken.None);

        Assert.Equal(value, Assert.Single(Assert.Single(rows)));
    }

    [Fact]
    public async Task WriteAsync_ThenShipped_CountsAndRollupsAreReadable()
    {
        using var store = Open();

        await store.WriteAsync(Batch(("signup", "u1"), ("signup", "u2"), ("$pageview", "u1")), CancellationToken.None);
        await SpoolShipping.ShipAllAsync(store);

        var signups = await store.ReadEventCountsAsync(1, "signup", Minute, Minute.AddMinutes(1), Granularity.Minute, CancellationToken.None);
        Assert.Equal(2, Assert.Single(signups).Count);
        Assert.Equal(2, await store.CountDistinctUsersAsync(1, Minute, Minute.AddMinutes(1), Granularity.Minute, CancellationToken.None));
        var requests = Assert.Single(await store.ReadRequestBucketsAsync(1, Minute, Minute.AddMinutes(1), Granularity.Minute, CancellationToken.None));
        Assert.Equal((2, 1), (requests.Aggregate.Count, requests.Aggregate.ServerErrors));
        Assert.Equal(350.0, requests.Aggregate.SumMs);
    }

    [Fact]
    public async Task Ship_AfterACrashLostTheShippedMark_SendsOnlyTheRowsClickHouseLacks()
    {
        using (var store = Open())
        {
            await store.WriteAsync(Batch(("signup", "u1"), ("signup", "u2"), ("order", "u3")), CancellationToken.None);
            await SpoolShipping.ShipAllAsync(store);
        }
        var client = new ClickHouseClient(_http, _settings);
        // As if ClickHouse kept only part of an insert: the second event is gone, the others are there.
        await client.ExecuteAsync("ALTER TABLE events DELETE WHERE seq = 1", CancellationToken.None);
        await WaitForMutationsAsync(client);
        // As if the node died after the insert and before it recorded the shipment.
        File.Delete(Path.Combine(_spoolDirectory, "shipped"));

        using (var restarted = Open())
        {
            await SpoolShipping.ShipAllAsync(restarted);
        }

        var rows = await client.QueryAsync("SELECT seq, count() FROM events GROUP BY seq ORDER BY seq", CancellationToken.None);
        Assert.Equal(["0:1", "1:1", "2:1"], rows.Select(row => $"{row[0]}:{row[1]}"));
        Assert.Equal("2", Assert.Single(await client.QueryAsync("SELECT count() FROM requests", CancellationToken.None))[0]);
    }

    [Fact]
    public async Task WriteAsync_ClickHouseUnreachable_IsAcknowledgedAndShippedOnceItIsBack()
    {
        var unreachable = _settings with { Url = new Uri("http://127.0.0.1:9") };
        using (var store = new ClickHouseTelemetryStore(_http, unreachable, _spoolDirectory, TimeProvider.System, TimeSpan.FromMilliseconds(10)))
        {
            await store.WriteAsync(Batch(("signup", "u1")), CancellationToken.None);
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            await store.ShipAsync(stop.Token);
            Assert.True(store.SpoolStatus.PendingBytes > 0);
            Assert.NotNull(store.SpoolStatus.LastError);
        }

        using var back = Open();
        await SpoolShipping.ShipAllAsync(back);

        var signups = await back.ReadEventCountsAsync(1, "signup", Minute, Minute.AddMinutes(1), Granularity.Minute, CancellationToken.None);
        Assert.Equal(1, Assert.Single(signups).Count);
    }

    [Fact]
    public async Task MigrateAsync_RequestsFromBeforeTraceIds_AddsTheColumnAndKeepsTheRows()
    {
        var client = new ClickHouseClient(_http, _settings);
        using (var old = Open())
        {
            await old.WriteAsync(Batch(("signup", "u1")), CancellationToken.None);
            await SpoolShipping.ShipAllAsync(old);
        }
        // The table as a build before trace ids left it.
        await client.ExecuteAsync("ALTER TABLE requests DROP COLUMN trace_id", CancellationToken.None);

        using var store = Open();
        await store.MigrateAsync(CancellationToken.None);
        await store.MigrateAsync(CancellationToken.None);
        await store.WriteAsync(new IngestBatch([], [new RequestSample(1, Minute.AddSeconds(7), "GET", "/", 200, 900) { TraceId = new string('a', 32) }], Zones), CancellationToken.None);
        await SpoolShipping.ShipAllAsync(store);

        Assert.Equal("3", (await client.QueryAsync("SELECT count() FROM requests", CancellationToken.None))[0][0]);
        var hour = new DateTimeOffset(Minute.Year, Minute.Month, Minute.Day, Minute.Hour, 0, 0, TimeSpan.Zero);
        var route = Assert.Single(await store.ReadRoutesAsync(1, hour, hour.AddHours(1), CancellationToken.None)).Aggregate;
        Assert.Equal([new string('a', 32), null, null], route.Slowest.Select(request => request.TraceId));
    }

    public async Task DisposeAsync()
    {
        await new ClickHouseClient(_http, _settings).ExecuteAsync($"DROP DATABASE IF EXISTS {_settings.Database}", CancellationToken.None, withDatabase: false);
        _http.Dispose();
        Directory.Delete(_spoolDirectory, recursive: true);
    }

    private ClickHouseTelemetryStore Open() => new(_http, _settings, _spoolDirectory, TimeProvider.System, TimeSpan.FromMilliseconds(10));

    private static async Task WaitForMutationsAsync(ClickHouseClient client)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var pending = await client.QueryAsync("SELECT count() FROM system.mutations WHERE database = currentDatabase() AND is_done = 0", CancellationToken.None);
            if (pending[0][0] == "0")
            {
                return;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException("The delete mutation did not finish.");
    }

    private static IngestBatch Batch(params (string Name, string User)[] events)
    {
        var productEvents = events.Select((item, index) => new ProductEvent(1, item.Name, item.User, Minute.AddSeconds(index), "{}", [])).ToList();
        RequestSample[] requests = [new(1, Minute.AddSeconds(5), "GET", "/", 200, 100), new(1, Minute.AddSeconds(6), "GET", "/", 503, 250)];
        return new IngestBatch(productEvents, requests, Zones);
    }
}
