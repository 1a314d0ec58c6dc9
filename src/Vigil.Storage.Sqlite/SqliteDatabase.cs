using Microsoft.Data.Sqlite;
using Vigil.Storage.Relational;

namespace Vigil.Storage.Sqlite;

/// <summary>
/// The embedded database file. WAL lets the dashboard read while the ingest writer commits;
/// synchronous=FULL makes every commit durable, and group commit keeps the fsyncs few.
/// </summary>
public sealed class SqliteDatabase
{
    private readonly string _connectionString;

    public SqliteDatabase(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string Path { get; }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var pragmas = connection.CreateCommand();
        // Checkpoints run in the background (CheckpointAsync), not inside whichever commit crosses the threshold.
        pragmas.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON; PRAGMA wal_autocheckpoint=0;";
        await pragmas.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    /// <summary>
    /// A connection for reading only. WAL mode is a property of the file, set by the first <see cref="OpenAsync"/>; the
    /// other settings matter to writers alone, so a read skips the statements that set them (a fifth of a small
    /// read's time, which the alert evaluator makes thousands of per cycle).
    /// </summary>
    public async Task<SqliteConnection> OpenReadAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>
    /// Copies committed pages from the WAL into the database file without blocking readers or the writer, and
    /// answers how many WAL frames are still not copied (frames appended meanwhile, or held by an older reader).
    /// </summary>
    public async Task<long> CheckpointAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var checkpoint = connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
        await using var reader = await checkpoint.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        // Columns: busy, frames in the WAL, frames copied; -1 when the database is not in WAL mode.
        return Math.Max(0, reader.GetInt64(1) - reader.GetInt64(2));
    }

    /// <summary>Applies the migrations of one store that the file has not seen yet.</summary>
    public async Task MigrateAsync(string store, IReadOnlyList<string> migrations, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await SchemaMigrations.ApplyAsync(connection, store, migrations, lockStatement: null, cancellationToken);
    }
}
