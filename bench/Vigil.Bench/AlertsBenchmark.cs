using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Vigil.Bench;

/// <summary>
/// <c>alerts</c>: sets up P projects with R rules each through the API (plus a little data in each, so the reads hit
/// rows), then watches <c>/api/status</c> for C evaluation cycles and reports how long each took and the server's memory.
/// </summary>
internal static class AlertsBenchmark
{
    // Ten rules a team might write, over every kind of number the evaluator reads.
    private static readonly string[] Conditions =
    [
        "error_rate > 1%",
        "p95_response_time > 3s",
        "avg_response_time > 1s",
        "p99_response_time > 5s or p95_response_time > 2s",
        "error_rate[15m] > 5% and avg_response_time[15m] > 800ms",
        "uptime < 99%",
        "signups < 60% of last_week",
        "page_views[1h] < 10",
        "events{name=\"checkout\"} > 1000",
        "active_users < 1",
    ];

    public static Command CreateCommand()
    {
        var url = BenchOptions.Url();
        var admin = BenchOptions.AdminToken();
        var projects = BenchOptions.Positive("--projects", "Projects to create (the first start's project counts)", 1000);
        var rules = BenchOptions.Positive("--rules", "Rules per project", 10);
        var cycles = BenchOptions.Positive("--cycles", "Evaluation cycles to observe", 10);
        var processId = BenchOptions.ProcessId();
        var command = new Command("alerts", "Time per alert evaluation cycle over many projects and rules") { url, admin, projects, rules, cycles, processId };
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            parseResult.GetValue(url)!, parseResult.GetValue(admin)!, parseResult.GetValue(projects), parseResult.GetValue(rules),
            parseResult.GetValue(cycles), parseResult.GetValue(processId), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string url, string admin, int projectCount, int rulesPerProject, int cycles, int? processId, CancellationToken cancellationToken)
    {
        using var http = BenchOptions.CreateClient(url, admin, 8);
        var setup = Stopwatch.StartNew();
        var existing = (await http.GetFromJsonAsync<JsonArray>("api/projects", cancellationToken))!;
        var ids = existing.Select(project => (long)project!["id"]!).ToList();
        var keys = existing.Select(project => (string)project!["ingestKeys"]![0]!).ToList();
        while (ids.Count < projectCount)
        {
            using var response = await http.PostAsJsonAsync("api/projects", new { name = $"Bench {ids.Count + 1}", timeZone = "Asia/Seoul" }, cancellationToken);
            response.EnsureSuccessStatusCode();
            var created = (await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken))!;
            ids.Add((long)created["id"]!);
            keys.Add((string)created["ingestKeys"]![0]!);
        }
        var rulesYaml = RulesFile(rulesPerProject);
        await Parallel.ForEachAsync(Enumerable.Range(0, ids.Count), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (index, token) =>
        {
            using var put = await http.PutAsync($"api/projects/{ids[index]}/alert-rules", new StringContent(rulesYaml, Encoding.UTF8, "application/yaml"), token);
            put.EnsureSuccessStatusCode();
            using var ingest = new HttpRequestMessage(HttpMethod.Post, "v1/requests") { Content = JsonContent.Create(SampleRequests()) };
            ingest.Headers.Authorization = new("Bearer", keys[index]);
            (await http.SendAsync(ingest, token)).EnsureSuccessStatusCode();
            using var events = new HttpRequestMessage(HttpMethod.Post, "v1/events") { Content = JsonContent.Create(SampleEvents()) };
            events.Headers.Authorization = new("Bearer", keys[index]);
            (await http.SendAsync(events, token)).EnsureSuccessStatusCode();
        });
        Console.Error.WriteLine($"set up {ids.Count} projects × {rulesPerProject} rules in {setup.Elapsed.TotalSeconds:0.0} s; waiting for {cycles} cycles");

        await using var sampler = ServerProcessSampler.StartFor(processId);
        var observed = new List<JsonObject>();
        string? lastAt = null;
        var watch = Stopwatch.StartNew();
        while (observed.Count < cycles)
        {
            var status = (await http.GetFromJsonAsync<JsonObject>("api/status", cancellationToken))!;
            if (status["lastAlertCycle"] is JsonObject cycle && (string?)cycle["at"] != lastAt)
            {
                lastAt = (string?)cycle["at"];
                // The first cycle after setup may have started before the last rule file was saved.
                if ((int)cycle["rules"]! == ids.Count * rulesPerProject)
                {
                    observed.Add(cycle);
                }
            }
            if (watch.Elapsed > TimeSpan.FromMinutes(10))
            {
                Console.Error.WriteLine("no complete cycles within 10 minutes");
                return 1;
            }
            await Task.Delay(200, cancellationToken);
        }
        var elapsed = watch.Elapsed;
        if (sampler is not null)
        {
            await sampler.StopAsync();
        }

        var durations = observed.Select(cycle => TimeSpan.Parse((string)cycle["duration"]!, CultureInfo.InvariantCulture).TotalMilliseconds).ToList();
        var latency = LatencySummary.From(durations);
        Console.WriteLine($"Alert evaluation, {ids.Count:N0} projects × {rulesPerProject} rules = {ids.Count * rulesPerProject:N0} rules, {Markdown.Machine()}");
        Console.WriteLine();
        Console.WriteLine(Markdown.Table(
            ["cycles", "values per cycle", "p50 ms", "p95 ms", "max ms", "mean ms"],
            [[Markdown.Count(durations.Count), Markdown.Count((int)observed[^1]["values"]!), Markdown.Milliseconds(latency.P50), Markdown.Milliseconds(latency.P95), Markdown.Milliseconds(latency.Max), Markdown.Milliseconds(durations.Average())]]));
        if (sampler is not null)
        {
            Console.WriteLine();
            Console.WriteLine(sampler.Report(elapsed));
        }
        return 0;
    }

    private static string RulesFile(int rules)
    {
        var yaml = new StringBuilder("alerts:\n");
        for (var index = 0; index < rules; index++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"  - name: Rule {index + 1}\n    condition: '{Conditions[index % Conditions.Length]}'\n    duration: 1min\n");
        }
        return yaml.ToString();
    }

    private static object SampleRequests() => new
    {
        requests = Enumerable.Range(0, 20).Select(index => new { method = "GET", route = "/api/orders", status = index % 10 == 0 ? 500 : 200, duration_ms = 50 + index * 40 }),
    };

    private static object SampleEvents() => new
    {
        events = Enumerable.Range(0, 20).Select(index => new { @event = index % 4 == 0 ? "signup" : "$pageview", distinct_id = $"u{index}" }),
    };
}
