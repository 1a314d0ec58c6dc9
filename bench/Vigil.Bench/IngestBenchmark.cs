using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Vigil.Core.Ingest.Otlp.Proto.Collector.Trace;

namespace Vigil.Bench;

/// <summary>What the load generator sends: Vigil's own events, posthog-node's batches, or an OpenTelemetry SDK's trace exports.</summary>
internal enum IngestFormat
{
    Events,
    PostHog,
    Otlp,
}

/// <summary>
/// <c>ingest</c>: N connections post pre-serialized event batches, either as fast as the server answers (closed loop,
/// which finds the capacity) or at a fixed offered rate (open loop, which finds the latency at that load).
/// </summary>
internal static class IngestBenchmark
{
    private const int DistinctBodies = 1024;
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private static readonly MediaTypeHeaderValue Protobuf = new("application/x-protobuf");

    public static Command CreateCommand()
    {
        var url = BenchOptions.Url();
        var key = BenchOptions.OptionalIngestKey();
        var connections = BenchOptions.Connections(64);
        var duration = BenchOptions.Duration(60);
        var batch = BenchOptions.Batch(100);
        var users = BenchOptions.Positive("--users", "Distinct users the events are spread over", 100_000);
        var processId = BenchOptions.ProcessId();
        var rate = new Option<int?>("--rate")
        {
            Description = "Offered events/s spread evenly over the connections (open loop); without it each connection sends its next batch as soon as the last is answered",
        };
        var warmup = new Option<int>("--warmup") { Description = "Seconds of the same load sent first and left out of the figures (JIT tiering, page cache)", DefaultValueFactory = _ => 0 };
        var timeline = new Option<bool>("--timeline") { Description = "Also print answers and latency for every second of the run" };
        var clickHouseDatabase = new Option<string?>("--clickhouse-database")
        {
            Description = "Send the same events straight to ClickHouse (--url is then its HTTP address) as INSERT INTO events FORMAT JSONEachRow into this database, for comparison",
        };
        var format = new Option<IngestFormat>("--format")
        {
            Description = "events: POST /v1/events; posthog: posthog-node's POST /batch/; otlp: OTLP/HTTP protobuf POST /v1/traces, --batch server spans each with a client child span",
            DefaultValueFactory = _ => IngestFormat.Events,
        };
        var command = new Command("ingest", "Sustained ingest load; reports durable items/s (events, or server spans for otlp) and latency percentiles")
        {
            url, key, connections, duration, batch, users, processId, rate, warmup, timeline, clickHouseDatabase, format,
        };
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            parseResult.GetValue(url)!,
            parseResult.GetValue(key),
            parseResult.GetValue(connections),
            TimeSpan.FromSeconds(parseResult.GetValue(duration)),
            parseResult.GetValue(batch),
            parseResult.GetValue(users),
            parseResult.GetValue(processId),
            parseResult.GetValue(rate),
            TimeSpan.FromSeconds(parseResult.GetValue(warmup)),
            parseResult.GetValue(timeline),
            parseResult.GetValue(clickHouseDatabase),
            parseResult.GetValue(format),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        string url, string? key, int connections, TimeSpan duration, int batch, int users, int? processId, int? rate, TimeSpan warmup, bool timeline, string? clickHouseDatabase,
        IngestFormat format, CancellationToken cancellationToken)
    {
        if (format != IngestFormat.Events && (clickHouseDatabase is not null || key is null))
        {
            Console.Error.WriteLine("--format posthog and otlp need --key and go through Vigil, not straight to ClickHouse.");
            return 1;
        }
        if (rate is < 1)
        {
            Console.Error.WriteLine("--rate must be at least 1 event/s.");
            return 1;
        }
        if (key is null && clickHouseDatabase is null)
        {
            Console.Error.WriteLine("--key is required unless --clickhouse-database sends straight to ClickHouse.");
            return 1;
        }

        var now = TimeProvider.System.GetUtcNow();
        var random = new Random(42);
        // Fewer distinct bodies for big batches, so a run holds about two million events in memory at most.
        var bodies = Enumerable.Range(0, Math.Clamp(2_000_000 / batch, 16, DistinctBodies))
            .Select(_ => format switch
            {
                IngestFormat.PostHog => BodyFactory.PostHogBatch(random, batch, now - TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(10), users, key!, now),
                IngestFormat.Otlp => BodyFactory.OtlpSpans(random, batch, now - TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(10)),
                _ => BodyFactory.Events(random, batch, now - TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(10), users),
            })
            .ToArray();
        // Straight to ClickHouse: the same events as rows of Vigil's events table, with what Vigil computes at ingest.
        var path = clickHouseDatabase is not null
            ? $"?database={clickHouseDatabase}&query={Uri.EscapeDataString("INSERT INTO events FORMAT JSONEachRow")}"
            : format switch
            {
                IngestFormat.PostHog => "batch/",
                IngestFormat.Otlp => "v1/traces",
                _ => "v1/events",
            };
        if (clickHouseDatabase is not null)
        {
            bodies = bodies.Select(ClickHouseRows.FromEventsBody).ToArray();
        }
        int? rowsPerBody = clickHouseDatabase is null ? null : batch;
        var otlpSpans = format == IngestFormat.Otlp ? batch : (int?)null;
        var pacing = (rate is { } offered ? $"offered {offered:N0} items/s (open loop)" : "closed loop") + (clickHouseDatabase is null ? "" : ", straight to ClickHouse") + $", {format}";
        Console.Error.WriteLine($"ingest: {connections} connections, {batch} events per request, {duration.TotalSeconds:0} s after {warmup.TotalSeconds:0} s of warm-up, {bodies.Average(body => body.Length) / 1024:0.0} KiB per body, {pacing}");

        using var http = BenchOptions.CreateClient(url, key, connections);
        var probe = await PostAsync(http, path, bodies[0], cancellationToken, rowsPerBody, otlpSpans);
        if (probe.Failure is not null && !probe.Transient)
        {
            Console.Error.WriteLine($"The server refused the first batch: {probe.Failure}");
            return 1;
        }

        await using var sampler = ServerProcessSampler.StartFor(processId);
        var stopwatch = Stopwatch.StartNew();
        // Open loop: request k of worker i is due at (k × connections + i) / requests-per-second, and its latency counts
        // from when it was due, so a server that falls behind is charged for the wait it caused (no coordinated omission).
        var interval = rate is { } eventsPerSecond ? TimeSpan.FromSeconds(connections * (double)batch / eventsPerSecond) : (TimeSpan?)null;
        var workers = Enumerable.Range(0, connections)
            .Select(index => Task.Run(() => WorkAsync(http, path, rowsPerBody, otlpSpans, bodies, index, connections, interval, stopwatch, warmup, warmup + duration, cancellationToken), CancellationToken.None))
            .ToArray();
        var results = await Task.WhenAll(workers);
        var sampled = stopwatch.Elapsed;
        var elapsed = sampled - warmup;
        if (sampler is not null)
        {
            await sampler.StopAsync();
        }

        var latency = LatencySummary.From(results.SelectMany(result => result.Latencies));
        var accepted = results.Sum(result => result.Accepted);
        var rejected = results.Sum(result => result.Rejected);
        var errors = results.SelectMany(result => result.Errors).GroupBy(error => error.Key).ToDictionary(group => group.Key, group => group.Sum(error => error.Value));

        Console.WriteLine($"Ingest benchmark, {pacing}, {Markdown.Machine()}");
        Console.WriteLine();
        Console.WriteLine(Markdown.Table(
            ["Connections", "Batch", "Duration", format == IngestFormat.Otlp ? "Durable server spans/s" : "Durable events/s", "Requests/s", "p50 ms", "p95 ms", "p99 ms", "max ms", "Rejected items", "Failed requests"],
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
            Console.WriteLine(sampler.Report(sampled));
        }

        if (timeline)
        {
            Console.WriteLine();
            Console.WriteLine(Markdown.Table(
                ["Second", "Answers", "p99 ms", "max ms"],
                results.SelectMany(result => result.Completions).GroupBy(completion => completion.Second).OrderBy(second => second.Key)
                    .Select(second =>
                    {
                        var summary = LatencySummary.From(second.Select(completion => completion.Latency));
                        return (IReadOnlyList<string>)[second.Key.ToString(CultureInfo.InvariantCulture), Markdown.Count(summary.Count), Markdown.Milliseconds(summary.P99), Markdown.Milliseconds(summary.Max)];
                    })
                    .ToList()));
        }

        return 0;
    }

    private static async Task<WorkerResult> WorkAsync(
        HttpClient http, string path, int? rowsPerBody, int? otlpSpans, byte[][] bodies, int worker, int connections, TimeSpan? interval, Stopwatch clock, TimeSpan warmup, TimeSpan end, CancellationToken cancellationToken)
    {
        var result = new WorkerResult();
        var next = worker;
        var due = interval is { } first ? first * worker / connections : TimeSpan.Zero;
        while (clock.Elapsed < end && !cancellationToken.IsCancellationRequested)
        {
            var body = bodies[next++ % bodies.Length];
            TimeSpan started;
            if (interval is { } spacing)
            {
                var wait = due - clock.Elapsed;
                if (wait > TimeSpan.Zero && !await DelayAsync(wait, cancellationToken))
                {
                    break;
                }

                started = due;
                due += spacing;
            }
            else
            {
                started = clock.Elapsed;
            }

            IngestAnswer answer;
            try
            {
                answer = await PostAsync(http, path, body, cancellationToken, rowsPerBody, otlpSpans);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            var latency = (clock.Elapsed - started).TotalMilliseconds;
            if (started < warmup)
            {
                continue;
            }

            if (answer.Failure is null)
            {
                result.Latencies.Add(latency);
                result.Completions.Add(((int)(clock.Elapsed - warmup).TotalSeconds, latency));
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

    private static async Task<bool> DelayAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(wait, cancellationToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>One POST; never throws for HTTP or connection failures, which a benchmark counts instead.</summary>
    /// <param name="plainRows">For a server that answers a bare 200 (ClickHouse): the rows the body holds.</param>
    /// <param name="otlpSpans">For an OTLP trace export: the server spans it holds (the answer says only how many were rejected).</param>
    public static async Task<IngestAnswer> PostAsync(HttpClient http, string path, byte[] body, CancellationToken cancellationToken, int? plainRows = null, int? otlpSpans = null)
    {
        try
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = otlpSpans is null ? Json : Protobuf;
            using var response = await http.PostAsync(path, content, cancellationToken);
            var answer = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                var status = (int)response.StatusCode;
                var text = Encoding.UTF8.GetString(answer.AsSpan(0, Math.Min(answer.Length, 500)));
                return new IngestAnswer(0, 0, $"HTTP {status} {text}".Trim(), Transient: status >= 500 || status == 429);
            }

            if (plainRows is { } rows)
            {
                return new IngestAnswer(rows, 0, null, Transient: false);
            }

            if (otlpSpans is { } spans)
            {
                var rejectedSpans = (int)(ExportTraceServiceResponse.Parser.ParseFrom(answer).PartialSuccess?.RejectedSpans ?? 0);
                return new IngestAnswer(spans - rejectedSpans, rejectedSpans, null, Transient: false);
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

        /// <summary>Second of the run each answer came in, with its latency, for the per-second timeline.</summary>
        public List<(int Second, double Latency)> Completions { get; } = new(capacity: 1 << 16);

        public long Accepted { get; set; }

        public long Rejected { get; set; }

        public Dictionary<string, long> Errors { get; } = [];
    }
}

internal sealed record IngestAnswer(int Accepted, int Rejected, string? Failure, bool Transient);
