using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Vigil.Bench;

/// <summary>
/// <c>logs</c>: fills N log lines through <c>POST /v1/logs</c> (Vigil's JSON, 1,000 lines a request, several connections),
/// spread over the last 13 days, then times the log search: a rare word, a common word and its second page, errors of
/// the last 24 hours, an hour six days ago with and without a word, a trace's lines and an attribute filter.
/// </summary>
internal static class LogsBenchmark
{
    // One line in this many carries the rare word; one in fifty the checkout route; traces have five lines each.
    private const int RareEvery = 100_000;
    private const int LinesPerTrace = 5;
    private static readonly string[] Routes = Enumerable.Range(0, 49).Select(index => $"/api/items/{index}").Append("/api/checkout").ToArray();
    private static readonly string[] Words = ["cache", "queue", "session", "invoice", "cart", "token", "profile", "search", "upload", "report"];

    public static Command CreateCommand()
    {
        var url = BenchOptions.Url();
        var key = BenchOptions.IngestKey();
        var admin = BenchOptions.AdminToken();
        var project = BenchOptions.Project();
        var lines = new Option<long>("--lines") { Description = "Log lines to load first", DefaultValueFactory = _ => 10_000_000 };
        var filled = new Option<bool>("--filled") { Description = "The lines are there already (an earlier run or a generated fill): search only" };
        var iterations = BenchOptions.Positive("--iterations", "Timed searches of each kind, after one untimed cold one", 50);
        var connections = BenchOptions.Connections(4);
        var processId = BenchOptions.ProcessId();
        var command = new Command("logs", "Fill log lines, then time the log search")
        {
            url, key, admin, project, lines, filled, iterations, connections, processId,
        };
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            parseResult.GetValue(url)!, parseResult.GetValue(key)!, parseResult.GetValue(admin)!, parseResult.GetValue(project)!,
            parseResult.GetValue(lines), parseResult.GetValue(filled), parseResult.GetValue(iterations), parseResult.GetValue(connections), parseResult.GetValue(processId), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        string url, string key, string admin, string project, long lines, bool filled, int iterations, int connections, int? processId, CancellationToken cancellationToken)
    {
        var now = TimeProvider.System.GetUtcNow();
        if (!filled)
        {
            await FillAsync(url, key, lines, now, connections, processId, cancellationToken);
        }
        using var http = BenchOptions.CreateClient(url, admin, 1);
        var search = $"api/projects/{Uri.EscapeDataString(project)}/logs";
        var random = new Random(7);
        var sixDaysAgo = $"from={Instant(now.AddDays(-6))}&to={Instant(now.AddDays(-6).AddHours(1))}";
        var secondPage = await NextCursorAsync(http, $"{search}?q=completed", cancellationToken);
        var searches = new (string Name, Func<string> Query)[]
        {
            ("rare word (1 in 100,000)", () => "q=zebracorn"),
            ("common word (every line)", () => "q=completed"),
            ("common word, page 2 (cursor)", () => $"q=completed&before={secondPage}"),
            ("level=error, last 24 h", () => $"level=error&from={Instant(now.AddDays(-1))}"),
            ("1 h six days ago", () => sixDaysAgo),
            ("word invoice (1 in 10), 1 h six days ago", () => $"q=invoice&{sixDaysAgo}"),
            ("trace_id (5 lines)", () => $"trace_id={TraceId(random.NextInt64(Math.Max(1, lines)) / LinesPerTrace)}"),
            ("attr route:/api/checkout (1 in 50)", () => "attr=route:/api/checkout"),
            ("attr + word + level", () => "attr=route:/api/checkout&q=invoice&level=warn"),
        };
        await using var sampler = ServerProcessSampler.StartFor(processId);
        var stopwatch = Stopwatch.StartNew();
        var rows = new List<IReadOnlyList<string>>();
        var failed = false;
        foreach (var (name, query) in searches)
        {
            var cold = await TimeAsync(http, $"{search}?{query()}", cancellationToken);
            var measured = new List<(double Milliseconds, int Lines, string? Failure)>();
            for (var iteration = 0; iteration < iterations; iteration++)
            {
                measured.Add(await TimeAsync(http, $"{search}?{query()}", cancellationToken));
            }
            var failures = measured.Append(cold).Where(item => item.Failure is not null).ToList();
            if (failures.Count > 0)
            {
                Console.Error.WriteLine($"{name}: {failures[0].Failure}");
                failed = true;
            }
            var latency = LatencySummary.From(measured.Where(item => item.Failure is null).Select(item => item.Milliseconds));
            rows.Add([name, Markdown.Count(latency.Count), Markdown.Count(cold.Lines), Markdown.Milliseconds(cold.Milliseconds),
                Markdown.Milliseconds(latency.P50), Markdown.Milliseconds(latency.P95), Markdown.Milliseconds(latency.P99), Markdown.Milliseconds(latency.Max)]);
        }
        var elapsed = stopwatch.Elapsed;
        if (sampler is not null)
        {
            await sampler.StopAsync();
        }
        Console.WriteLine($"Log search over {lines:N0} lines (limit 100, newest first), {Markdown.Machine()}");
        Console.WriteLine();
        Console.WriteLine(Markdown.Table(["Search", "n", "lines", "cold ms", "p50 ms", "p95 ms", "p99 ms", "max ms"], rows));
        if (sampler is not null)
        {
            Console.WriteLine();
            Console.WriteLine(sampler.Report(elapsed));
        }
        return failed ? 1 : 0;
    }

