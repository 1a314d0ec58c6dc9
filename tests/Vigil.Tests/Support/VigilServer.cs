using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Hosting;
using Vigil.Projects;
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
    private readonly ScaledOutDatabases? _ownDatabases;
    private readonly FirstStart? _firstStart;
    private bool _stopped;

    private VigilServer(WebApplication app, ScaledOutDatabases? ownDatabases, string dataDirectory, FirstStart? firstStart)
    {
        _app = app;
        _ownDatabases = ownDatabases;
        _firstStart = firstStart;
        DataDirectory = dataDirectory;
        BaseAddress = new Uri(app.Urls.First() + "/");
    }

    public Uri BaseAddress { get; }
    public string DataDirectory { get; }
    public long ProjectId => FirstStart.ProjectId;
    public string IngestKey => FirstStart.IngestKey;
    public string AdminToken => FirstStart.AdminToken;
    public string Email => FirstStart.Email;
    public string Password => FirstStart.Password;
    public IServiceProvider Services => _app.Services;

    private FirstStart FirstStart => _firstStart ?? throw new InvalidOperationException("This server started on existing data: it printed no keys.");

    public static async Task<VigilServer> StartAsync(TimeProvider? time = null, Action<VigilOptions>? configure = null, Backend backend = Backend.Sqlite)
    {
        var databases = backend == Backend.PostgresClickHouse ? await ScaledOutDatabases.CreateAsync() : null;
        var server = await StartAsync(time, options =>
        {
            databases?.Apply(options);
            configure?.Invoke(options);
        }, databases);
        return server._firstStart is null ? throw new InvalidOperationException("Fresh databases must give a first start.") : server;
    }

    /// <summary>A server on databases that already hold an installation (the caller keeps and drops them).</summary>
    public static Task<VigilServer> StartOnAsync(ScaledOutDatabases existing, TimeProvider? time = null) =>
        StartAsync(time, existing.Apply, ownDatabases: null);

    private static async Task<VigilServer> StartAsync(TimeProvider? time, Action<VigilOptions> configure, ScaledOutDatabases? ownDatabases)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("vigil-test-").FullName;
        var options = new VigilOptions { Urls = "http://127.0.0.1:0", Data = dataDirectory };
        configure(options);
        var app = VigilHost.Build(options, time ?? TimeProvider.System);
        var firstStart = await VigilHost.InitializeAsync(app, CancellationToken.None);
        await app.StartAsync();
        return new VigilServer(app, ownDatabases, dataDirectory, firstStart);
    }

    /// <summary>Stops serving and lets go of the data, which stays in place (as <c>vigil migrate</c> needs it).</summary>
    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await _app.StopAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
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
        await StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_ownDatabases is not null)
        {
            await _ownDatabases.DropAsync();
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
