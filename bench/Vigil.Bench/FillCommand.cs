using System.CommandLine;
using System.Diagnostics;

namespace Vigil.Bench;

/// <summary><c>fill</c>: loads a large history quickly, oldest first, so the dashboard benchmark has data to read.</summary>
internal static class FillCommand
{
    private const int MaxAttempts = 5;

    public static Command CreateCommand()
    {
        var url = BenchOptions.Url();
        var key = BenchOptions.IngestKey();
        var events = new Option<long>("--events") { Description = "Events to load", DefaultValueFactory = _ => 10_000_000 };
        var requests = new Option<long>("--requests") { Description = "Request samples to load", DefaultValueFactory = _ => 1_000_000 };
        var days = BenchOptions.Positive("--days", "Days back the data is spread over (the server keeps 30)", 29);
        var batch = BenchOptions.Batch(1000);
        var connections = BenchOptions.Connections(8);
        var users = BenchOptions.Positive("--users", "Distinct users the events are spread over", 100_000);
        var processId = BenchOptions.ProcessId();
        var command = new Command("fill", "Load many events spread over the last days")
        {
            url, key, events, requests, days, batch, connections, users, processId,
        };
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            parseResult.GetValue(url)!,
            parseResult.GetValue(key)!,
            parseResult.GetValue(events),
            parseResult.GetValue(requests),
            parseResult.GetValue(days),
            parseResult.GetValue(batch),
            parseResult.GetValue(connections),
            parseResult.GetValue(users),
            parseResult.GetValue(processId),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        string url, string key, long events, long requests, int days, int batch, int connections, int users, int? processId, CancellationToken cancellationToken)
    {
        var to = TimeProvider.System.GetUtcNow() - TimeSpan.FromMinutes(1);
        var from = to - TimeSpan.FromDays(Math.Min(days, 29.5));
        using var http = BenchOptions.CreateClient(url, key, connections);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await using var sampler = ServerProcessSampler.StartFor(processId);

        var plan = new FillPlan(from, to, events, requests, batch, users);
        var progress = new FillProgress();
        var stopwatch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, connections)
            .Select(_ => Task.Run(() => WorkAsync(http, plan, progress, stop), CancellationToken.None))
            .ToArray();

        var all = Task.WhenAll(workers);
        while (await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(5), CancellationToken.None)) != all)
        {
            var (loadedEvents, loadedRequests) = (Interlocked.Read(ref progress.EventsAccepted), Interlocked.Read(ref progress.RequestsAccepted));
            Console.Error.WriteLine($"fill: {loadedEvents:N0} events, {loadedRequests:N0} requests, {(loadedEvents + loadedRequests) / stopwatch.Elapsed.TotalSeconds:N0}/s");
        }

        await all;
        var elapsed = stopwatch.Elapsed;
        if (sampler is not null)
        {
            await sampler.StopAsync();
        }

        if (progress.Failure is not null)
        {
            Console.Error.WriteLine($"fill stopped: {progress.Failure}");
        }

        Console.WriteLine($"Fill, {connections} connections, {batch} items per request, {Markdown.Machine()}");
        Console.WriteLine();
        Console.WriteLine(Markdown.Table(
            ["Loaded", "Events", "Requests", "Elapsed", "Items/s", "Rejected", "Retries"],
            [[
                $"{from:yyyy-MM-dd} – {to:yyyy-MM-dd}", Markdown.Count(progress.EventsAccepted), Markdown.Count(progress.RequestsAccepted), $"{elapsed.TotalSeconds:0.0} s",
                Markdown.Count((progress.EventsAccepted + progress.RequestsAccepted) / elapsed.TotalSeconds), Markdown.Count(progress.Rejected), Markdown.Count(progress.Retries),
            ]]));
        if (sampler is not null)
        {
            Console.WriteLine();
            Console.WriteLine(sampler.Report(elapsed));
        }

        return progress.Failure is null && !cancellationToken.IsCancellationRequested ? 0 : 1;
    }

    private static async Task WorkAsync(HttpClient http, FillPlan plan, FillProgress progress, CancellationTokenSource stop)
    {
        try
        {
            for (var job = progress.TakeJob(); job < plan.Jobs && !stop.IsCancellationRequested; job = progress.TakeJob())
            {
                var (path, body, isEvents) = plan.Body(job);
                var answer = await PostWithRetriesAsync(http, path, body, progress, stop.Token);
                if (answer.Failure is not null)
                {
                    progress.Fail(answer.Failure);
                    await stop.CancelAsync();
                    return;
                }

                progress.Record(isEvents, answer);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    private static async Task<IngestAnswer> PostWithRetriesAsync(HttpClient http, string path, byte[] body, FillProgress progress, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var answer = await IngestBenchmark.PostAsync(http, path, body, cancellationToken);
            if (answer.Failure is null || !answer.Transient || attempt == MaxAttempts || cancellationToken.IsCancellationRequested)
            {
                return answer;
            }

            Interlocked.Increment(ref progress.Retries);
            await Task.Delay(TimeSpan.FromMilliseconds(250 * Math.Pow(2, attempt - 1)), cancellationToken);
        }
    }

    /// <summary>Job i is one time slice of events (the first jobs) or of request samples (the rest), taken oldest first, as a real backlog arrives.</summary>
    private sealed class FillPlan(DateTimeOffset from, DateTimeOffset to, long events, long requests, int batch, int users)
    {
        private readonly long _eventJobs = (events + batch - 1) / batch;
        private readonly long _requestJobs = (requests + batch - 1) / batch;

        public long Jobs => _eventJobs + _requestJobs;

        public (string Path, byte[] Body, bool IsEvents) Body(long job)
        {
            var isEvents = job < _eventJobs;
            var slice = isEvents ? job : job - _eventJobs;
            var slices = isEvents ? _eventJobs : _requestJobs;
            var count = (int)Math.Min(batch, (isEvents ? events : requests) - slice * batch);
            var random = new Random((int)job);
            var sliceFrom = from + (to - from) * ((double)slice / slices);
            var sliceSpan = (to - from) / slices;
            return isEvents
                ? ("v1/events", BodyFactory.Events(random, count, sliceFrom, sliceSpan, users), true)
                : ("v1/requests", BodyFactory.Requests(random, count, sliceFrom, sliceSpan), false);
        }
    }

    private sealed class FillProgress
    {
        public long EventsAccepted;
        public long RequestsAccepted;
        public long Rejected;
        public long Retries;
        private long _nextJob = -1;
        private string? _failure;

        public string? Failure => Volatile.Read(ref _failure);

        public long TakeJob() => Interlocked.Increment(ref _nextJob);

        public void Record(bool isEvents, IngestAnswer answer)
        {
            Interlocked.Add(ref isEvents ? ref EventsAccepted : ref RequestsAccepted, answer.Accepted);
            Interlocked.Add(ref Rejected, answer.Rejected);
        }

        public void Fail(string failure) => Interlocked.CompareExchange(ref _failure, failure, null);
    }
}
