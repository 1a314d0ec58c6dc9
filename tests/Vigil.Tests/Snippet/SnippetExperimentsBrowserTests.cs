using System.Collections.Concurrent;
using Vigil.Core.Experiments;
using Vigil.Tests.Experiments;
using Vigil.Tests.Support;

namespace Vigil.Tests.Snippet;

/// <summary>vigil.variant on a customer's page in Debian's Chromium: the server's assignment, and one exposure per user however often the page loads.</summary>
[Collection(Heavy.Collection)]
public sealed class SnippetExperimentsBrowserTests : CustomerSiteTests
{
    [Fact]
    public async Task Variant_RunningExperiment_ServersAssignmentAndOneExposureAcrossReloads()
    {
        using var admin = Server.CreateAdminClient();
        await ExperimentSeed.DefineAsync(Server, "checkout", "Checkout button", ["control", "green", "blue"], weights: [1, 2, 1]);
        var shop = await Chromium.NewPageAsync();
        var exposures = new ConcurrentBag<string>();
        shop.Request += (_, request) =>
        {
            if (request.Url.Contains("/v1/events", StringComparison.Ordinal) && request.PostData is { } body && body.Contains("\"$exposure\"", StringComparison.Ordinal))
            {
                exposures.Add(body);
            }
        };

        await shop.GotoAsync(Site.Urls.First() + "/checkout");
        var variant = await shop.EvaluateAsync<string>("async () => { const variant = await vigil.variant('checkout'); vigil.flush(); return variant; }");
        var unknown = await shop.EvaluateAsync<string?>("() => vigil.variant('pricing')");
        var distinctId = await shop.EvaluateAsync<string>("() => localStorage.getItem('vigil_id')");
        await shop.ReloadAsync();
        var again = await shop.EvaluateAsync<string>("async () => { const variant = await vigil.variant('checkout'); vigil.flush(); return variant; }");

        Assert.Equal(new[] { "control", "green", "blue" }[VariantAssignment.Assign("checkout", distinctId, [1, 2, 1])], variant);
        Assert.Equal(variant, again);
        Assert.Null(unknown);
        // The exposure reached Vigil and counts for the user's variant; the reload sent none.
        await Eventually.TrueAsync(
            async () => (await admin.GetJsonAsync($"api/projects/{Server.ProjectId}/experiments/checkout/results"))["arms"]!.AsArray()
                .Any(arm => (string?)arm!["variant"] == variant && (long)arm["exposed"]! == 1),
            TimeSpan.FromSeconds(10), "the snippet's exposure was not counted");
        var exposure = Assert.Single(exposures);
        Assert.Contains($"\"variant\":\"{variant}\"", exposure);
        Assert.Contains($"\"distinct_id\":\"{distinctId}\"", exposure);
    }
}
