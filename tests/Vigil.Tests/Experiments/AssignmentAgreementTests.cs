using System.Text.Json;
using Vigil.Core.Experiments;
using Vigil.Tests.Support;

namespace Vigil.Tests.Experiments;

/// <summary>The browser snippet's assignment (web/experiments.js, run by node) and the server's give every user the same variant.</summary>
public sealed class AssignmentAgreementTests
{
    [Fact]
    public async Task VigilAssign_ManyUsersKeysAndWeights_SameArmsAsVariantAssignment()
    {
        double[][] weightings = [[1, 1], [50, 50], [1, 2, 1], [0.1, 0.3, 0.6], [10, 20, 30, 20, 20], [1, 1e6]];
        string[] keys = ["checkout", "new-nav", "pricing_2026", "a"];
        string[] users = ["u1", "user-42", "", "결제-사용자", "😀 emoji", "00000000-0000-4000-8000-000000000000", "anon-lx3k-9f2a"];
        var vectors = new List<(string Key, string User, double[] Weights)>();
        foreach (var key in keys)
        {
            foreach (var weights in weightings)
            {
                vectors.AddRange(users.Select(user => (key, user, weights)));
                vectors.AddRange(Enumerable.Range(0, 40).Select(index => (key, $"user-{index * 7919}", weights)));
            }
        }
        var json = JsonSerializer.Serialize(vectors.Select(vector => new object[] { vector.Key, vector.User, vector.Weights }));

        var (exitCode, output) = await NodeScripts.RunAsync(null, "experiment-assignment.mjs", json);

        Assert.True(exitCode == 0, output);
        var arms = JsonSerializer.Deserialize<int[]>(output)!;
        Assert.Equal(vectors.Select(vector => VariantAssignment.Assign(vector.Key, vector.User, vector.Weights)), arms);
        Assert.True(arms.Distinct().Count() == 5, "the vectors must reach every arm of the five-arm weighting");
    }
}
