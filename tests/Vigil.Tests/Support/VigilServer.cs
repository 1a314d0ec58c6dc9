using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Vigil.Hosting;

namespace Vigil.Tests.Support;

/// <summary>
/// A real Vigil host in this process: Kestrel on a free 127.0.0.1 port, its own SQLite file in a temp directory,
/// and, when given, the test's clock. Each test class starts its own, so no test sees another's data.
/// </summary>
public sealed class VigilServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private VigilServer(WebApplication app, string dataDirectory, long projectId, string ingestKey, string adminToken, string email, string password)
    {
        _app = app;
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

    public static async Task<VigilServer> StartAsync(TimeProvider? time = null, Action<VigilOptions>? configure = null)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("vigil-test-").FullName;
        var options = new VigilOptions { Urls = "http://127.0.0.1:0", Data = dataDirectory };
        configure?.Invoke(options);
        var app = VigilHost.Build(options, time ?? TimeProvider.System);
        var firstStart = await VigilHost.InitializeAsync(app, CancellationToken.None)
            ?? throw new InvalidOperationException("A fresh data directory must give a first start.");
        await app.StartAsync();
        return new VigilServer(app, dataDirectory, firstStart.ProjectId, firstStart.IngestKey, firstStart.AdminToken, firstStart.Email, firstStart.Password);
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

    public HttpClient CreateAdminClient() => CreateClient(AdminToken);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
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
