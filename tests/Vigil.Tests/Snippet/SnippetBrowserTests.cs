using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Vigil.Tests.Support;

namespace Vigil.Tests.Snippet;

/// <summary>
/// A customer's page on another origin loads <c>/vigil.js</c> from Vigil, in Debian's Chromium, and its events
/// arrive in Vigil's store: page views on load and on single-page navigations, tracked events, the last events of a
/// closing page through sendBeacon, and the page load's Web Vitals measured by the bundled web-vitals package.
/// </summary>
[Collection(Heavy.Collection)]
public sealed class SnippetBrowserTests : CustomerSiteTests
{
    [Fact]
    public async Task PageLoad_WithSnippet_SendsPageviewWithPath()
    {
        var page = await Chromium.NewPageAsync();

        await page.GotoAsync(Site.Urls.First() + "/shop?flush=200");

        var pageviews = await WaitForEventsAsync("$pageview", 1);
        Assert.Equal("/shop", (string?)JsonNode.Parse(pageviews[0].Properties)!["path"]);
        Assert.Equal("web", (string?)JsonNode.Parse(pageviews[0].Properties)!["platform"]);
        using var admin = Server.CreateAdminClient();
        var realtime = await admin.GetJsonAsync($"api/projects/{Server.ProjectId}/realtime");
        Assert.Equal(1, (long)realtime["pageViews"]!);
        Assert.Equal(1, (long)realtime["activeUsers"]!);
    }

    [Fact]
    public async Task PushState_InSinglePageApp_SendsAnotherPageview()
    {
        var page = await Chromium.NewPageAsync();
        await page.GotoAsync(Site.Urls.First() + "/shop?flush=200");

        await page.EvaluateAsync("() => history.pushState({}, '', '/pricing')");

        var pageviews = await WaitForEventsAsync("$pageview", 2);
        Assert.Equal(["/shop", "/pricing"], pageviews.Select(pageview => (string)JsonNode.Parse(pageview.Properties)!["path"]!).ToArray());
        Assert.Single(pageviews.Select(pageview => pageview.DistinctId).Distinct());
    }

    [Fact]
    public async Task TrackAndIdentify_ThenPageCloses_BeaconDeliversWhatTheTimerDidNot()
    {
        var page = await Chromium.NewPageAsync();
        // A flush delay of a minute: only the page-hide beacon can deliver these events within the test.
        await page.GotoAsync(Site.Urls.First() + "/shop?flush=60000");

        await page.EvaluateAsync("() => { vigil.identify('user-42'); vigil.track('signup', { plan: 'Pro' }); }");
        await page.CloseAsync(new() { RunBeforeUnload = true });

        var signup = Assert.Single(await WaitForEventsAsync("signup", 1));
        Assert.Equal("user-42", signup.DistinctId);
        Assert.Equal("Pro", (string?)JsonNode.Parse(signup.Properties)!["plan"]);
        var identify = Assert.Single(await WaitForEventsAsync("$identify", 1));
        var pageview = Assert.Single(await WaitForEventsAsync("$pageview", 1));
        Assert.Equal(pageview.DistinctId, (string?)JsonNode.Parse(identify.Properties)!["$anon_distinct_id"]);
    }

    [Fact]
    public async Task PageLoadThenClose_ReportsItsWebVitalsForThePage()
    {
        var page = await Chromium.NewPageAsync();
        await page.GotoAsync(Site.Urls.First() + "/orders/42?flush=200");
        // A click whose handler keeps the main thread busy for 200 ms, as a slow app's does: the interaction that INP
        // measures (it also finalises LCP).
        await page.EvaluateAsync("""
            document.querySelector("h1").addEventListener("click", () => {
              const end = performance.now() + 200;
              while (performance.now() < end) {}
            })
            """);
        await page.ClickAsync("h1");
        // The click's Event Timing entry is made at the paint after the handler, which a busy machine delays, and
        // web-vitals takes it in at the next idle moment: hiding the page before either leaves INP nothing to report
        // (its report on hiding runs before the entries it put off). Observers are told of an entry together, and idle
        // callbacks run in the order asked, so once this one's runs, web-vitals has taken the entry in. ('first-input'
        // comes before the entry, and 'event' entries are not in the timeline.)
        await page.EvaluateAsync("""
            new Promise(resolve => new PerformanceObserver((entries, observer) => {
              if (entries.getEntries().some(entry => entry.name === "click" && entry.duration >= 150)) {
                observer.disconnect();
                requestIdleCallback(() => resolve());
              }
            }).observe({ type: "event", buffered: true, durationThreshold: 16 }))
            """).WaitAsync(TimeSpan.FromSeconds(15));
        await page.CloseAsync(new() { RunBeforeUnload = true });

        using var admin = Server.CreateAdminClient();
        static JsonNode? Orders(JsonNode report) => report["pages"]!.AsArray().FirstOrDefault(row => (string?)row!["page"] == "/orders/:id"
            && row!["metrics"]!.AsArray().Count(metric => (long)metric!["pageLoads"]! > 0) == 5);
        var report = await Eventually.JsonAsync(admin, $"api/projects/{Server.ProjectId}/web-vitals", answer => Orders(answer) is not null, TimeSpan.FromSeconds(15));
        var metrics = Orders(report)!["metrics"]!.AsArray().ToDictionary(metric => (string)metric!["name"]!, metric => ((long)metric!["pageLoads"]!, (double)metric["p75"]!));
        Assert.Equal(["CLS", "FCP", "INP", "LCP", "TTFB"], metrics.Keys.Order(StringComparer.Ordinal));
        Assert.All(metrics.Values, measured => Assert.Equal(1, measured.Item1));
        Assert.InRange(metrics["FCP"].Item2, 1, 10_000);
        // The click's 200 ms of work, to the next paint (Event Timing rounds to 8 ms).
        Assert.InRange(metrics["INP"].Item2, 190, 10_000);
    }

    private sealed record StoredEvent(string DistinctId, string Properties);

    private Task<List<StoredEvent>> WaitForEventsAsync(string name, int count) =>
        Eventually.ValueAsync(() => ReadEventsAsync(name), events => events.Count >= count, TimeSpan.FromSeconds(15),
            events => $"expected {count} '{name}' events, found {events.Count}");

    private async Task<List<StoredEvent>> ReadEventsAsync(string name)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(Server.DataDirectory, "vigil.db")};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT distinct_id, properties FROM events WHERE name = $name ORDER BY id";
        command.Parameters.AddWithValue("$name", name);
        var events = new List<StoredEvent>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            events.Add(new StoredEvent(reader.GetString(0), reader.GetString(1)));
        }
        return events;
    }
}
