using Vigil.Core.Storage;
using Vigil.Testing;
using Vigil.Testing.Contracts;

namespace Vigil.Storage.ClickHouse.Tests;

/// <summary>Metric series through the spool into the real ClickHouse test.sh starts, on a database of its own.</summary>
public sealed class ClickHouseTelemetrySeriesTests : TelemetrySeriesContract, IAsyncLifetime
{
    private readonly string _spoolDirectory = Directory.CreateTempSubdirectory("vigil-clickhouse-series-").FullName;
    private readonly HttpClient _http = new();
    private readonly ClickHouseSettings _settings = ClickHouseSettings.Parse($"Url={TestServers.ClickHouse};Database={TestServers.NewClickHouseDatabaseName()}");
    private ClickHouseTelemetryStore? _store;

    protected override ITelemetryStore Store => _store ?? throw new InvalidOperationException("Not initialized.");

    protected override async Task MakeReadableAsync()
    {
        var store = (ClickHouseTelemetryStore)Store;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var shipping = store.ShipAsync(stop.Token);
        while (store.SpoolStatus.PendingBytes > 0 && !stop.IsCancellationRequested)
        {
            await Task.Delay(10);
        }
        await stop.CancelAsync();
        await shipping;
        Assert.Equal(0, store.SpoolStatus.PendingBytes);
    }

    public async Task InitializeAsync()
    {
        _store = new ClickHouseTelemetryStore(_http, _settings, _spoolDirectory, TimeProvider.System, TimeSpan.FromMilliseconds(10));
        await _store.MigrateAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        _store?.Dispose();
        await new ClickHouseClient(_http, _settings).ExecuteAsync($"DROP DATABASE IF EXISTS {_settings.Database}", CancellationToken.None, withDatabase: false);
        _http.Dispose();
        Directory.Delete(_spoolDirectory, recursive: true);
    }
}
