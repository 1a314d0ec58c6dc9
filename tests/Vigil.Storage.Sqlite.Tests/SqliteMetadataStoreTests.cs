using Microsoft.Data.Sqlite;
using Vigil.Core.Storage;
using Vigil.Testing.Contracts;

namespace Vigil.Storage.Sqlite.Tests;

public sealed class SqliteMetadataStoreTests : MetadataStoreContract, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("vigil-sqlite-metadata-").FullName;

    protected override async Task<IMetadataStore> CreateStoreAsync()
    {
        var store = new SqliteMetadataStore(new SqliteDatabase(Path.Combine(_directory, "vigil.db")), Time);
        await store.MigrateAsync(CancellationToken.None);
        return store;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
