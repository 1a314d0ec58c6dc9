using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Vigil.Tests.Support;

/// <summary>
/// Debian's real <c>prometheus</c> binary with a configuration of the test's, its data in a temp directory and its web
/// address on a free 127.0.0.1 port; stopped (by its process id) and removed on dispose.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    private PrometheusServer(Process process, string directory, Uri address)
    {
        _process = process;
        _directory = directory;
        Address = address;
    }

    /// <summary>Where it serves: its API, its own <c>/metrics</c>.</summary>
    public Uri Address { get; }

    /// <summary>Starts it with <paramref name="configuration"/> (prometheus.yml; <c>{self}</c> stands for its own host:port) and waits until it is ready.</summary>
    public static async Task<PrometheusServer> StartAsync(string configuration)
    {
        var directory = Directory.CreateTempSubdirectory("vigil-prometheus-").FullName;
        var port = FreePort();
        var self = $"127.0.0.1:{port}";
        var configFile = Path.Combine(directory, "prometheus.yml");
        await File.WriteAllTextAsync(configFile, configuration.Replace("{self}", self, StringComparison.Ordinal));
        var start = new ProcessStartInfo("prometheus")
        {
            ArgumentList = { $"--config.file={configFile}", $"--storage.tsdb.path={Path.Combine(directory, "data")}", $"--web.listen-address={self}" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = directory,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("prometheus did not start; test.sh installs it from Debian's packages.");
        var log = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, line) => { lock (log) { log.AppendLine(line.Data); } };
        process.OutputDataReceived += (_, line) => { lock (log) { log.AppendLine(line.Data); } };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var server = new PrometheusServer(process, directory, new Uri($"http://{self}/"));
        using var http = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                using var ready = await http.GetAsync("-/ready");
                if (ready.StatusCode == HttpStatusCode.OK)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                await server.DisposeAsync();
                lock (log)
                {
                    throw new InvalidOperationException($"prometheus did not become ready:\n{log}");
                }
            }
            await Task.Delay(200);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Files still being written at the kill only leave a temp directory behind.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
