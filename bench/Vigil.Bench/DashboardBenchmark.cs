using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Vigil.Bench;

/// <summary><c>dashboard</c>: the admin API calls one dashboard load makes, each timed K times.</summary>
internal static class DashboardBenchmark
{
    internal sealed record DashboardCall(string Name, Func<DateTimeOffset, string> Path);

    public static Command CreateCommand()
    {
        var url = BenchOptions.Url();
        var admin = BenchOptions.AdminToken();
        var project = BenchOptions.Project();
        var iterations = BenchOptions.Positive("--iterations", "Timed calls of each kind, after one untimed cold call", 100);
        var connections = BenchOptions.Connections(1);
        var processId = BenchOptions.ProcessId();
        var command = new Command("dashboard", "Latency of the realtime, series and breakdown calls")
        {
            url, admin, project, iterations, connections, processId,
        };
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            parseResult.GetValue(url)!,
            parseResult.GetValue(admin)!,
            parseResult.GetValue(project)!,
            parseResult.GetValue(iterations),
            parseResult.GetValue(connections),
            parseResult.GetValue(processId),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string url, string admin, string project, int iterations, int connections, int? processId, CancellationToken cancellationToken)
    {
        var calls = Calls(Uri.EscapeDataString(project));
        using var http = BenchOptions.CreateClient(url, admin, connections);
        await using var sampler = ServerProcessSampler.StartFor(processId);
        var stopwatch = Stopwatch.StartNew();
        var rows = new List<IReadOnlyList<string>>();
        var failed = false;

        foreach (var call in calls)
        {
            var cold = await TimeAsync(http, call, cancellationToken);
            if (cold.Failure is not null)
            {
                Console.Error.WriteLine($"{call.Name}: {cold.Failure}");
                failed = true;
            }

            var remaining = iterations;
            var workers = Enumerable.Range(0, connections).Select(_ => Task.Run(async () =>
            {
                var measured = new List<Measurement>();
                while (Interlocked.Decrement(ref remaining) >= 0)
                {
                    measured.Add(await TimeAsync(http, call, cancellationToken));
                }

                return measured;
            }, CancellationToken.None));
            var measurements = (await Task.WhenAll(workers)).SelectMany(list => list).ToList();
            var latency = LatencySummary.From(measurements.Where(item => item.Failure is null).Select(item => item.Milliseconds));
            var errors = measurements.Count(item => item.Failure is not null);
            rows.Add([
                call.Name, Markdown.Count(latency.Count), Markdown.Milliseconds(cold.Milliseconds),
                Markdown.Milliseconds(latency.P50), Markdown.Milliseconds(latency.P95), Markdown.Milliseconds(latency.P99), Markdown.Milliseconds(latency.Max),
                Markdown.Count(errors), Markdown.Count(cold.Bytes),
            ]);
            if (errors > 0)
            {
                Console.Error.WriteLine($"{call.Name}: {measurements.First(item => item.Failure is not null).Failure}");
                failed = true;
            }
        }

        var elapsed = stopwatch.Elapsed;
        if (sampler is not null)
        {
            await sampler.StopAsync();
        }

        Console.WriteLine($"Dashboard benchmark, {connections} connection(s), {Markdown.Machine()}");
        Console.WriteLine();
        Console.WriteLine(Markdown.Table(["Call", "n", "cold ms", "p50 ms", "p95 ms", "p99 ms", "max ms", "errors", "bytes"], rows));
        if (sampler is not null)
        {
            Console.WriteLine();
            Console.WriteLine(sampler.Report(elapsed));
        }

        return failed ? 1 : 0;
    }

    private static List<DashboardCall> Calls(string project)
    {
        var day = TimeSpan.FromDays(1);
        var month = TimeSpan.FromDays(30);
        return
        [
            new("realtime", _ => $"api/projects/{project}/realtime"),
            new("series pageViews 1h × 24h", now => Series(project, "pageViews", "1h", now - day, now)),
            new("series activeUsers 1h × 24h", now => Series(project, "activeUsers", "1h", now - day, now)),
            new("series activeUsers 1d × 30d", now => Series(project, "activeUsers", "1d", now - month, now)),
            new("series signups 1d × 30d", now => Series(project, "signups", "1d", now - month, now)),
            new("breakdown signup by plan × 30d", now => $"api/projects/{project}/breakdown?event=signup&by=plan&{Range(now - month, now)}"),
        ];
    }

    private static string Series(string project, string metric, string step, DateTimeOffset from, DateTimeOffset to) =>
        $"api/projects/{project}/series?metric={metric}&{Range(from, to)}&step={step}";

    internal static string Range(DateTimeOffset from, DateTimeOffset to) =>
        $"from={Uri.EscapeDataString(Format(from))}&to={Uri.EscapeDataString(Format(to))}";

    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    internal sealed record Measurement(double Milliseconds, long Bytes, string? Failure);

    internal static async Task<Measurement> TimeAsync(HttpClient http, DashboardCall call, CancellationToken cancellationToken)
    {
        var path = call.Path(TimeProvider.System.GetUtcNow());
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.GetAsync(path, cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            var milliseconds = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            return response.StatusCode == HttpStatusCode.OK
                ? new Measurement(milliseconds, body.Length, null)
                : new Measurement(milliseconds, body.Length, $"GET {path} answered {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(body.Length, 500)))}");
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new Measurement(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 0, $"GET {path}: {BenchOptions.Describe(exception)}");
        }
    }
}
