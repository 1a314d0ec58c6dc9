using System.CommandLine;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Vigil.Core.Experiments;
using static Vigil.Bench.DashboardBenchmark;

namespace Vigil.Bench;

/// <summary>
/// <c>experiments</c>: defines and starts an experiment, exposes USERS users to its two variants through <c>/v1/events</c>
/// (the snippet's <c>$exposure</c>, assigned as the snippet assigns), lets 10 % of the control and 11 % of the treatment
/// order afterwards, then times the results call.
/// </summary>
internal static class ExperimentBenchmark
{
    private const string Key = "bench-checkout";
    private static readonly string[] Variants = ["control", "green"];

    public static Command CreateCommand()
    {
        var url = BenchOptions.Url();
        var key = BenchOptions.IngestKey();
        var admin = BenchOptions.AdminToken();
        var project = BenchOptions.Project();
        var users = BenchOptions.Positive("--users", "Users exposed", 1_000_000);
        var connections = BenchOptions.Connections(8);
        var iterations = BenchOptions.Positive("--iterations", "Timed results calls, after one untimed cold call", 20);
        var processId = BenchOptions.ProcessId();
        var command = new Command("experiments", "Exposures and conversions of one experiment, then the latency of its results")
        {
            url, key, admin, project, users, connections, iterations, processId,
        };
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            parseResult.GetValue(url)!, parseResult.GetValue(key)!, parseResult.GetValue(admin)!, parseResult.GetValue(project)!,
            parseResult.GetValue(users), parseResult.GetValue(connections), parseResult.GetValue(iterations), parseResult.GetValue(processId), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string url, string key, string admin, string project, int users, int connections, int iterations, int? processId, CancellationToken cancellationToken)
    {
        var experiments = $"api/projects/{Uri.EscapeDataString(project)}/experiments";
        using var adminHttp = BenchOptions.CreateClient(url, admin, 1);
        adminHttp.Timeout = TimeSpan.FromMinutes(10);
        using (var created = await adminHttp.PostAsJsonAsync(experiments, new
        {
            key = Key, name = "Bench checkout", variants = Variants.Select(name => new { name, weight = 1 }), goalEvent = "order",
            baselineRate = 0.1, minimumDetectableLift = 0.05,
        }, cancellationToken))
        using (var started = await adminHttp.PostAsync($"{experiments}/{Key}/start", null, cancellationToken))
        {
            if (!created.IsSuccessStatusCode || !started.IsSuccessStatusCode)
            {
                Console.Error.WriteLine($"defining the experiment answered {(int)created.StatusCode} and {(int)started.StatusCode}: {await created.Content.ReadAsStringAsync(cancellationToken)}");
                return 1;
            }
        }

        using var ingest = BenchOptions.CreateClient(url, key, connections);
        var exposedAt = TimeProvider.System.GetUtcNow();
        var next = -1;
        long events = 0;
        var fill = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => Task.Run(async () =>
        {
            const int usersPerBatch = 900;
            for (var batch = Interlocked.Increment(ref next); batch * usersPerBatch < users; batch = Interlocked.Increment(ref next))
            {
                var items = new List<object>();
                for (var user = batch * usersPerBatch; user < Math.Min(users, (batch + 1) * usersPerBatch); user++)
                {
                    var id = $"user-{user}";
                    var arm = VariantAssignment.Assign(Key, id, [1, 1]);
                    var at = exposedAt.AddMilliseconds(user % 60_000);
                    items.Add(new { @event = "$exposure", distinct_id = id, timestamp = at.ToString("O"), properties = new { experiment = Key, variant = Variants[arm] } });
                    if (user % 100 < (arm == 0 ? 10 : 11))
                    {
                        items.Add(new { @event = "order", distinct_id = id, timestamp = at.AddSeconds(30).ToString("O") });
                    }
                }
                using var response = await ingest.PostAsJsonAsync("v1/events", new { events = items }, cancellationToken);
                response.EnsureSuccessStatusCode();
                Interlocked.Add(ref events, items.Count);
            }
        }, cancellationToken)));
        fill.Stop();
        // Every exposure and order lies within a minute and a half of the start: let the window pass them.
        await Task.Delay(TimeSpan.FromSeconds(Math.Max(0, 91 - (TimeProvider.System.GetUtcNow() - exposedAt).TotalSeconds)), cancellationToken);

        var call = new DashboardCall("results", _ => $"{experiments}/{Key}/results");
        var peakResets = processId is { } id && ServerProcessSampler.TryResetPeak(id);
        var cold = await TimeAsync(adminHttp, call, cancellationToken);
        var measurements = new List<Measurement>();
        while (measurements.Count < iterations && cold.Failure is null)
        {
            measurements.Add(await TimeAsync(adminHttp, call, cancellationToken));
        }
        var after = processId is { } server ? ServerProcessSampler.Read(server) : null;
        var failure = cold.Failure ?? measurements.FirstOrDefault(item => item.Failure is not null)?.Failure;
        if (failure is not null)
        {
            Console.Error.WriteLine(failure);
            return 1;
        }
        var latency = LatencySummary.From(measurements.Select(item => item.Milliseconds));
        using var answer = JsonDocument.Parse(await adminHttp.GetStringAsync($"{experiments}/{Key}/results", cancellationToken));
        var arms = string.Join(", ", answer.RootElement.GetProperty("arms").EnumerateArray()
            .Select(arm => $"{arm.GetProperty("variant").GetString()} {arm.GetProperty("converted").GetInt64():N0}/{arm.GetProperty("exposed").GetInt64():N0}"));

        Console.WriteLine($"Experiment results, {Markdown.Machine()}");
        Console.WriteLine();
        Console.WriteLine(Markdown.Table(
            ["users exposed", "events sent", "load s", "cold ms", "p50 ms", "p95 ms", "max ms", "n", "server peak RSS"],
            [[Markdown.Count(users), Markdown.Count(events), fill.Elapsed.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture),
              Markdown.Milliseconds(cold.Milliseconds), Markdown.Milliseconds(latency.P50), Markdown.Milliseconds(latency.P95), Markdown.Milliseconds(latency.Max),
              Markdown.Count(latency.Count), after is null ? "–" : ServerProcessSampler.Mebibytes(after.PeakResidentKiB) + (peakResets ? "" : " (since start)")]]));
        Console.WriteLine();
        Console.WriteLine($"Counted: {arms}; verdict {answer.RootElement.GetProperty("verdict").GetString()}.");
        return 0;
    }
}
