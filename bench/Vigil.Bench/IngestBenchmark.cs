using System.CommandLine;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Vigil.Bench;

/// <summary><c>ingest</c>: N connections post pre-serialized event batches as fast as the server commits them.</summary>
internal static class IngestBenchmark
{
    private const int DistinctBodies = 1024;
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    public static Command CreateCommand()
    {
        var url = BenchOptions.Url();
        var key = BenchOptions.IngestKey();
        var connections = BenchOptions.Connections(64);
        var duration = BenchOptions.Duration(60);
        var batch = BenchOptions.Batch(100);
        var users = BenchOptions.Positive("--users", "Distinct users the events are spread over", 100_000);
        var processId = BenchOptions.ProcessId();
        var command = new Command("ingest", "Sustained POST /v1/events load; reports durable events/s and latency percentiles")
        {
            url, key, connections, duration, batch, users, processId,
        };
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            parseResult.GetValue(url)!,
            parseResult.GetValue(key)!,
            parseResult.GetValue(connections),
            TimeSpan.FromSeconds(parseResult.GetValue(duration)),
            parseResult.GetValue(batch),
            parseResult.GetValue(users),
            parseResult.GetValue(processId),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string url, string key, int connections, TimeSpan duration, int batch, int users, int? processId, CancellationToken cancellationToken)
    {
        var now = TimeProvider.System.GetUtcNow();
        var random = new Random(42);
        var bodies = Enumerable.Range(0, DistinctBodies)
            .Select(_ => BodyFactory.Events(random, batch, now - TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(10), users))
            .ToArray();
        Console.Error.WriteLine($"ingest: {connections} connections, {batch} events per request, {duration.TotalSeconds:0} s, {bodies.Average(body => body.Length) / 1024:0.0} KiB per body");

        using var http = BenchOptions.CreateClient(url, key, connections);
        var probe = await PostAsync(http, "v1/events", bodies[0], cancellationToken);
        if (probe.Failure is not null && !probe.Transient)
        {
            Console.Error.WriteLine($"The server refused the first batch: {probe.Failure}");
            return 1;
        }

        await using var sampler = ServerProcessSampler.StartFor(processId);
        var stopwatch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, connections)
            .Select(index => Task.Run(() => WorkAsync(http, bodies, index, stopwatch, duration, cancellationToken), CancellationToken.None))
            .ToArray();
        var results = await Task.WhenAll(workers);
        var elapsed = stopwatch.Elapsed;
        if (sampler is not null)
        {
            await sampler.StopAsync();
        }

        var latency = LatencySummary.From(results.SelectMany(result => result.Latencies));
        var accepted = results.Sum(result => result.Accepted);
        var rejected = results.Sum(result => result.Rejected);
        var errors = results.SelectMany(result => result.Errors).GroupBy(error => error.Key).ToDictionary(group => group.Key, group => group.Sum(error => error.Value));

        Console.WriteLine($"Ingest benchmark, {Markdown.Machine()}");
        Console.WriteLine();
        Console.WriteLine(Markdown.Table(
            ["Connections", "Batch", "Duration", "Durable events/s", "Requests/s", "p50 ms", "p95 ms", "p99 ms", "max ms", "Rejected events", "Failed requests"],
            [[
                Markdown.Count(connections), Markdown.Count(batch), $"{elapsed.TotalSeconds:0.0} s",
                Markdown.Count(accepted / elapsed.TotalSeconds), Markdown.Count(latency.Count / elapsed.TotalSeconds),
                Markdown.Milliseconds(latency.P50), Markdown.Milliseconds(latency.P95), Markdown.Milliseconds(latency.P99), Markdown.Milliseconds(latency.Max),
                Markdown.Count(rejected), Markdown.Count(errors.Values.Sum()),
            ]]));
        foreach (var (kind, count) in errors.OrderByDescending(error => error.Value))
        {
            Console.WriteLine($"- {count:N0} × {kind}");
        }

        if (sampler is not null)
        {
            Console.WriteLine();
            Console.WriteLine(sampler.Report(elapsed));
        }

        return 0;
    }

    private static async Task<WorkerResult> WorkAsync(HttpClient http, byte[][] bodies, int worker, Stopwatch clock, TimeSpan duration, CancellationToken cancellationToken)
    {
        var result = new WorkerResult();
        var next = worker;
        while (clock.Elapsed < duration && !cancellationToken.IsCancellationRequested)
        {
            var body = bodies[next++ % bodies.Length];
            var started = Stopwatch.GetTimestamp();
            IngestAnswer answer;
            try
            {
                answer = await PostAsync(http, "v1/events", body, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            var latency = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (answer.Failure is null)
            {
                result.Latencies.Add(latency);
                result.Accepted += answer.Accepted;
                result.Rejected += answer.Rejected;
            }
            else
            {
                result.Errors[answer.Failure] = result.Errors.GetValueOrDefault(answer.Failure) + 1;
            }
        }

        return result;
    }

    /// <summary>One POST; never throws for HTTP or connection failures, which a benchmark counts instead.</summary>
    public static async Task<IngestAnswer> PostAsync(HttpClient http, string path, byte[] body, CancellationToken cancellationToken)
    {
        try
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = Json;
            using var response = await http.PostAsync(path, content, cancellationToken);
            var answer = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                var status = (int)response.StatusCode;
                var text = Encoding.UTF8.GetString(answer.AsSpan(0, Math.Min(answer.Length, 500)));
                return new IngestAnswer(0, 0, $"HTTP {status} {text}".Trim(), Transient: status >= 500 || status == 429);
            }

            using var document = JsonDocument.Parse(answer);
            var accepted = document.RootElement.GetProperty("accepted").GetInt32();
            var rejected = document.RootElement.TryGetProperty("rejected", out var list) && list.ValueKind == JsonValueKind.Array ? list.GetArrayLength() : 0;
            return new IngestAnswer(accepted, rejected, null, Transient: false);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new IngestAnswer(0, 0, BenchOptions.Describe(exception), Transient: true);
        }
    }

    private sealed class WorkerResult
    {
        public List<double> Latencies { get; } = new(capacity: 1 << 16);

        public long Accepted { get; set; }

        public long Rejected { get; set; }

        public Dictionary<string, long> Errors { get; } = [];
    }
}

internal sealed record IngestAnswer(int Accepted, int Rejected, string? Failure, bool Transient);
