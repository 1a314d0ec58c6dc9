using System.Diagnostics;

namespace Vigil.Testing;

/// <summary>
/// A ClickHouse server of a test's own, for tests that stop and restart it (the shared servers must stay up for
/// the other test classes running beside). Configured and started by the same <c>tests/servers.sh</c> functions as
/// the shared ones.
/// </summary>
public sealed class TestClickHouseServer : IAsyncDisposable
{
    private readonly string _directory;

    private TestClickHouseServer(string directory, Uri url)
    {
        _directory = directory;
        Url = url;
    }

    public Uri Url { get; }

    public static async Task<TestClickHouseServer> StartAsync()
    {
        var directory = Directory.CreateTempSubdirectory("vigil-test-clickhouse-").FullName;
        var httpPort = TestServers.FreePort();
        var tcpPort = TestServers.FreePort();
        await BashAsync($"write_clickhouse_config '{directory}' {httpPort} {tcpPort} {tcpPort} {tcpPort} && start_clickhouse_dir '{directory}'");
        return new TestClickHouseServer(directory, new Uri($"http://127.0.0.1:{httpPort}"));
    }

    /// <summary>SIGKILL, as a crash or an operator's hard stop would; returns once the process is gone.</summary>
    public async Task KillAsync()
    {
        var pidFile = Path.Combine(_directory, "server.pid");
        if (!File.Exists(pidFile) || !int.TryParse((await File.ReadAllTextAsync(pidFile)).Trim(), out var pid))
        {
            return;
        }
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill();
            await process.WaitForExitAsync();
        }
        catch (ArgumentException)
        {
            // Already gone.
        }
        File.Delete(pidFile);
    }

    public Task StartAgainAsync() => BashAsync($"start_clickhouse_dir '{_directory}'");

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private static async Task BashAsync(string script)
    {
        var servers = Path.Combine(RepositoryPaths.Root(), "tests", "servers.sh");
        var start = new ProcessStartInfo("bash", ["-c", $"source '{servers}' && {script}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var bash = Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
        // The server keeps the pipes open, so read until bash itself exits rather than to the end of the output.
        var errors = bash.StandardError.ReadLineAsync();
        await bash.WaitForExitAsync();
        if (bash.ExitCode != 0)
        {
            throw new InvalidOperationException($"Starting ClickHouse failed ({bash.ExitCode}): {await errors}");
        }
    }
}
