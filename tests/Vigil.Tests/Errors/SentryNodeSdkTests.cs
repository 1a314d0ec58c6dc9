using Vigil.Core.Errors.Sentry;
using Vigil.Tests.Support;

namespace Vigil.Tests.Errors;

/// <summary>
/// The real @sentry/node (pinned in tests/node/package.json) configured with nothing but Vigil's DSN: the errors and
/// the message it captures must come out as issues, grouped as the script's bugs are.
/// </summary>
public sealed class SentryNodeSdkTests : IAsyncLifetime
{
    private VigilServer _server = null!;

    // The system clock: the SDK stamps events with the real time, and the server must agree with it.
    public async Task InitializeAsync() => _server = await VigilServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task SentryNode_TwoBugsAndAMessage_ThreeIssuesWithCountsUsersAndCulprits()
    {
        var dsn = SentryAuth.Dsn(_server.BaseAddress.ToString(), _server.IngestKey, _server.ProjectId);

        var (exitCode, output) = await NodeScripts.RunAsync("@sentry/node", "sentry-capture.mjs", dsn);

        Assert.True(exitCode == 0, $"node exited {exitCode}:\n{output}");
        using var admin = _server.CreateAdminClient();
        var issues = (await admin.GetJsonAsync($"api/projects/{_server.ProjectId}/issues")).AsArray()
            .ToDictionary(issue => (string)issue!["title"]!, issue => ((long)issue!["count"]!, (long)issue["users"]!, (string?)issue["culprit"]));
        Assert.Equal(new Dictionary<string, (long, long, string?)>
        {
            // checkout() twice, from two lines, for two users: one bug.
            ["TypeError: Cannot read properties of undefined (reading 'reduce')"] = (2, 2, "orderTotal (sentry-capture)"),
            ["RangeError: Discount 150% is over 100%"] = (1, 1, "applyDiscount (sentry-capture)"),
            ["Payment provider timed out after 3000 ms"] = (1, 1, "sentry-capture"),
        }, issues);
    }
}
