using Vigil.Tests.Support;

namespace Vigil.Tests.Experiments;

/// <summary>A decided experiment's data, through the events API: 250 users per variant, 10 % of the control ordering and 30 % of green's.</summary>
internal static class ExperimentSeed
{
    public const int UsersPerVariant = 250;

    /// <summary>Defines an experiment with the goal event <c>order</c> (baseline 10 %, lift +20 % unless given) and, unless told not to, starts it.</summary>
    public static async Task DefineAsync(
        VigilServer server, string key, string name, string[] variants, double[]? weights = null, double minimumDetectableLift = 0.2, bool start = true,
        string? method = null)
    {
        using var admin = server.CreateAdminClient();
        var experiments = $"api/projects/{server.ProjectId}/experiments";
        using var created = await admin.PostAsync(experiments, Json.Body(new
        {
            key,
            name,
            variants = variants.Select((variant, index) => new { name = variant, weight = weights?[index] ?? 1 }),
            goalEvent = "order",
            method,
            baselineRate = 0.1,
            minimumDetectableLift,
        }));
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        if (start)
        {
            using var started = await admin.PostAsync($"{experiments}/{key}/start", null);
            Assert.True(started.IsSuccessStatusCode, await started.Content.ReadAsStringAsync());
        }
    }

    /// <summary>Exposes the users of <paramref name="experimentKey"/> at <paramref name="exposedAt"/>; the buyers order <paramref name="orderAfter"/> later.</summary>
    public static Task SendGreenWinsAsync(VigilServer server, string experimentKey, DateTimeOffset exposedAt, TimeSpan orderAfter) =>
        SendAsync(server, experimentKey, exposedAt, orderAfter, "", UsersPerVariant, controlBuyersPerTen: 1, greenBuyersPerTen: 3);

    /// <summary>
    /// Exposes <paramref name="usersPerVariant"/> new users (ids starting with <paramref name="idPrefix"/>) to control and
    /// to green at <paramref name="exposedAt"/>; the given number in ten of each orders <paramref name="orderAfter"/> later.
    /// </summary>
    public static async Task SendAsync(
        VigilServer server, string experimentKey, DateTimeOffset exposedAt, TimeSpan orderAfter, string idPrefix, int usersPerVariant,
        int controlBuyersPerTen, int greenBuyersPerTen)
    {
        using var ingest = server.CreateIngestClient();
        foreach (var variant in new[] { "control", "green" })
        {
            var events = new List<object>();
            for (var user = 0; user < usersPerVariant; user++)
            {
                var id = $"{idPrefix}{variant}-{user}";
                events.Add(new { @event = "$exposure", distinct_id = id, timestamp = exposedAt.ToString("O"), properties = new { experiment = experimentKey, variant } });
                if (user % 10 < (variant == "control" ? controlBuyersPerTen : greenBuyersPerTen))
                {
                    events.Add(new { @event = "order", distinct_id = id, timestamp = (exposedAt + orderAfter).ToString("O") });
                }
            }
            await ingest.PostEventsAsync([.. events]);
        }
        await server.WaitUntilStoredAsync();
    }
}
