using Vigil.Tests.Support;

namespace Vigil.Tests.Dashboard;

/// <summary>
/// A month of believable traffic sent through the ingest API: busy afternoons in Seoul, quiet nights, slow growth,
/// signups on three plans, and requests that are mostly fast with the odd server error. Seeded, so every run draws the same.
/// </summary>
internal static class DashboardSeed
{
    private static readonly TimeZoneInfo Seoul = TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul");
    private static readonly string[] Plans = ["free", "free", "free", "free", "pro", "pro", "team"];
    private static readonly string[] Routes = ["GET /", "GET /api/apps", "POST /api/apps", "GET /api/apps/{id}", "POST /api/orders"];

    public static async Task SendAsync(VigilServer server, DateTimeOffset now, int days = 29)
    {
        var random = new Random(20261122);
        var events = new List<object>();
        var requests = new List<object>();
        var start = now.AddDays(-days);
        for (var hour = start; hour < now; hour = hour.AddHours(1))
        {
            var localHour = TimeZoneInfo.ConvertTime(hour, Seoul).Hour;
            var growth = 1 + 0.8 * (hour - start).TotalDays / days;
            var daylight = Math.Sin(Math.PI * Math.Clamp((localHour - 7) / 17.0, 0, 1));
            var views = (int)(36 * growth * (0.15 + daylight * daylight) * (0.8 + 0.4 * random.NextDouble()));
            for (var index = 0; index < views; index++)
            {
                var at = Within(hour, now, random);
                var user = $"user-{random.Next((int)(300 * growth))}";
                events.Add(Event("$pageview", user, at));
                var roll = random.NextDouble();
                if (roll < 0.035)
                {
                    events.Add(Event("signup", $"new-{events.Count}", at, new { plan = Plans[random.Next(Plans.Length)] }));
                }
                else if (roll < 0.085)
                {
                    events.Add(Event("app_created", user, at));
                }
                else if (roll < 0.105)
                {
                    events.Add(Event("order", user, at, new { amount = random.Next(5, 120) }));
                }
                requests.Add(Request(at, random));
            }
        }
        // The realtime window is the last five minutes: a dozen people busy right now.
        for (var index = 0; index < 60; index++)
        {
            var at = now.AddSeconds(-random.Next(5, 240));
            events.Add(Event("$pageview", $"user-{random.Next(12)}", at));
            requests.Add(Request(at, random));
        }

        using var client = server.CreateIngestClient();
        foreach (var chunk in events.Chunk(1000))
        {
            await client.PostEventsAsync(chunk);
        }
        foreach (var chunk in requests.Chunk(1000))
        {
            using var response = await client.PostAsync("v1/requests", Json.Body(new { requests = chunk }));
            Assert.True(response.IsSuccessStatusCode, $"POST /v1/requests answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    private static DateTimeOffset Within(DateTimeOffset hour, DateTimeOffset now, Random random)
    {
        var at = hour.AddSeconds(random.Next(3600));
        return at < now ? at : now.AddSeconds(-random.Next(1, 60));
    }

    private static object Event(string name, string user, DateTimeOffset at, object? properties = null) =>
        new { @event = name, distinct_id = user, timestamp = at.ToString("O"), properties };

    private static object Request(DateTimeOffset at, Random random)
    {
        var route = Routes[random.Next(Routes.Length)].Split(' ');
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        var gaussian = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        return new
        {
            timestamp = at.ToString("O"),
            method = route[0],
            route = route[1],
            status = random.NextDouble() < 0.004 ? 500 : 200,
            duration_ms = Math.Round(Math.Exp(4.9 + 0.55 * gaussian), 1),
        };
    }
}
