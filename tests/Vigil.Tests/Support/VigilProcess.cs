using System.Diagnostics;

namespace Vigil.Tests.Support;

/// <summary>
/// Vigil as its own operating-system process (<c>dotnet vigil.dll serve</c>), for what only a separate
/// process can show: a kill -9, a restart on the same data directory, several nodes side by side.
/// </summary>
public sealed class VigilProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];

    private VigilProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public IReadOnlyList<string> Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToList();
            }
        }
    }

    public string? PrintedValue(string label) =>
        Output.FirstOrDefault(line => line.StartsWith(label + ": ", StringComparison.Ordinal))?[(label.Length + 2)..];

    /// <summary>Starts <c>vigil serve</c> on the port and data directory, with any further flags (--postgres …).</summary>
    public static Task<VigilProcess> StartAsync(string dataDirectory, int port, params string[] flags) =>
        StartAsync(dataDirectory, port, new Dictionary<string, string>(), flags);

    /// <summary>Starts <c>vigil serve</c> with settings as environment variables too, e.g. <c>Vigil__AlertEvaluationInterval</c>.</summary>
    public static async Task<VigilProcess> StartAsync(string dataDirectory, int port, IReadOnlyDictionary<string, string> environment, params string[] flags)
    {
        var vigil = Path.Combine(AppContext.BaseDirectory, "vigil.dll");
        var start = new ProcessStartInfo("dotnet", ["exec", vigil, "serve", "--urls", $"http://127.0.0.1:{port}", "--data", dataDirectory, .. flags])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var vigilProcess = new VigilProcess(process, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, line) => vigilProcess.Record(line.Data);
        process.ErrorDataReceived += (_, line) => vigilProcess.Record(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await vigilProcess.WaitUntilServingAsync();
        return vigilProcess;
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing; what survives is what was on disk.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }
        _process.Dispose();
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.Add(line);
        }
    }

    private async Task WaitUntilServingAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"vigil exited with {_process.ExitCode}:\n{string.Join('\n', Output)}");
            }
            try
            {
                using var response = await client.GetAsync("healthz");
                // The first-start lines are printed once the server listens; wait for the last of them.
                if (response.IsSuccessStatusCode && Output.Any(line => line.StartsWith("Dashboard: ", StringComparison.Ordinal)))
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"vigil did not serve within 60 s:\n{string.Join('\n', Output)}");
    }
}
