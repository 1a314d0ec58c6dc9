using Vigil.Tests.Support;

namespace Vigil.Tests.Ingest.PostHog;

/// <summary>
/// The real posthog-node (pinned in tests/node/package.json) pointed at a real Vigil by its host alone, and posthog-js's
/// lz64 requests made with the real lz-string: what they capture must show on the dashboard. ./test.sh installs
/// tests/node/node_modules with npm ci.
/// </summary>
public sealed class PostHogNodeSdkTests : IAsyncLifetime
{
    private VigilServer _server = null!;

    // The system clock: the SDK stamps events with the real time, and the server must agree with it.
    public async Task InitializeAsync() => _server = await VigilServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task PostHogNode_PageViewsIdentifyAndCustomEvents_ShowOnTheDashboard()
    {
        var host = _server.BaseAddress.ToString().TrimEnd('/');

        var (exitCode, output) = await NodeScripts.RunAsync("posthog-node", "posthog-capture.mjs", host, _server.IngestKey);

        Assert.True(exitCode == 0, $"node exited {exitCode}:\n{output}");
        using var admin = _server.CreateAdminClient();
        var project = $"api/projects/{_server.ProjectId}";
        Assert.Equal(2, (long)(await admin.GetJsonAsync($"{project}/realtime"))["activeUsers"]!);
        Assert.Equal(new Dictionary<string, long> { ["/pricing"] = 1, ["/"] = 1 }, await BreakdownAsync(admin, project, "$pageview", "path"));
        Assert.Equal(new Dictionary<string, long> { ["Pro"] = 1 }, await BreakdownAsync(admin, project, "signup", "plan"));
        Assert.Equal(new Dictionary<string, long> { ["42000"] = 1 }, await BreakdownAsync(admin, project, "order", "amount"));
        Assert.Equal(new Dictionary<string, long> { ["posthog-node"] = 1 }, await BreakdownAsync(admin, project, "$identify", "$lib"));
    }

    [Fact]
    public async Task PostHogJsLz64_FormAndBeacon_ShowOnTheDashboard()
    {
        var host = _server.BaseAddress.ToString().TrimEnd('/');

        var (exitCode, output) = await NodeScripts.RunAsync("lz-string", "posthog-js-lz64.mjs", host, _server.IngestKey);

        Assert.True(exitCode == 0, $"node exited {exitCode}:\n{output}");
        using var admin = _server.CreateAdminClient();
        var project = $"api/projects/{_server.ProjectId}";
        var realtime = await admin.GetJsonAsync($"{project}/realtime");
        Assert.Equal((1, 1, 1), ((long)realtime["pageViews"]!, (long)realtime["signups"]!, (long)realtime["activeUsers"]!));
        Assert.Equal(new Dictionary<string, long> { ["Team"] = 1 }, await BreakdownAsync(admin, project, "signup", "plan"));
        Assert.Equal(new Dictionary<string, long> { ["https://shop.example/pricing"] = 1 }, await BreakdownAsync(admin, project, "$pageleave", "$current_url"));
    }

    private static async Task<Dictionary<string, long>> BreakdownAsync(HttpClient admin, string project, string eventName, string by)
    {
        var breakdown = await admin.GetJsonAsync($"{project}/breakdown?event={Uri.EscapeDataString(eventName)}&by={Uri.EscapeDataString(by)}");
        return breakdown["items"]!.AsArray().ToDictionary(item => (string)item!["value"]!, item => (long)item!["count"]!);
    }
}
