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
            properties = new { plan = new[] { "Basic", "Pro" }[random.Next(2)] },
        }).ToArray());
        await client.PostRequestsAsync(Enumerable.Range(0, 300).Select(index => (object)new
        {
            timestamp = (Now - TimeSpan.FromMinutes(random.Next(0, 60))).ToString("O"),
            method = "GET",
            route = "/",
            status = index % 20 == 0 ? 500 : 200,
            duration_ms = 20 + random.Next(500),
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
    }

    /// <summary>The realtime panel and three chart calls, as text to compare.</summary>
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
            $"api/projects/{projectId}/feedback",
            $"api/projects/{projectId}/nps",
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
        return answers.ToJsonString();
    }
}
