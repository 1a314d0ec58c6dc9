using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Alerts;
using Vigil.Tests.Support;

namespace Vigil.Tests.Alerts;

/// <summary>Rule files in the data directory: taken in when written, refused when broken, written back on API edits.</summary>
public sealed class AlertRuleFilesTests()
    : ServerTests(Backend.Sqlite, configure: options => options.AlertEvaluationInterval = TimeSpan.FromHours(1))
{
    private const string Good = """
        alerts:
          - name: Errors
            condition: error_rate > 5%
        """;

    private string RulesDirectory => Path.Combine(Server.DataDirectory, "rules");

    [Fact]
    public async Task Import_GoodThenBrokenFile_TakesTheFirstAndRefusesTheSecondKeepingTheRulesInForce()
    {
        Directory.CreateDirectory(RulesDirectory);
        var path = Path.Combine(RulesDirectory, $"{Server.ProjectId}-shop.yaml");
        await File.WriteAllTextAsync(path, Good);
        await ImportAsync();
        var taken = await Admin.GetJsonAsync($"api/projects/{Server.ProjectId}/alert-rules");
        Assert.Equal(Good, (string?)taken["yaml"]);
        Assert.Null(taken["refusedFile"]);

        await File.WriteAllTextAsync(path, Good.Replace("error_rate > 5%", "error_rate > 5s"));
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddSeconds(5));
        await ImportAsync();

        var refused = await Admin.GetJsonAsync($"api/projects/{Server.ProjectId}/alert-rules");
        Assert.Equal(Good, (string?)refused["yaml"]);
        Assert.Equal(1, (int)refused["version"]!);
        Assert.Equal(path, (string?)refused["refusedFile"]!["path"]);
        Assert.Equal(3, (int)refused["refusedFile"]!["problems"]![0]!["line"]!);
    }

    [Fact]
    public async Task SaveThroughApi_WritesTheProjectsFile()
    {
        using var response = await Admin.PutAsync($"api/projects/{Server.ProjectId}/alert-rules", new StringContent(Good, Encoding.UTF8, "application/yaml"));
        Assert.True(response.IsSuccessStatusCode);

        Assert.Equal(Good, await File.ReadAllTextAsync(Path.Combine(RulesDirectory, $"{Server.ProjectId}.yaml")));
        await ImportAsync();
        Assert.Equal(1, (int)(await Admin.GetJsonAsync($"api/projects/{Server.ProjectId}/alert-rules"))["version"]!);
    }

    [Fact]
    public async Task Import_ScaledOut_LeavesFilesAloneAndTheStoredRulesInForce()
    {
        await using var scaledOut = await VigilServer.StartAsync(
            configure: options => options.AlertEvaluationInterval = TimeSpan.FromHours(1), backend: Backend.PostgresClickHouse);
        using var admin = scaledOut.CreateAdminClient();
        using var saved = await admin.PutAsync($"api/projects/{scaledOut.ProjectId}/alert-rules", new StringContent(Good, Encoding.UTF8, "application/yaml"));
        Assert.True(saved.IsSuccessStatusCode);
        var rules = Path.Combine(scaledOut.DataDirectory, "rules");
        Directory.CreateDirectory(rules);
        await File.WriteAllTextAsync(Path.Combine(rules, $"{scaledOut.ProjectId}.yaml"), Good.Replace("Errors", "Left behind"));

        await scaledOut.Services.GetRequiredService<AlertRuleFiles>().ImportChangedFilesAsync(CancellationToken.None);

        var inForce = await admin.GetJsonAsync($"api/projects/{scaledOut.ProjectId}/alert-rules");
        Assert.Equal(Good, (string?)inForce["yaml"]);
        Assert.Equal(1, (int)inForce["version"]!);
    }

    private Task ImportAsync() => Server.Services.GetRequiredService<AlertRuleFiles>().ImportChangedFilesAsync(CancellationToken.None);
}
