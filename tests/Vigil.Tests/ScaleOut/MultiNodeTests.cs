using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Vigil.Tests.Support;
using Vigil.Testing;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Vigil.Tests.ScaleOut;

/// <summary>
/// Several <c>vigil serve</c> processes against one PostgreSQL and one ClickHouse, as behind a load balancer: any node
/// ingests and answers, the once-only work moves when its node dies, and a ClickHouse outage loses and doubles nothing.
/// </summary>
[Collection(Heavy.Collection)]
public sealed class MultiNodeTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly List<string> _dataDirectories = [];
    private readonly List<VigilProcess> _nodes = [];
    private ScaledOutDatabases _databases = null!;

    public Task InitializeAsync() => Task.CompletedTask;

    [Fact]
    public async Task IngestAtOneNode_ReadAtTheOther_SameNumbers()
    {
        _databases = await ScaledOutDatabases.CreateAsync();
        var (first, second) = (await StartNodeAsync(), await StartNodeAsync());
        using var ingest = IngestClient(first);
        using var admin = AdminClient(second, first);

        await ingest.PostEventsAsync(Enumerable.Range(0, 25).Select(index => (object)new { @event = "signup", distinct_id = $"u{index}" }).ToArray());

        // Rollups of one insert land shard by shard and view by view, so each number is awaited on its own.
        await RealtimeReachesAsync(admin, "signups", 25);
        await RealtimeReachesAsync(admin, "activeUsers", 25);
        Assert.Null(second.PrintedValue("Ingest key"));
    }

    [Fact]
    public async Task LeaderKilled_TheOtherNodeTakesTheProbesOverWithin30Seconds()
    {
        _databases = await ScaledOutDatabases.CreateAsync();
        var (first, second) = (await StartNodeAsync(), await StartNodeAsync());
        var projectId = long.Parse(first.PrintedValue("Project id")!);
        using var firstAdmin = AdminClient(first, first);
        using var secondAdmin = AdminClient(second, first);
        await firstAdmin.SetHealthUrlAsync(projectId, new Uri(second.BaseAddress, "healthz").ToString());
        var leader = await WaitForLeaderAsync([(first, firstAdmin), (second, secondAdmin)]);
        var (survivor, survivorAdmin) = leader == first ? (second, secondAdmin) : (first, firstAdmin);
        if (survivor == first)
        {
            // The probed URL must outlive the leader: probe the survivor itself.
            await firstAdmin.SetHealthUrlAsync(projectId, new Uri(first.BaseAddress, "healthz").ToString());
        }
        Assert.False((bool)(await survivorAdmin.GetJsonAsync("api/status"))["leader"]!);

        await leader.KillAsync();
        var killedAt = Stopwatch.StartNew();

        JsonNode status;
        do
        {
            await Task.Delay(500);
            status = await survivorAdmin.GetJsonAsync("api/status");
        }
        while (status["lastProbeRoundAt"] is null && killedAt.Elapsed < TimeSpan.FromSeconds(45));
        output.WriteLine($"The surviving node led and probed {killedAt.Elapsed.TotalSeconds:0.0} s after the leader was killed.");
        Assert.True((bool)status["leader"]!);
        Assert.True(killedAt.Elapsed < TimeSpan.FromSeconds(30), $"takeover took {killedAt.Elapsed.TotalSeconds:0.0} s");
        await RealtimeReachesAsync(survivorAdmin, "uptime", 100.0, projectId);
    }

    [Fact]
    public async Task ClickHouseStoppedMidLoad_EveryAcknowledgedEventLandsExactlyOnce()
    {
        await using var clickHouse = await TestClickHouseServer.StartAsync();
        _databases = await ScaledOutDatabases.CreateAsync(clickHouse.Url);
        var node = await StartNodeAsync();
        using var ingest = IngestClient(node);
        using var admin = AdminClient(node, node);
        var acknowledged = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();
        var senders = Enumerable.Range(0, 4).Select(sender => SendUntilStoppedAsync(ingest, sender, acknowledged, stop.Token)).ToList();

        await Task.Delay(TimeSpan.FromSeconds(2));
        await clickHouse.KillAsync();
        var beforeOutage = acknowledged.Count;
        await Task.Delay(TimeSpan.FromSeconds(3));
        var duringOutage = acknowledged.Count - beforeOutage;
        Assert.True((await admin.GetJsonAsync("api/status"))["spool"]!["lastError"] is not null, "the node did not notice ClickHouse was gone");
        await clickHouse.StartAgainAsync();
        await Task.Delay(TimeSpan.FromSeconds(2));
        await stop.CancelAsync();
        await Task.WhenAll(senders);

        Assert.True(duringOutage > 100, $"only {duringOutage} events were acknowledged while ClickHouse was down");
        await WaitForSpoolAsync(admin);
        using var http = new HttpClient();
        var rows = await QueryClickHouseAsync(http, clickHouse.Url, _databases.ClickHouseDatabase, "SELECT distinct_id, count() FROM events GROUP BY distinct_id");
        var stored = rows.ToDictionary(row => row[0], row => long.Parse(row[1]));
        var missing = acknowledged.Where(id => !stored.ContainsKey(id)).ToList();
        var doubled = stored.Where(pair => pair.Value > 1).Select(pair => pair.Key).ToList();
        output.WriteLine($"{acknowledged.Count} acknowledged ({duringOutage} during the outage), {stored.Count} stored.");
        Assert.True(missing.Count == 0, $"{missing.Count} acknowledged events are missing, e.g. {string.Join(", ", missing.Take(5))}");
        Assert.True(doubled.Count == 0, $"{doubled.Count} events are stored twice, e.g. {string.Join(", ", doubled.Take(5))}");
        var realtime = await admin.GetJsonAsync($"api/projects/{node.PrintedValue("Project id")}/realtime");
        Assert.Equal(stored.Count, (long)realtime["activeUsers"]!);
    }

    [Fact]
    public async Task BrowserOnOneNode_EventsAtTheOther_TileUpdatesLive()
    {
        _databases = await ScaledOutDatabases.CreateAsync();
        var (first, second) = (await StartNodeAsync(), await StartNodeAsync());
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync();
        var (email, password) = Login(first);
        await Browser.LogInAsync(page, first.BaseAddress, email, password);
        await Expect(page.GetByTestId("tile-signups-value")).ToHaveTextAsync("0");
        await page.EvaluateAsync("() => { window.__sameDocument = true; }");

        using var ingest = IngestClient(second, first);
        await ingest.PostEventsAsync(new { @event = "signup", distinct_id = "u1" }, new { @event = "signup", distinct_id = "u2" });

        await Expect(page.GetByTestId("tile-signups-value")).ToHaveTextAsync("2", new() { Timeout = 15_000 });
        Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"), "the page was reloaded");
        await Browser.ScreenshotAsync(page, "dashboard-live-update-across-nodes", output);
    }

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
            // What each node logged: the first thing to read when a test here fails.
            output.WriteLine($"--- node {node.BaseAddress}");
            foreach (var line in node.Output.Where(line => !line.StartsWith("Login: ", StringComparison.Ordinal)))
            {
                output.WriteLine(line);
            }
        }
        if (_databases is not null)
        {
            await _databases.DropAsync();
        }
        foreach (var directory in _dataDirectories)
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private async Task<VigilProcess> StartNodeAsync()
    {
        var directory = Directory.CreateTempSubdirectory("vigil-node-").FullName;
        _dataDirectories.Add(directory);
        var node = await VigilProcess.StartAsync(directory, TestServers.FreePort(), _databases.Flags);
        _nodes.Add(node);
        return node;
    }

    /// <summary>The first node's first start printed the keys; every node accepts them.</summary>
    private HttpClient IngestClient(VigilProcess node, VigilProcess? keysFrom = null) =>
        Client(node, (keysFrom ?? node).PrintedValue("Ingest key")!);

    private HttpClient AdminClient(VigilProcess node, VigilProcess keysFrom) => Client(node, keysFrom.PrintedValue("Admin token")!);

    private static HttpClient Client(VigilProcess node, string bearer)
    {
        var client = new HttpClient { BaseAddress = node.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return client;
    }

    private static (string Email, string Password) Login(VigilProcess node)
    {
        var parts = node.PrintedValue("Login")!.Split(" / ");
        return (parts[0], parts[1]);
    }

    private async Task<JsonNode> RealtimeReachesAsync(HttpClient admin, string field, double expected, long? projectId = null)
    {
        projectId ??= long.Parse(_nodes[0].PrintedValue("Project id")!);
        return await Eventually.JsonAsync(admin, $"api/projects/{projectId}/realtime",
            realtime => realtime[field] is { } value && Math.Abs((double)value - expected) < 1e-9, TimeSpan.FromSeconds(30));
    }

    private static async Task<VigilProcess> WaitForLeaderAsync(IReadOnlyList<(VigilProcess Node, HttpClient Admin)> nodes)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            foreach (var (node, admin) in nodes)
            {
                if ((bool)(await admin.GetJsonAsync("api/status"))["leader"]!)
                {
                    return node;
                }
            }
            await Task.Delay(200);
        }
        throw new TimeoutException("no node became leader");
    }

    private static async Task WaitForSpoolAsync(HttpClient admin)
    {
        await Eventually.JsonAsync(admin, "api/status", status => (long)status["spool"]!["pendingBytes"]! == 0, TimeSpan.FromSeconds(60));
    }

    private static async Task<List<string[]>> QueryClickHouseAsync(HttpClient http, Uri server, string database, string query)
    {
        using var response = await http.PostAsync(new Uri(server, $"/?database={database}"), new StringContent($"{query} FORMAT TabSeparated"));
        response.EnsureSuccessStatusCode();
        var text = await response.Content.ReadAsStringAsync();
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split('\t')).ToList();
    }

    private static async Task SendUntilStoppedAsync(HttpClient client, int sender, ConcurrentBag<string> acknowledged, CancellationToken stop)
    {
        for (var batch = 0; !stop.IsCancellationRequested; batch++)
        {
            var ids = Enumerable.Range(0, 20).Select(index => $"s{sender}-b{batch}-e{index}").ToList();
            try
            {
                using var response = await client.PostAsync("v1/events", Json.Body(new { events = ids.Select(id => new { @event = "outage-test", distinct_id = id }) }), stop);
                if (response.IsSuccessStatusCode)
                {
                    ids.ForEach(acknowledged.Add);
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException)
            {
                // Not acknowledged: the test makes no claim about it.
            }
        }
    }
}
