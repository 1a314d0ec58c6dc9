using Microsoft.Data.Sqlite;
using Vigil.Core.Storage;
using Vigil.Testing.Contracts;

namespace Vigil.Storage.Sqlite.Tests;

public sealed class SqliteTelemetrySeriesTests : TelemetrySeriesContract, IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("vigil-sqlite-series-").FullName;
    private SqliteTelemetryStore? _store;

    protected override ITelemetryStore Store => _store ?? throw new InvalidOperationException("Not initialized.");

    protected override Task MakeReadableAsync() => Task.CompletedTask;

    public async Task InitializeAsync()
    {
        _store = new SqliteTelemetryStore(new SqliteDatabase(Path.Combine(_directory, "vigil.db")));
        await _store.MigrateAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
