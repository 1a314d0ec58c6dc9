using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Vigil.Storage.Sqlite;

/// <summary>
/// A statement prepared once and bound by position through SQLite's C API, for the one-row-per-item inserts of
/// the ingest path. Microsoft.Data.Sqlite looks every parameter up by name on every execution, which costs more
/// than the insert itself; this skips that. It runs inside whatever transaction the connection has open.
/// </summary>
internal sealed class RawStatement : IDisposable
{
    private readonly sqlite3 _database;
    private readonly sqlite3_stmt _statement;

    public RawStatement(SqliteConnection connection, string sql)
    {
        _database = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(_database, sql, out _statement), _database);
    }

    /// <summary>Positions count from 1, as in SQLite.</summary>
    public void Bind(int position, long value) => Check(raw.sqlite3_bind_int64(_statement, position, value));

    public void Bind(int position, double value) => Check(raw.sqlite3_bind_double(_statement, position, value));

    /// <summary>Binds NULL for a null text.</summary>
    public void Bind(int position, string? value) =>
        Check(value is null ? raw.sqlite3_bind_null(_statement, position) : raw.sqlite3_bind_text(_statement, position, value));

    public void Execute()
    {
        var result = raw.sqlite3_step(_statement);
        raw.sqlite3_reset(_statement);
        if (result != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(result, _database);
        }
    }

    /// <summary>The row id of the connection's latest insert: after <see cref="Execute"/>, the row this statement added.</summary>
    public long LastInsertRowId => raw.sqlite3_last_insert_rowid(_database);

    public void Dispose() => _statement.Dispose();

    private void Check(int result) => SqliteException.ThrowExceptionForRC(result, _database);
}
