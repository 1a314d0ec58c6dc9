using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Hosting;
using Vigil.Storage.ClickHouse;

namespace Vigil.Tests.Support;

/// <summary>Where a test server keeps its data.</summary>
public enum Backend
{
    /// <summary>The embedded default: one SQLite file.</summary>
    Sqlite,

    /// <summary>Scaled out: metadata in PostgreSQL, events in the two-shard ClickHouse cluster test.sh starts.</summary>
    PostgresClickHouse,
}

/// <summary>
/// A real Vigil host in this process: Kestrel on a free 127.0.0.1 port, its own SQLite file in a temp directory (or
/// its own PostgreSQL and ClickHouse databases), and, when given, the test's clock. Each test class starts its own, so
/// no test sees another's data.
/// </summary>
public sealed class VigilServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ScaledOutDatabases? _databases;

    private VigilServer(WebApplication app, ScaledOutDatabases? databases, string dataDirectory, long projectId, string ingestKey, string adminToken, string email, string password)
    {
        _app = app;
        _databases = databases;
        DataDirectory = dataDirectory;
        ProjectId = projectId;
        IngestKey = ingestKey;
        AdminToken = adminToken;
        Email = email;
        Password = password;
        BaseAddress = new Uri(app.Urls.First() + "/");
    }

    public Uri BaseAddress { get; }
    public string DataDirectory { get; }
    public long ProjectId { get; }
    public string IngestKey { get; }
    public string AdminToken { get; }
    public string Email { get; }
    public string Password { get; }
    public IServiceProvider Services => _app.Services;

    public static async Task<VigilServer> StartAsync(TimeProvider? time = null, Action<VigilOptions>? configure = null, Backend backend = Backend.Sqlite)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("vigil-test-").FullName;
        var options = new VigilOptions { Urls = "http://127.0.0.1:0", Data = dataDirectory };
        var databases = backend == Backend.PostgresClickHouse ? await ScaledOutDatabases.CreateAsync() : null;
        databases?.Apply(options);
        configure?.Invoke(options);
        var app = VigilHost.Build(options, time ?? TimeProvider.System);
        var firstStart = await VigilHost.InitializeAsync(app, CancellationToken.None)
            ?? throw new InvalidOperationException("A fresh data directory must give a first start.");
        await app.StartAsync();
        return new VigilServer(app, databases, dataDirectory, firstStart.ProjectId, firstStart.IngestKey, firstStart.AdminToken, firstStart.Email, firstStart.Password);
    }

    public HttpClient CreateClient(string? bearer = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }
        return client;
    }

    public HttpClient CreateIngestClient() => CreateClient(IngestKey);

    /// <summary>
    /// Waits until what this server acknowledged is readable: at once on SQLite, where acknowledged means committed;
    /// with ClickHouse, until this node's spool has shipped.
    /// </summary>
    public async Task WaitUntilStoredAsync()
    {
        if (Services.GetService<ClickHouseTelemetryStore>() is not { } store)
        {
            return;
        }
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (store.SpoolStatus is { PendingBytes: > 0 } status)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The spool did not ship within 30 s: {status}");
            }
            await Task.Delay(20);
        }
    }

    public HttpClient CreateAdminClient() => CreateClient(AdminToken);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_databases is not null)
        {
            await _databases.DropAsync();
        }
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open only leaves a temp directory behind.
        }
    }
}
