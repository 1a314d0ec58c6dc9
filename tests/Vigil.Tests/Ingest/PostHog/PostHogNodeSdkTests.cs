using Vigil.Tests.Support;

namespace Vigil.Tests.Ingest.PostHog;

/// <summary>
/// The real posthog-node (pinned in tests/node/package.json) pointed at a real Vigil by its host alone, and posthog-js's
/// lz64 requests made with the real lz-string: what they capture must show on the dashboard, on each backend.
/// ./test.sh installs tests/node/node_modules with npm ci.
/// </summary>
public abstract class PostHogNodeSdkTests(Backend backend)
    // The system clock: the SDK stamps events with the real time, and the server must agree with it.
    : ServerTests(backend)
{
    [Fact]
    public async Task PostHogNode_PageViewsIdentifyAndCustomEvents_ShowOnTheDashboard()
    {
        var host = Server.BaseAddress.ToString().TrimEnd('/');

        var (exitCode, output) = await NodeScripts.RunAsync("posthog-node", "posthog-capture.mjs", host, Server.IngestKey);

        Assert.True(exitCode == 0, $"node exited {exitCode}:\n{output}");
        await Server.WaitUntilStoredAsync();
        var project = $"api/projects/{Server.ProjectId}";
        Assert.Equal(2, (long)(await Admin.GetJsonAsync($"{project}/realtime"))["activeUsers"]!);
        Assert.Equal(new Dictionary<string, long> { ["/pricing"] = 1, ["/"] = 1 }, await BreakdownAsync(Admin, project, "$pageview", "path"));
        Assert.Equal(new Dictionary<string, long> { ["Pro"] = 1 }, await BreakdownAsync(Admin, project, "signup", "plan"));
        Assert.Equal(new Dictionary<string, long> { ["42000"] = 1 }, await BreakdownAsync(Admin, project, "order", "amount"));
        Assert.Equal(new Dictionary<string, long> { ["posthog-node"] = 1 }, await BreakdownAsync(Admin, project, "$identify", "$lib"));
    }

    [Fact]
    public async Task PostHogJsLz64_FormAndBeacon_ShowOnTheDashboard()
    {
        var host = Server.BaseAddress.ToString().TrimEnd('/');

        var (exitCode, output) = await NodeScripts.RunAsync("lz-string", "posthog-js-lz64.mjs", host, Server.IngestKey);

        Assert.True(exitCode == 0, $"node exited {exitCode}:\n{output}");
        await Server.WaitUntilStoredAsync();
        var project = $"api/projects/{Server.ProjectId}";
        var realtime = await Admin.GetJsonAsync($"{project}/realtime");
        Assert.Equal((1, 1, 1), ((long)realtime["pageViews"]!, (long)realtime["signups"]!, (long)realtime["activeUsers"]!));
        Assert.Equal(new Dictionary<string, long> { ["Team"] = 1 }, await BreakdownAsync(Admin, project, "signup", "plan"));
        Assert.Equal(new Dictionary<string, long> { ["https://shop.example/pricing"] = 1 }, await BreakdownAsync(Admin, project, "$pageleave", "$current_url"));
    }

    private static async Task<Dictionary<string, long>> BreakdownAsync(HttpClient admin, string project, string eventName, string by)
    {
        var breakdown = await admin.GetJsonAsync($"{project}/breakdown?event={Uri.EscapeDataString(eventName)}&by={Uri.EscapeDataString(by)}");
        return breakdown["items"]!.AsArray().ToDictionary(item => (string)item!["value"]!, item => (long)item!["count"]!);
    }
}

public sealed class SqlitePostHogNodeSdkTests() : PostHogNodeSdkTests(Backend.Sqlite);

public sealed class PostgresClickHousePostHogNodeSdkTests() : PostHogNodeSdkTests(Backend.PostgresClickHouse);