    private static string Instant(DateTimeOffset instant) => Uri.EscapeDataString(instant.ToString("O", CultureInfo.InvariantCulture));

    /// <summary>The cursor of the page after the first, so the second page is timed as a reader paging on gets it.</summary>
    private static async Task<string> NextCursorAsync(HttpClient http, string path, CancellationToken cancellationToken)
    {
        using var document = JsonDocument.Parse(await http.GetStringAsync(path, cancellationToken));
        return Uri.EscapeDataString(document.RootElement.GetProperty("next").GetString()
            ?? throw new InvalidOperationException($"GET {path} answered no next page: fill more lines."));
    }

    private static async Task<(double Milliseconds, int Lines, string? Failure)> TimeAsync(HttpClient http, string path, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await http.GetAsync(path, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var milliseconds = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return (milliseconds, 0, $"GET {path} answered {(int)response.StatusCode}: {Encoding.UTF8.GetString(body)}");
        }
        using var document = JsonDocument.Parse(body);
        return (milliseconds, document.RootElement.GetProperty("logs").GetArrayLength(), null);
    }

    private static async Task FillAsync(string url, string key, long lines, DateTimeOffset now, int connections, int? processId, CancellationToken cancellationToken)
    {
        using var http = BenchOptions.CreateClient(url, key, connections);
        await using var sampler = ServerProcessSampler.StartFor(processId);
        const int batch = 1000;
        var batches = (lines + batch - 1) / batch;
        long next = -1;
        long accepted = 0;
        var stopwatch = Stopwatch.StartNew();
        var from = now.AddDays(-13);
        var spanMs = (now.AddMinutes(-1) - from).TotalMilliseconds;
        var workers = Enumerable.Range(0, connections).Select(_ => Task.Run(async () =>
        {
            for (long index; (index = Interlocked.Increment(ref next)) < batches;)
            {
                var first = index * batch;
                var count = (int)Math.Min(batch, lines - first);
                // Lines go in oldest first, as a live system sends them.
                var body = Body(first, count, lines, from, spanMs);
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
                using var response = await http.PostAsync("v1/logs", content, cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"POST /v1/logs answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
                }
                if (Interlocked.Add(ref accepted, count) / batch % 500 == 0)
                {
                    Console.Error.WriteLine($"logs: {Interlocked.Read(ref accepted):N0} lines, {Interlocked.Read(ref accepted) / stopwatch.Elapsed.TotalSeconds:N0}/s");
                }
            }
        }, CancellationToken.None)).ToArray();
        await Task.WhenAll(workers);
        var elapsed = stopwatch.Elapsed;
        if (sampler is not null)
        {
            await sampler.StopAsync();
        }
        Console.WriteLine($"Filled {lines:N0} log lines in {elapsed.TotalSeconds:N0} s ({lines / elapsed.TotalSeconds:N0} lines/s) through POST /v1/logs, {batch} a request, {connections} connections.");
        if (sampler is not null)
        {
            Console.WriteLine(sampler.Report(elapsed));
        }
        Console.WriteLine();
    }

    private static byte[] Body(long first, int count, long total, DateTimeOffset from, double spanMs)
    {
        using var output = new MemoryStream(count * 320);
        using (var writer = new Utf8JsonWriter(output))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("logs");
            for (var line = first; line < first + count; line++)
            {
                var random = new Random((int)(line * 2654435761L % int.MaxValue));
                var route = Routes[line % Routes.Length];
                var level = random.Next(100) switch { < 3 => "error", < 10 => "warn", < 20 => "debug", _ => "info" };
                var word = Words[random.Next(Words.Length)];
                writer.WriteStartObject();
                writer.WriteString("timestamp", from.AddMilliseconds(spanMs * line / total));
                writer.WriteString("level", level);
                writer.WriteString("message", string.Create(CultureInfo.InvariantCulture,
                    $"GET {route} completed {word} step for user u-{random.Next(10_000)} in {random.Next(1, 900)} ms{(line % RareEvery == RareEvery / 2 ? " zebracorn" : "")}"));
                writer.WriteString("service", line % 3 == 0 ? "worker" : "shop-api");
                writer.WriteString("trace_id", TraceId(line / LinesPerTrace));
                writer.WriteStartObject("attributes");
                writer.WriteString("route", route);
                writer.WriteString("user.id", string.Create(CultureInfo.InvariantCulture, $"u-{random.Next(10_000)}"));
                writer.WriteString("region", (line % 5) switch { 0 => "seoul", 1 => "tokyo", 2 => "virginia", 3 => "frankfurt", _ => "sydney" });
                writer.WriteEndObject();
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return output.ToArray();
    }

    private static string TraceId(long trace) => string.Create(CultureInfo.InvariantCulture, $"{0x4bf92f3577b34da6UL:x16}{(ulong)trace + 1:x16}");
}
