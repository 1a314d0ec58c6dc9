using System.Globalization;

namespace Vigil.Bench;

internal sealed record ProcessSample(long ResidentKiB, long PeakResidentKiB, double CpuSeconds);

/// <summary>Samples the server's memory (VmRSS, VmHWM) and CPU time from /proc while a benchmark runs.</summary>
internal sealed class ServerProcessSampler : IAsyncDisposable
{
    // USER_HZ is 100 on every mainstream Linux build; /proc/PID/stat counts CPU time in those ticks.
    private const double ClockTicksPerSecond = 100;

    private readonly int _processId;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _maxResidentKiB;

    private ServerProcessSampler(int processId)
    {
        _processId = processId;
        Start = Read(processId);
        _maxResidentKiB = Start.ResidentKiB;
        _loop = SampleAsync();
    }

    public ProcessSample Start { get; }

    public ProcessSample? End { get; private set; }

    public long MaxResidentKiB => Interlocked.Read(ref _maxResidentKiB);

    public static ServerProcessSampler? StartFor(int? processId) =>
        processId is { } id && File.Exists($"/proc/{id}/status") ? new ServerProcessSampler(id) : null;

    public static ProcessSample Read(int processId)
    {
        long resident = 0, peak = 0;
        foreach (var line in File.ReadLines($"/proc/{processId}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                resident = Kibibytes(line);
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                peak = Kibibytes(line);
            }
        }

        // The command name in field 2 may hold spaces, so count fields from after its closing parenthesis: utime and stime are fields 14 and 15.
        var stat = File.ReadAllText($"/proc/{processId}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var cpuTicks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return new ProcessSample(resident, peak, cpuTicks / ClockTicksPerSecond);
    }

    /// <summary>Sets the process's VmHWM back to its current RSS (writing 5 to /proc/PID/clear_refs), so the next read's peak covers what follows.</summary>
    public static bool TryResetPeak(int processId)
    {
        try
        {
            File.WriteAllText($"/proc/{processId}/clear_refs", "5");
            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public async Task<ProcessSample> StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        End = Read(_processId);
        Interlocked.Exchange(ref _maxResidentKiB, Math.Max(MaxResidentKiB, End.ResidentKiB));
        return End;
    }

    public string Report(TimeSpan elapsed)
    {
        var end = End ?? Read(_processId);
        var cores = (end.CpuSeconds - Start.CpuSeconds) / Math.Max(0.001, elapsed.TotalSeconds);
        return Markdown.Table(
            ["Server process", "Value"],
            [
                ["RSS at start", Mebibytes(Start.ResidentKiB)],
                ["RSS max during run (0.5 s samples)", Mebibytes(MaxResidentKiB)],
                ["RSS at end", Mebibytes(end.ResidentKiB)],
                ["Peak RSS since server start (VmHWM)", Mebibytes(end.PeakResidentKiB)],
                ["CPU used during run", $"{cores.ToString("0.00", CultureInfo.InvariantCulture)} cores of {Environment.ProcessorCount}"],
            ]);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync();
            await _loop;
        }

        _stop.Dispose();
    }

    public static string Mebibytes(long kibibytes) => $"{(kibibytes / 1024.0).ToString("0.0", CultureInfo.InvariantCulture)} MiB";

    private async Task SampleAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                var sample = Read(_processId);
                Interlocked.Exchange(ref _maxResidentKiB, Math.Max(MaxResidentKiB, sample.ResidentKiB));
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (IOException)
        {
            // The server exited; the report shows what was seen until then.
        }
    }

    private static long Kibibytes(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
}
