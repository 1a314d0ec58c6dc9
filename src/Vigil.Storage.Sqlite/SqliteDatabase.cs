using Microsoft.Data.Sqlite;

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

    /// <summary>Applies, in order and once each, the migrations of one store that the file has not seen yet.</summary>
    public async Task MigrateAsync(string store, IReadOnlyList<string> migrations, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE IF NOT EXISTS schema_migrations (store TEXT NOT NULL, version INTEGER NOT NULL, PRIMARY KEY (store, version))";
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        for (var version = 1; version <= migrations.Count; version++)
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            await using var check = connection.CreateCommand();
            check.Transaction = transaction;
            check.CommandText = "SELECT COUNT(*) FROM schema_migrations WHERE store = $store AND version = $version";
            check.Parameters.AddWithValue("$store", store);
            check.Parameters.AddWithValue("$version", version);
            if ((long)(await check.ExecuteScalarAsync(cancellationToken))! > 0)
            {
                continue;
            }
            await using var migrate = connection.CreateCommand();
            migrate.Transaction = transaction;
            migrate.CommandText = migrations[version - 1];
            await migrate.ExecuteNonQueryAsync(cancellationToken);
            await using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = "INSERT INTO schema_migrations (store, version) VALUES ($store, $version)";
            record.Parameters.AddWithValue("$store", store);
            record.Parameters.AddWithValue("$version", version);
            await record.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
    }
}
