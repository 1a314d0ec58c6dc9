using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using static Vigil.Bench.DashboardBenchmark;

namespace Vigil.Bench;

/// <summary>
/// <c>kpis</c>: the product KPI, revenue and goals-progress calls over a filled database, each timed up to K times
/// (fewer when a call's time budget runs out), with the server's peak memory during each kind of call.
/// </summary>
internal static class KpiBenchmark
{
    private static readonly string[] GoalMetrics = ["visitors", "activeUsers", "signups", "appsCreated", "orders", "pageViews", "revenue"];
    private static readonly string[] GoalPeriods = ["month", "quarter"];

    public static Command CreateCommand()
    {
        var url = BenchOptions.Url();
        var admin = BenchOptions.AdminToken();
        var project = BenchOptions.Project();
        var iterations = BenchOptions.Positive("--iterations", "Timed calls of each kind at most, after one untimed cold call", 50);
        var budget = BenchOptions.Positive("--budget", "Seconds of timed calls of one kind at most; a slow call gets fewer", 60);
        var processId = BenchOptions.ProcessId();
        var command = new Command("kpis", "Latency and server memory of the KPI, revenue and goals-progress calls")
        {
            url, admin, project, iterations, budget, processId,
        };
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            parseResult.GetValue(url)!,
            parseResult.GetValue(admin)!,
            parseResult.GetValue(project)!,
            parseResult.GetValue(iterations),
            TimeSpan.FromSeconds(parseResult.GetValue(budget)),
            parseResult.GetValue(processId),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string url, string admin, string project, int iterations, TimeSpan budget, int? processId, CancellationToken cancellationToken)
    {
        var escaped = Uri.EscapeDataString(project);
        using var http = BenchOptions.CreateClient(url, admin, 1);
        // A pathological read should show as its time, not as a client timeout.
        http.Timeout = TimeSpan.FromMinutes(10);
        await PrepareAsync(http, escaped, cancellationToken);

        var rows = new List<IReadOnlyList<string>>();
        var failed = false;
        foreach (var call in Calls(escaped))
        {
            var peakResets = processId is { } id && ServerProcessSampler.TryResetPeak(id);
            var before = processId is { } pid ? ServerProcessSampler.Read(pid) : null;
            var cold = await TimeAsync(http, call, cancellationToken);
            var measurements = new List<Measurement>();
            var spent = Stopwatch.StartNew();
            while (measurements.Count < iterations && spent.Elapsed < budget && cold.Failure is null)
            {
                measurements.Add(await TimeAsync(http, call, cancellationToken));
            }

            var after = processId is { } server ? ServerProcessSampler.Read(server) : null;
            var latency = LatencySummary.From(measurements.Where(item => item.Failure is null).Select(item => item.Milliseconds));
            var firstFailure = cold.Failure ?? measurements.FirstOrDefault(item => item.Failure is not null)?.Failure;
            if (firstFailure is not null)
            {
                Console.Error.WriteLine($"{call.Name}: {firstFailure}");
                failed = true;
            }

            rows.Add([
                call.Name, Markdown.Count(latency.Count), Markdown.Milliseconds(cold.Milliseconds),
                Markdown.Milliseconds(latency.P50), Markdown.Milliseconds(latency.P95), Markdown.Milliseconds(latency.P99), Markdown.Milliseconds(latency.Max),
                Markdown.Count(measurements.Count(item => item.Failure is not null) + (cold.Failure is null ? 0 : 1)), Markdown.Count(cold.Bytes),
                before is null ? "–" : ServerProcessSampler.Mebibytes(before.ResidentKiB),
                after is null ? "–" : ServerProcessSampler.Mebibytes(after.PeakResidentKiB) + (peakResets ? "" : " (since start)"),
            ]);
        }

        Console.WriteLine($"KPI benchmark, 1 connection, at most {iterations} timed calls or {budget.TotalSeconds:0} s of each, {Markdown.Machine()}");
        Console.WriteLine();
        Console.WriteLine(Markdown.Table(["Call", "n", "cold ms", "p50 ms", "p95 ms", "p99 ms", "max ms", "errors", "bytes", "server RSS before", "server peak RSS"], rows));
        Console.WriteLine();
        Console.WriteLine("Server peak RSS is VmHWM, reset (/proc/PID/clear_refs) before each kind of call; memory the server kept from the calls before counts in it.");
        return failed ? 1 : 0;
    }

    /// <summary>Conversion counts a user's first order as paid (the fill sends no plan_upgraded), and the goals page has a goal of each metric for a month and a quarter.</summary>
    private static async Task PrepareAsync(HttpClient http, string project, CancellationToken cancellationToken)
    {
        using var settings = await http.PutAsJsonAsync($"api/projects/{project}/kpis/settings", new { paidEvent = "order", planProperty = "plan", freePlanValue = "free" }, cancellationToken);
        settings.EnsureSuccessStatusCode();
        var existing = await http.GetFromJsonAsync<List<object>>($"api/projects/{project}/goals", cancellationToken) ?? [];
        if (existing.Count > 0)
        {
            return;
        }

        foreach (var metric in GoalMetrics)
        {
            foreach (var period in GoalPeriods)
            {
                using var created = await http.PostAsJsonAsync($"api/projects/{project}/goals", new { metric, period, target = 1000, label = $"{metric} a {period}" }, cancellationToken);
                if (!created.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"POST goals {metric}/{period} answered {(int)created.StatusCode}: {await created.Content.ReadAsStringAsync(cancellationToken)}");
                }
            }
        }
    }

    private static List<DashboardCall> Calls(string project)
    {
        var kpis = $"api/projects/{project}/kpis";
        const string signupFunnel = "steps=signup,app_created,order";
        return
        [
            new("active-users", _ => $"{kpis}/active-users"),
            new("active-users by=plan", _ => $"{kpis}/active-users?by=plan"),
            new("retention", _ => $"{kpis}/retention"),
            new("retention by=plan", _ => $"{kpis}/retention?by=plan"),
            new("churn (6 months)", _ => $"{kpis}/churn"),
            new("conversion (paid = order)", _ => $"{kpis}/conversion"),
            new("funnel signup → app_created → order", _ => $"{kpis}/funnel?{signupFunnel}"),
            new("funnel signup → app_created → order by=plan", _ => $"{kpis}/funnel?{signupFunnel}&by=plan"),
            new("events-per-user order", _ => $"{kpis}/events-per-user?event=order"),
            new("events-per-user order by=plan", _ => $"{kpis}/events-per-user?event=order&by=plan"),
            new("revenue 30 d", _ => $"api/projects/{project}/revenue"),
            new("revenue 90 d by=plan", _ => $"api/projects/{project}/revenue?days=90&by=plan"),
            new("goals progress (14 goals, mid-range date)", now => $"api/projects/{project}/goals/progress?date={(now - TimeSpan.FromDays(15)).UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}"),
            // Last: it reads every page view of the range and may leave the server holding the memory.
            new("funnel $pageview → signup → order", _ => $"{kpis}/funnel?steps=%24pageview,signup,order"),
        ];
    }
}
