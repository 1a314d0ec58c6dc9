using Microsoft.Data.Sqlite;
using Vigil.Core.Storage;
using Vigil.Testing.Contracts;

namespace Vigil.Storage.Sqlite.Tests;

/// <summary>A telemetry store on a SQLite file of its own; written is readable at once.</summary>
public sealed class SqliteTelemetryEngine : ITelemetryEngine
{
    private readonly string _directory = Directory.CreateTempSubdirectory("vigil-sqlite-contract-").FullName;
    private SqliteTelemetryStore? _store;

    public ITelemetryStore Store => _store ?? throw new InvalidOperationException("Not initialized.");

    public async Task InitializeAsync()
    {
        _store = new SqliteTelemetryStore(new SqliteDatabase(Path.Combine(_directory, "vigil.db")));
        await _store.MigrateAsync(CancellationToken.None);
    }

    public Task MakeReadableAsync() => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}

public sealed class SqliteTelemetryErrorsTests : TelemetryErrorsContract<SqliteTelemetryEngine>;

public sealed class SqliteTelemetryLogsTests : TelemetryLogsContract<SqliteTelemetryEngine>;

public sealed class SqliteTelemetryMonitorsTests : TelemetryMonitorsContract<SqliteTelemetryEngine>;

public sealed class SqliteTelemetrySeriesTests : TelemetrySeriesContract<SqliteTelemetryEngine>;

public sealed class SqliteTelemetryWebVitalsTests : TelemetryWebVitalsContract<SqliteTelemetryEngine>;

public sealed class SqliteTelemetryKpisTests : TelemetryKpisContract<SqliteTelemetryEngine>;

public sealed class SqliteTelemetryKpiFiguresTests : TelemetryKpiFiguresContract<SqliteTelemetryEngine>;
public sealed class SqliteTelemetryRevenueTests : TelemetryRevenueContract<SqliteTelemetryEngine>;
public sealed class SqliteTelemetryExperimentsTests : TelemetryExperimentsContract<SqliteTelemetryEngine>;
public sealed class SqliteTelemetryRoutesTests : TelemetryRoutesContract<SqliteTelemetryEngine>;
