using System.Data.Common;
using Dapper;

namespace Vigil.Storage.Relational;

/// <summary>Versioned migrations per store, recorded in <c>schema_migrations</c> of the same database.</summary>
public static class SchemaMigrations
{
    /// <summary>
    /// Applies, in order and once each, the migrations of <paramref name="store"/> the database has not seen yet, each
    /// in its own transaction with its record. <paramref name="lockStatement"/>, when given, runs first in every
    /// transaction so that nodes starting together apply each migration once.
    /// </summary>
    public static async Task ApplyAsync(DbConnection connection, string store, IReadOnlyList<string> migrations, string? lockStatement, CancellationToken cancellationToken)
    {
        // Concurrent CREATE TABLE IF NOT EXISTS can still collide in PostgreSQL's catalog, so it takes the lock too.
        await using (var transaction = await BeginAsync(connection, lockStatement, cancellationToken))
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "CREATE TABLE IF NOT EXISTS schema_migrations (store TEXT NOT NULL, version INTEGER NOT NULL, PRIMARY KEY (store, version))",
                transaction: transaction, cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
        }
        for (var version = 1; version <= migrations.Count; version++)
        {
            await using var transaction = await BeginAsync(connection, lockStatement, cancellationToken);
            var applied = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT COUNT(*) FROM schema_migrations WHERE store = @store AND version = @version",
                new { store, version }, transaction, cancellationToken: cancellationToken));
            if (applied > 0)
            {
                continue;
            }
            await connection.ExecuteAsync(new CommandDefinition(migrations[version - 1], transaction: transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO schema_migrations (store, version) VALUES (@store, @version)",
                new { store, version }, transaction, cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
        }
    }

    private static async Task<DbTransaction> BeginAsync(DbConnection connection, string? lockStatement, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (lockStatement is not null)
        {
            await connection.ExecuteAsync(new CommandDefinition(lockStatement, transaction: transaction, cancellationToken: cancellationToken));
        }
        return transaction;
    }
}
