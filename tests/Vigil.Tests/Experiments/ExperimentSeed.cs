using Vigil.Tests.Support;

namespace Vigil.Tests.Experiments;

/// <summary>A decided experiment's data, through the events API: 250 users per variant, 10 % of the control ordering and 30 % of green's.</summary>
internal static class ExperimentSeed
{
    public const int UsersPerVariant = 250;

    /// <summary>Exposes the users of <paramref name="experimentKey"/> at <paramref name="exposedAt"/>; the buyers order <paramref name="orderAfter"/> later.</summary>
    public static async Task SendGreenWinsAsync(VigilServer server, string experimentKey, DateTimeOffset exposedAt, TimeSpan orderAfter)
    {
        using var ingest = server.CreateIngestClient();
        foreach (var variant in new[] { "control", "green" })
        {
            var events = new List<object>();
            for (var user = 0; user < UsersPerVariant; user++)
            {
                var id = $"{variant}-{user}";
                events.Add(new { @event = "$exposure", distinct_id = id, timestamp = exposedAt.ToString("O"), properties = new { experiment = experimentKey, variant } });
                if (user % 10 < (variant == "control" ? 1 : 3))
                {
                    events.Add(new { @event = "order", distinct_id = id, timestamp = (exposedAt + orderAfter).ToString("O") });
                }
            }
            await ingest.PostEventsAsync([.. events]);
        }
        await server.WaitUntilStoredAsync();
    }
}
