using Vigil.Tests.Support;

namespace Vigil.Tests.Goals;

/// <summary>
/// A small week in Seoul, on a clock stopped at Thursday 2026-11-19 12:00: three signups (one the Sunday before the
/// week), orders of ₩12,000 (pro) and ₩3,000 (basic) this week and ₩5,000 in October, page views on Wednesday and today.
/// </summary>
internal static class GoalsSeed
{
    public static readonly DateTimeOffset Now = new(2026, 11, 19, 12, 0, 0, TimeSpan.FromHours(9));

    public static async Task SendAsync(VigilServer server)
    {
        using var client = server.CreateIngestClient();
        await client.PostEventsAsync(
            Event("signup", "u1", "2026-11-16T00:30:00+09:00", new { plan = "pro" }),
            Event("signup", "u2", "2026-11-19T11:00:00+09:00", new { plan = "basic" }),
            Event("signup", "u3", "2026-11-15T23:59:00+09:00", new { plan = "basic" }),
            Event("order", "u1", "2026-11-17T10:00:00+09:00", new { amount = 12000, plan = "pro" }),
            Event("order", "u2", "2026-11-18T10:00:00+09:00", new { amount = 3000, plan = "basic" }),
            Event("order", "u3", "2026-10-25T20:00:00+09:00", new { amount = 5000, plan = "pro" }),
            Event("$pageview", "u4", "2026-11-18T09:00:00+09:00"),
            Event("$pageview", "u1", "2026-11-19T09:00:00+09:00"),
            Event("$pageview", "u2", "2026-11-19T11:30:00+09:00"));
        await server.WaitUntilStoredAsync();
    }

    private static object Event(string name, string user, string at, object? properties = null) =>
        new { @event = name, distinct_id = user, timestamp = at, properties };
}
