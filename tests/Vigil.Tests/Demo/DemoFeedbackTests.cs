using Vigil.Demo;
using Vigil.Tests.Support;

namespace Vigil.Tests.Demo;

public sealed class DemoFeedbackTests : IAsyncLifetime
{
    private VigilServer _server = null!;

    public async Task InitializeAsync() => _server = await VigilServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task SendAsync_RealServer_InboxAndNpsHaveEverything()
    {
        using var ingest = _server.CreateIngestClient();
        using var admin = _server.CreateAdminClient();

        var (feedback, answers) = await DemoFeedback.SendAsync(ingest, TimeProvider.System.GetUtcNow(), 30, DemoDataGenerator.DefaultSeed, CancellationToken.None);

        var inbox = await admin.GetJsonAsync($"api/projects/{_server.ProjectId}/feedback");
        var summary = await admin.GetJsonAsync($"api/projects/{_server.ProjectId}/feedback/summary");
        var nps = await admin.GetJsonAsync($"api/projects/{_server.ProjectId}/nps");
        Assert.Equal(feedback, (int)inbox["total"]!);
        Assert.Equal(answers, (int)nps["counts"]!["promoters"]! + (int)nps["counts"]!["passives"]! + (int)nps["counts"]!["detractors"]!);
        Assert.Equal("checkout", (string?)summary["topComplaint"]!["term"]);
    }
}
