using System.Text.Json.Nodes;
using Vigil.Core.Experiments;
using Vigil.Tests.Support;

namespace Vigil.Tests.Experiments;

/// <summary>An experiment read as a feature flag through the real posthog-node SDK: Vigil's /flags answers the user's variant and the SDK's $feature_flag_called exposes them.</summary>
public sealed class ExperimentPostHogTests() : ServerTests(Backend.Sqlite)
{
    [Fact]
    public async Task GetFeatureFlag_RunningExperiment_AnswersTheVariantAndExposesTheUser()
    {
        var experiments = $"api/projects/{Server.ProjectId}/experiments";
        await ExperimentSeed.DefineAsync(Server, "checkout", "Checkout button", ["control", "green", "blue"]);

        var (exitCode, output) = await NodeScripts.RunAsync("posthog-node", "posthog-flags.mjs", Server.BaseAddress.ToString().TrimEnd('/'), Server.IngestKey, "checkout", "node-user-7");

        Assert.True(exitCode == 0, $"node exited {exitCode}:\n{output}");
        var variant = new[] { "control", "green", "blue" }[VariantAssignment.Assign("checkout", "node-user-7", [1, 1, 1])];
        // The output also holds what the SDK logs to stderr.
        var answer = output.Split('\n').FirstOrDefault(line => line.StartsWith("{\"variant\"", StringComparison.Ordinal));
        Assert.True(answer is not null, output);
        Assert.Equal(variant, (string?)JsonNode.Parse(answer)!["variant"]);
        await Eventually.TrueAsync(
            async () => (await Admin.GetJsonAsync($"{experiments}/checkout/results"))["arms"]!.AsArray()
                .Any(arm => (string?)arm!["variant"] == variant && (long)arm["exposed"]! == 1),
            TimeSpan.FromSeconds(10), "posthog-node's $feature_flag_called did not expose the user");
    }
}
