using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using Vigil.Hosting;
using Vigil.Migration;
using Vigil.Monitors;
using Vigil.Testing;
using Vigil.Tests.Support;

namespace Vigil.Tests.Migration;

/// <summary><c>vigil migrate</c> from a real SQLite install into real PostgreSQL and ClickHouse databases.</summary>
public sealed class MigrateCommandTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 5, 30, 20, TimeSpan.Zero);
    private readonly ManualTimeProvider _time = new(Now);
    private readonly StringWriter _console = new();
    private ScaledOutDatabases _target = null!;

    public async Task InitializeAsync() => _target = await ScaledOutDatabases.CreateAsync();

    [Fact]
    public async Task Migrate_EmbeddedInstall_ScaledOutServerAnswersTheSameWithTheSameKeys()
    {
        var source = await VigilServer.StartAsync(_time);
        await using (source)
        {
            await SendSomeDataAsync(source);
            var before = await AnswersAsync(source.BaseAddress, source.AdminToken, source.ProjectId);
            await source.StopAsync();

            var exitCode = await MigrateCommand.RunAsync(Console(), $"sqlite:{Path.Combine(source.DataDirectory, "vigil.db")}", [_target.Postgres, _target.ClickHouse], CancellationToken.None);

            Assert.True(exitCode == 0, _console.ToString());
            Assert.Contains("Every count matches", _console.ToString());
            await using var migrated = await VigilServer.StartOnAsync(_target, _time);
            var after = await AnswersAsync(migrated.BaseAddress, source.AdminToken, source.ProjectId);
            Assert.Equal(before, after);
            using var ingest = new HttpClient { BaseAddress = migrated.BaseAddress };
            ingest.DefaultRequestHeaders.Authorization = new("Bearer", source.IngestKey);
            await ingest.PostEventsAsync(new { @event = "signup", distinct_id = "after-migration" });
            // The counter's state came along: its next point adds only what it grew by since the last one (25 → 40).
            await SendMetricsAsync(ingest, Now.AddMinutes(-5), jobs: 40);
            await migrated.WaitUntilStoredAsync();
            using var admin = new HttpClient { BaseAddress = migrated.BaseAddress };
            admin.DefaultRequestHeaders.Authorization = new("Bearer", source.AdminToken);
            var processed = await admin.GetJsonAsync(
                $"api/projects/{source.ProjectId}/metrics/query?name=jobs_processed&agg=increase&step=1d&from={Uri.EscapeDataString(Now.AddDays(-1).ToString("O"))}&to={Uri.EscapeDataString(Now.ToString("O"))}");
            Assert.Equal(40, (double)processed["series"]![0]!["points"]!.AsArray().Sum(point => (double?)point!["value"] ?? 0));
            using var feedback = await ingest.PostAsync("v1/feedback", Json.Body(new { rating = 5, category = "improvement" }));
            Assert.Equal(2, (int)(await feedback.ReadAsync())["id"]!);
        }
    }

    [Fact]
    public async Task Migrate_TargetAlreadyUsed_RefusesAndSaysWhy()
    {
        await using var source = await VigilServer.StartAsync(_time);
        await source.StopAsync();
        var from = $"sqlite:{Path.Combine(source.DataDirectory, "vigil.db")}";
        Assert.Equal(0, await MigrateCommand.RunAsync(Console(), from, [_target.Postgres, _target.ClickHouse], CancellationToken.None));

        var again = await MigrateCommand.RunAsync(Console(), from, [_target.Postgres, _target.ClickHouse], CancellationToken.None);

        Assert.NotEqual(0, again);
        Assert.Contains("already", _console.ToString());
    }

    [Theory]
    [InlineData("postgres:./vigil.db", "Host=127.0.0.1", "Url=http://127.0.0.1:8123", "sqlite:PATH")]
    [InlineData("sqlite:/no/such/vigil.db", "Host=127.0.0.1", "Url=http://127.0.0.1:8123", "sqlite:PATH")]
    public async Task Migrate_BadArguments_ExitTwoWithTheReason(string from, string postgres, string clickHouse, string expected)
    {
        Assert.Equal(2, await MigrateCommand.RunAsync(Console(), from, [postgres, clickHouse], CancellationToken.None));
        Assert.Contains(expected, _console.ToString());
    }

    public async Task DisposeAsync() => await _target.DropAsync();

    private IAnsiConsole Console() => AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(_console), Interactive = InteractionSupport.No });

    private static async Task SendSomeDataAsync(VigilServer server)
    {
        using var client = server.CreateIngestClient();
        var random = new Random(7);
        await client.PostEventsAsync(Enumerable.Range(0, 600).Select(index => (object)new
        {
            @event = new[] { "$pageview", "signup", "order" }[index % 3],
            distinct_id = $"u{random.Next(80)}",
            timestamp = (Now - TimeSpan.FromMinutes(random.Next(0, 3 * 24 * 60))).ToString("O"),
            properties = new { plan = new[] { "Basic", "Pro" }[random.Next(2)], amount = index * 100 },
        }).ToArray());
        await client.PostRequestsAsync(Enumerable.Range(0, 300).Select(index => (object)new
        {
            timestamp = (Now - TimeSpan.FromMinutes(random.Next(0, 60))).ToString("O"),
            method = "GET",
            route = "/",
            status = index % 20 == 0 ? 500 : 200,
            duration_ms = 20 + random.Next(500),
            trace_id = index % 3 == 0 ? $"{index:x32}" : null,
        }).ToArray());
        var logs = await (await client.PostAsync("v1/logs", Json.Body(new
        {
            logs = Enumerable.Range(0, 50).Select(index => new
            {
                message = $"checkout step {index}",
                level = index % 10 == 0 ? "error" : "info",
                timestamp = (Now - TimeSpan.FromMinutes(index)).ToString("O"),
                trace_id = "4bf92f3577b34da6a3ce929d0e0e4736",
                attributes = new { step = index },
            }),
        }))).ReadAsync();
        Assert.Equal(50, (int)logs["accepted"]!);
        Assert.True((await client.PostAsync("v1/feedback", Json.Body(new { rating = 2, category = "bug", text = "checkout slow" }))).IsSuccessStatusCode);
        Assert.True((await client.PostAsync("v1/nps", Json.Body(new { distinct_id = "u1", score = 9, comment = "good" }))).IsSuccessStatusCode);
        await server.Services.GetRequiredService<MonitorSchedulerJob>().CheckAllAsync(CancellationToken.None);
        using var admin = server.CreateAdminClient();
        using var budgets = await admin.PutAsync($"api/projects/{server.ProjectId}/budgets", Json.Raw("""
            {"compression":"gzip","totalMaxBytes":null,"budgets":[{"pattern":"main*.js","maxBytes":250000},{"pattern":"**/*.css","maxBytes":40000}]}
            """));
        Assert.True(budgets.IsSuccessStatusCode, await budgets.Content.ReadAsStringAsync());
        using var goal = await admin.PostAsync($"api/projects/{server.ProjectId}/goals", Json.Body(new { metric = "revenue", period = "week", target = 1_000_000, label = "Weekly revenue" }));
        Assert.True(goal.IsSuccessStatusCode);
        await SendMetricsAsync(client, Now.AddMinutes(-40), jobs: 10);
        await SendMetricsAsync(client, Now.AddMinutes(-10), jobs: 25);
        using var settings = await admin.PutAsync($"api/projects/{server.ProjectId}/report-settings", Json.Body(new { dailySchedule = "30 8 * * *", language = "ko" }));
        Assert.True(settings.IsSuccessStatusCode);
        using var report = await admin.PostAsync($"api/projects/{server.ProjectId}/reports", Json.Body(new { kind = "weekly" }));
        Assert.True(report.IsSuccessStatusCode);
    }

    /// <summary>A gauge, a cumulative counter (started an hour ago) and a histogram, over OTLP/JSON.</summary>
    private static async Task SendMetricsAsync(HttpClient client, DateTimeOffset at, int jobs)
    {
        var time = at.ToUnixTimeMilliseconds() * 1_000_000;
        var start = Now.AddHours(-1).ToUnixTimeMilliseconds() * 1_000_000;
        var export = $$$"""
            {"resourceMetrics":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"worker"}}]},"scopeMetrics":[{"metrics":[
              {"name":"queue.depth","gauge":{"dataPoints":[{"asInt":"{{{jobs * 3}}}","timeUnixNano":"{{{time}}}","attributes":[{"key":"queue","value":{"stringValue":"mail"}}]}]}},
              {"name":"jobs.processed","sum":{"isMonotonic":true,"aggregationTemporality":2,"dataPoints":[{"asInt":"{{{jobs}}}","startTimeUnixNano":"{{{start}}}","timeUnixNano":"{{{time}}}"}]}},
              {"name":"db.read.latency","unit":"s","histogram":{"aggregationTemporality":1,"dataPoints":[
                {"timeUnixNano":"{{{time}}}","count":"10","sum":2.5,"bucketCounts":["2","5","3"],"explicitBounds":[0.1,0.25],"max":0.3}]}}
            ]}]}]}
            """;
        using var sent = await client.PostAsync("v1/metrics", new StringContent(export, System.Text.Encoding.UTF8, "application/json"));
        Assert.True(sent.IsSuccessStatusCode, await sent.Content.ReadAsStringAsync());
        Assert.DoesNotContain("partialSuccess", await sent.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>The realtime panel, three chart calls, goals and revenue, as text to compare.</summary>
    private static async Task<string> AnswersAsync(Uri baseAddress, string adminToken, long projectId)
    {
        using var admin = new HttpClient { BaseAddress = baseAddress };
        admin.DefaultRequestHeaders.Authorization = new("Bearer", adminToken);
        var range = $"from={Uri.EscapeDataString(Now.AddDays(-3).ToString("O"))}&to={Uri.EscapeDataString(Now.ToString("O"))}";
        var answers = new JsonArray();
        foreach (var path in new[]
        {
            $"api/projects/{projectId}/realtime",
            $"api/projects/{projectId}/series?metric=pageViews&step=1h&{range}",
            $"api/projects/{projectId}/series?metric=activeUsers&step=1d&{range}",
            $"api/projects/{projectId}/series?metric=p95ResponseTime&step=1h&{range}",
            $"api/projects/{projectId}/breakdown?event=signup&by=plan&{range}",
            $"api/projects/{projectId}/metrics",
            $"api/projects/{projectId}/budgets",
            $"api/projects/{projectId}/metrics/query?name=queue_depth&agg=max&step=1h&{range}",
            $"api/projects/{projectId}/metrics/query?name=jobs_processed&agg=increase&step=1h&{range}",
            $"api/projects/{projectId}/metrics/query?name=db_read_latency&agg=p95&step=1h&{range}",
            $"api/projects/{projectId}/goals/progress",
            $"api/projects/{projectId}/revenue?days=7&by=plan",
            $"api/projects/{projectId}/feedback",
            $"api/projects/{projectId}/nps",
            $"api/projects/{projectId}/routes?range=24h",
        })
        {
            answers.Add(await admin.GetJsonAsync(path));
        }
        // Line ids are each engine's own (SQLite row ids, ClickHouse hashes); everything else must match.
        var logs = await admin.GetJsonAsync($"api/projects/{projectId}/logs?q=checkout&level=error&limit=3");
        foreach (var line in logs["logs"]!.AsArray())
        {
            line!.AsObject().Remove("id");
        }
        logs.AsObject().Remove("next");
        answers.Add(logs);
        answers.Add(await admin.GetJsonAsync($"api/projects/{projectId}/report-settings"));
        // Scheduled reports depend on when each server's leader looked; the one sent on demand is data like any other.
        var onDemand = (await admin.GetJsonAsync($"api/projects/{projectId}/reports")).AsArray().Single(report => !(bool)report!["scheduled"]!)!;
        answers.Add(await admin.GetJsonAsync($"api/projects/{projectId}/reports/{(long)onDemand["id"]!}"));
        return answers.ToJsonString();
    }
}
