using Vigil.Demo;
using Vigil.Tests.Support;

namespace Vigil.Tests.Demo;

public sealed class DemoFeedbackTests() : ServerTests(Backend.Sqlite)
{
    [Fact]
    public async Task SendAsync_RealServer_InboxAndNpsHaveEverything()
    {
        var (feedback, answers) = await DemoFeedback.SendAsync(Ingest, TimeProvider.System.GetUtcNow(), 30, DemoDataGenerator.DefaultSeed, CancellationToken.None);

        var inbox = await Admin.GetJsonAsync($"api/projects/{Server.ProjectId}/feedback");
        var summary = await Admin.GetJsonAsync($"api/projects/{Server.ProjectId}/feedback/summary");
        var nps = await Admin.GetJsonAsync($"api/projects/{Server.ProjectId}/nps");
        Assert.Equal(feedback, (int)inbox["total"]!);
        Assert.Equal(answers, (int)nps["counts"]!["promoters"]! + (int)nps["counts"]!["passives"]! + (int)nps["counts"]!["detractors"]!);
        Assert.Equal("checkout", (string?)summary["topComplaint"]!["term"]);
    }
}
