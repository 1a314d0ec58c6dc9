using System.Net;
using Vigil.Tests.Support;

namespace Vigil.Tests.Projects;

/// <summary>The endpoints behind <c>RequireProject()</c>: an unknown project is a 404 naming <c>id</c> before any other check.</summary>
public sealed class ProjectRoutesTests : IAsyncLifetime
{
    private VigilServer _server = null!;
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        _server = await VigilServer.StartAsync();
        _admin = _server.CreateAdminClient();
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task EveryGroup_UnknownProject_404NamingIdEvenWithBadQueryOrBody()
    {
        var requests = new (HttpMethod Method, string Path, string? Body)[]
        {
            (HttpMethod.Get, "kpis/active-users?from=yesterday", null),
            (HttpMethod.Put, "kpis/settings", """{"paidEvent":""}"""),
            (HttpMethod.Get, "goals", null),
            (HttpMethod.Post, "goals", """{"metric":"nonsense"}"""),
            (HttpMethod.Get, "goals/progress?period=decade", null),
            (HttpMethod.Get, "revenue?part=nonsense", null),
            (HttpMethod.Put, "revenue/settings", "{}"),
            (HttpMethod.Get, "report-settings", null),
            (HttpMethod.Put, "report-settings", """{"dailySchedule":"0 25 * * *"}"""),
            (HttpMethod.Get, "reports", null),
            (HttpMethod.Post, "reports", """{"kind":"monthly"}"""),
            (HttpMethod.Get, "reports/preview?kind=monthly", null),
            (HttpMethod.Get, "experiments", null),
            (HttpMethod.Post, "experiments", """{"key":"Not a slug"}"""),
            (HttpMethod.Post, "experiments/checkout/stop", """{"ship":"nobody"}"""),
            (HttpMethod.Get, "experiments/checkout/results", null),
        };
        foreach (var (method, path, body) in requests)
        {
            using var request = new HttpRequestMessage(method, $"api/projects/999/{path}") { Content = body is null ? null : Json.Raw(body) };

            using var response = await _admin.SendAsync(request);

            await Json.AssertProblemAsync(response, (int)HttpStatusCode.NotFound, "id");
        }
    }

    [Fact]
    public async Task Endpoint_KnownProject_ReachesTheHandlerWithIt()
    {
        var progress = await _admin.GetJsonAsync($"api/projects/{_server.ProjectId}/goals/progress");
        var settings = await _admin.GetJsonAsync($"api/projects/{_server.ProjectId}/report-settings");

        Assert.Empty(progress.AsArray());
        // Asia/Seoul, the first project's zone, has no daylight saving: the next 09:00 there is 00:00 UTC.
        Assert.EndsWith("T00:00:00+00:00", (string?)settings["nextDaily"]);
    }
}
