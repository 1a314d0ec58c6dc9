using System.CommandLine;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading.Channels;
using Spectre.Console;

namespace Vigil.Demo;

internal sealed record DemoSendResult(long EventsAccepted, long RequestsAccepted, long Rejected, TimeSpan Elapsed, string? Failure)
{
    public bool Succeeded => Failure is null;

    public int ExitCode => Succeeded ? 0 : 1;
}

/// <summary><c>vigil demo</c>: sends a generated history through the public ingestion API, exactly as a client would.</summary>
internal static class DemoCommand
{
    public const int Senders = 4;
    public const int MaxAttempts = 5;

    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(500);

    public static Command Create()
    {
        var days = new Option<int>("--days") { Description = $"Days of history, 1 to {DemoDataGenerator.MaxDays}", DefaultValueFactory = _ => DemoDataGenerator.MaxDays };
        days.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > DemoDataGenerator.MaxDays)
            {
                result.AddError($"--days must be between 1 and {DemoDataGenerator.MaxDays}.");
            }
        });
        var users = new Option<int>("--users") { Description = "Number of simulated users", DefaultValueFactory = _ => 5000 };
        users.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError("--users must be at least 1.");
            }
        });
        var url = new Option<string>("--url") { Description = "Base address of the Vigil server", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        url.Validators.Add(result =>
        {
            if (!Uri.TryCreate(result.GetValueOrDefault<string>(), UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https"))
            {
                result.AddError("--url must be an absolute http or https address.");
            }
        });
        var key = new Option<string>("--key") { Description = "The project's ingest key", Required = true };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the generator; the same seed and clock give the same data", DefaultValueFactory = _ => DemoDataGenerator.DefaultSeed };

        var command = new Command("demo", "Send a realistic history of product events and request telemetry to a Vigil server")
        {
            days, users, url, key, seed,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var result = await RunAsync(
                new Uri(parseResult.GetValue(url)!),
                parseResult.GetValue(key)!,
                parseResult.GetValue(days),
                parseResult.GetValue(users),
                TimeProvider.System,
                AnsiConsole.Console,
                cancellationToken,
                parseResult.GetValue(seed));
            return result.ExitCode;
        });
        return command;
    }

    /// <summary>Generates <paramref name="days"/> days of data for <paramref name="users"/> users ending now and posts it to <paramref name="server"/>.</summary>
    public static async Task<DemoSendResult> RunAsync(
        Uri server,
        string ingestKey,
        int days,
        int users,
        TimeProvider time,
        IAnsiConsole console,
        CancellationToken cancellationToken,
        ulong seed = DemoDataGenerator.DefaultSeed)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = Senders, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        using var http = new HttpClient(handler) { BaseAddress = WithTrailingSlash(server), Timeout = TimeSpan.FromSeconds(100) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ingestKey);
        var generator = new DemoDataGenerator(days, users, time.GetUtcNow(), seed);
        var result = await SendAsync(http, generator, time, console, FirstRetryDelay, cancellationToken);
        if (!result.Succeeded)
        {
            return result;
        }
        try
        {
            var (feedback, answers) = await DemoFeedback.SendAsync(http, generator.To, days, seed, cancellationToken);
            console.MarkupLine($"Sent [bold]{feedback}[/] feedback items and [bold]{answers}[/] NPS answers.");
            return result;
        }
        catch (HttpRequestException exception)
        {
            console.MarkupLine("[red]Demo feedback was not fully sent.[/]");
            console.WriteLine(exception.Message);
            return result with { Failure = exception.Message };
        }
    }

    /// <summary>Posts the generator's data with <paramref name="http"/>, whose base address is the server and which carries the ingest key.</summary>
    internal static async Task<DemoSendResult> SendAsync(
        HttpClient http,
        DemoDataGenerator generator,
        TimeProvider time,
        IAnsiConsole console,
        TimeSpan firstRetryDelay,
        CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        console.MarkupLine($"Sending demo data from [bold]{FormatSeoul(generator.From)}[/] to [bold]{FormatSeoul(generator.To)}[/] (Asia/Seoul) to {Markup.Escape(http.BaseAddress?.ToString() ?? "")}");

        var progress = new SendProgress(generator.From);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        // Small capacity: the generator runs ahead of the senders by a few batches only, so memory stays flat.
        var channel = Channel.CreateBounded<DemoBatch>(new BoundedChannelOptions(Senders * 2) { SingleWriter = true });
        await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("Generating", autoStart: true, maxValue: (generator.To - generator.From).TotalHours);
                var producer = Task.Run(() => ProduceAsync(generator, channel.Writer, stop.Token), CancellationToken.None);
                var senders = Enumerable.Range(0, Senders)
                    .Select(_ => Task.Run(() => SendBatchesAsync(http, channel.Reader, progress, task, time, firstRetryDelay, stop), CancellationToken.None))
                    .ToList();
                await Task.WhenAll([producer, .. senders]);
                if (progress.Failure is null && !cancellationToken.IsCancellationRequested)
                {
                    task.Value = task.MaxValue;
                }
            });

        cancellationToken.ThrowIfCancellationRequested();
        var result = progress.ToResult(time.GetElapsedTime(started));
        Report(console, generator, result, progress.RejectionSamples);
        return result;
    }

    private static async Task ProduceAsync(DemoDataGenerator generator, ChannelWriter<DemoBatch> writer, CancellationToken cancellationToken)
    {
        try
        {
            // Items carry over from one chunk to the next, so batches are full whatever the size of a day.
            var events = new List<DemoEvent>(DemoBatch.MaxItems * 2);
            var requests = new List<DemoRequest>(DemoBatch.MaxItems * 2);
            foreach (var chunk in generator.Generate())
            {
                events.AddRange(chunk.Events);
                requests.AddRange(chunk.Requests);
                await WriteFullBatchesAsync(events, DemoBatch.Events, writer, cancellationToken);
                await WriteFullBatchesAsync(requests, DemoBatch.Requests, writer, cancellationToken);
            }

            foreach (var batch in DemoBatch.Events(events).Concat(DemoBatch.Requests(requests)))
            {
                await writer.WriteAsync(batch, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            writer.TryComplete();
        }
    }

    private static async Task WriteFullBatchesAsync<T>(
        List<T> pending,
        Func<IReadOnlyList<T>, IEnumerable<DemoBatch>> serialize,
        ChannelWriter<DemoBatch> writer,
        CancellationToken cancellationToken)
    {
        var full = pending.Count - pending.Count % DemoBatch.MaxItems;
        if (full == 0)
        {
            return;
        }

        foreach (var batch in serialize(pending.GetRange(0, full)))
        {
            await writer.WriteAsync(batch, cancellationToken);
        }

        pending.RemoveRange(0, full);
    }

    private static async Task SendBatchesAsync(
        HttpClient http,
        ChannelReader<DemoBatch> reader,
        SendProgress progress,
        ProgressTask task,
        TimeProvider time,
        TimeSpan firstRetryDelay,
        CancellationTokenSource stop)
    {
        try
        {
            await foreach (var batch in reader.ReadAllAsync(stop.Token))
            {
                var answer = await PostWithRetriesAsync(http, batch, time, firstRetryDelay, stop.Token);
                if (answer.Failure is not null)
                {
                    progress.Fail(answer.Failure);
                    await stop.CancelAsync();
                    return;
                }

                progress.Record(batch, answer, task);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    private static async Task<BatchAnswer> PostWithRetriesAsync(HttpClient http, DemoBatch batch, TimeProvider time, TimeSpan firstRetryDelay, CancellationToken cancellationToken)
    {
        var lastProblem = "";
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            if (attempt > 1)
            {
                await Task.Delay(firstRetryDelay * Math.Pow(2, attempt - 2), time, cancellationToken);
            }

            try
            {
                using var content = new ByteArrayContent(batch.Body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using var response = await http.PostAsync(batch.Path, content, cancellationToken);
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return BatchAnswer.Parse(body, batch)
                        ?? new BatchAnswer(0, [], $"POST {batch.Path} answered {(int)response.StatusCode} with a body that is not an ingestion answer: {body}");
                }

                lastProblem = $"POST {batch.Path} answered {(int)response.StatusCode} {response.ReasonPhrase}: {body}";
                if (!IsTransient(response.StatusCode))
                {
                    return new BatchAnswer(0, [], lastProblem);
                }
            }
            catch (HttpRequestException exception)
            {
                lastProblem = $"POST {batch.Path} failed: {exception.Message}";
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                lastProblem = $"POST {batch.Path} timed out after {http.Timeout.TotalSeconds:0} s";
            }
        }

        return new BatchAnswer(0, [], $"{lastProblem} (gave up after {MaxAttempts} attempts)");
    }

    private static bool IsTransient(HttpStatusCode status) =>
        (int)status >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;

    private static void Report(IAnsiConsole console, DemoDataGenerator generator, DemoSendResult result, IReadOnlyList<string> rejections)
    {
        if (result.Failure is not null)
        {
            console.MarkupLine("[red]Demo data was not fully sent.[/]");
            console.WriteLine(result.Failure);
        }

        var table = new Table().AddColumns("", "Accepted");
        table.AddRow("Events", result.EventsAccepted.ToString("N0"));
        table.AddRow("Requests", result.RequestsAccepted.ToString("N0"));
        table.AddRow("Rejected", result.Rejected.ToString("N0"));
        table.AddRow("Rate", $"{(result.EventsAccepted + result.RequestsAccepted) / Math.Max(0.001, result.Elapsed.TotalSeconds):N0}/s");
        console.Write(table);

        foreach (var rejection in rejections)
        {
            console.MarkupLine($"[yellow]Rejected[/] {Markup.Escape(rejection)}");
        }

        if (result.Succeeded)
        {
            console.MarkupLine("[grey]Incidents to look for on the dashboard (Asia/Seoul):[/]");
            foreach (var incident in generator.Incidents)
            {
                var kind = incident.IsOutage ? "Outage (503s, slow)" : $"Error spike ({incident.ServerErrorRate:P0} 5xx)";
                console.MarkupLine($"[grey]  {kind}: {FormatSeoul(incident.From)} – {FormatSeoul(incident.To)}[/]");
            }
        }
    }

    private static string FormatSeoul(DateTimeOffset time) =>
        time.ToOffset(DemoDataGenerator.SeoulOffset).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    private static Uri WithTrailingSlash(Uri server) =>
        server.AbsoluteUri.EndsWith('/') ? server : new Uri(server.AbsoluteUri + "/");

    private sealed record BatchAnswer(int Accepted, IReadOnlyList<string> Rejections, string? Failure)
    {
        public static BatchAnswer? Parse(string body, DemoBatch batch)
        {
            using var document = TryParse(body);
            var root = document?.RootElement ?? default;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("accepted", out var acceptedElement) || !acceptedElement.TryGetInt32(out var accepted))
            {
                return null;
            }

            var rejections = new List<string>();
            if (root.TryGetProperty("rejected", out var rejected) && rejected.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in rejected.EnumerateArray())
                {
                    rejections.Add($"{batch.Path} #{Text(item, "index")} {Text(item, "field")}: {Text(item, "error")}");
                }
            }

            return new BatchAnswer(accepted, rejections, null);
        }

        private static JsonDocument? TryParse(string body)
        {
            try
            {
                return JsonDocument.Parse(body);
            }
            catch (JsonException)
            {
                return null;
            }
        }

        private static string Text(JsonElement item, string name) =>
            item.TryGetProperty(name, out var value) ? value.ToString() : "?";
    }

    /// <summary>Counters shared by the senders; the progress bar shows how far into the history the server has committed.</summary>
    private sealed class SendProgress(DateTimeOffset from)
    {
        private const int MaxRejectionSamples = 5;

        private readonly DateTimeOffset _from = from;
        private readonly Lock _lock = new();
        private readonly List<string> _rejectionSamples = [];
        private long _events;
        private long _requests;
        private long _rejected;
        private DateTimeOffset _reached = from;

        public string? Failure { get; private set; }

        public IReadOnlyList<string> RejectionSamples
        {
            get
            {
                lock (_lock)
                {
                    return _rejectionSamples.ToList();
                }
            }
        }

        public void Record(DemoBatch batch, BatchAnswer answer, ProgressTask task)
        {
            lock (_lock)
            {
                if (batch.IsEvents)
                {
                    _events += answer.Accepted;
                }
                else
                {
                    _requests += answer.Accepted;
                }

                _rejected += answer.Rejections.Count;
                _rejectionSamples.AddRange(answer.Rejections.Take(MaxRejectionSamples - _rejectionSamples.Count));
                if (batch.Last > _reached)
                {
                    _reached = batch.Last;
                    task.Value = (_reached - _from).TotalHours;
                }

                task.Description = $"{_events:N0} events, {_requests:N0} requests";
            }
        }

        public void Fail(string failure)
        {
            lock (_lock)
            {
                Failure ??= failure;
            }
        }

        public DemoSendResult ToResult(TimeSpan elapsed)
        {
            lock (_lock)
            {
                return new DemoSendResult(_events, _requests, _rejected, elapsed, Failure);
            }
        }
    }
}
