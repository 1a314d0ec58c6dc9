using Vigil.Core.Storage;
using Vigil.Testing;
using Vigil.Testing.Contracts;

namespace Vigil.Storage.ClickHouse.Tests;

/// <summary>A telemetry store on a database of its own in the real ClickHouse test.sh starts, writing through its spool.</summary>
public sealed class ClickHouseTelemetryEngine : ITelemetryEngine
{
    private readonly string _spoolDirectory = Directory.CreateTempSubdirectory("vigil-clickhouse-contract-").FullName;
    private readonly HttpClient _http = new();
    private readonly ClickHouseSettings _settings = ClickHouseSettings.Parse($"Url={TestServers.ClickHouse};Database={TestServers.NewClickHouseDatabaseName()}");
    private ClickHouseTelemetryStore? _store;

    public ITelemetryStore Store => _store ?? throw new InvalidOperationException("Not initialized.");

    public async Task InitializeAsync()
    {
        _store = new ClickHouseTelemetryStore(_http, _settings, _spoolDirectory, TimeProvider.System, TimeSpan.FromMilliseconds(10));
        await _store.MigrateAsync(CancellationToken.None);
    }

    /// <summary>Ships the spool until it is empty.</summary>
    public Task MakeReadableAsync() => SpoolShipping.ShipAllAsync((ClickHouseTelemetryStore)Store);

    public async ValueTask DisposeAsync()
    {
        _store?.Dispose();
        await new ClickHouseClient(_http, _settings).ExecuteAsync($"DROP DATABASE IF EXISTS {_settings.Database}", CancellationToken.None, withDatabase: false);
        _http.Dispose();
        Directory.Delete(_spoolDirectory, recursive: true);
    }
}

public sealed class ClickHouseTelemetryErrorsTests : TelemetryErrorsContract<ClickHouseTelemetryEngine>;

public sealed class ClickHouseTelemetryLogsTests : TelemetryLogsContract<ClickHouseTelemetryEngine>;

public sealed class ClickHouseTelemetryMonitorsTests : TelemetryMonitorsContract<ClickHouseTelemetryEngine>;

public sealed class ClickHouseTelemetrySeriesTests : TelemetrySeriesContract<ClickHouseTelemetryEngine>;

public sealed class ClickHouseTelemetryWebVitalsTests : TelemetryWebVitalsContract<ClickHouseTelemetryEngine>;

public sealed class ClickHouseTelemetryKpisTests : TelemetryKpisContract<ClickHouseTelemetryEngine>;

public sealed class ClickHouseTelemetryKpiFiguresTests : TelemetryKpiFiguresContract<ClickHouseTelemetryEngine>;
public sealed class ClickHouseTelemetryRevenueTests : TelemetryRevenueContract<ClickHouseTelemetryEngine>;
public sealed class ClickHouseTelemetryExperimentsTests : TelemetryExperimentsContract<ClickHouseTelemetryEngine>;
public sealed class ClickHouseTelemetryRoutesTests : TelemetryRoutesContract<ClickHouseTelemetryEngine>;
