using System.Buffers;
using System.Text.Json;

namespace Vigil.Bench;

/// <summary>Request bodies for the ingestion API with varied names, users, properties and timestamps.</summary>
internal static class BodyFactory
{
    private static readonly (string Name, double Weight)[] EventNames =
    [
        ("$pageview", 0.84), ("signup", 0.05), ("app_created", 0.03), ("order", 0.02), ("search", 0.04), ("share", 0.02),
    ];

    private static readonly string[] Paths = ["/", "/pricing", "/docs", "/signup", "/dashboard", "/apps/new", "/orders", "/checkout"];
    private static readonly string[] Platforms = ["web", "web", "web", "ios", "android"];
    private static readonly (string Method, string Route)[] Routes =
    [
        ("GET", "/api/orders"), ("GET", "/api/apps"), ("GET", "/api/me"), ("POST", "/api/orders"), ("POST", "/api/apps"), ("POST", "/api/auth/login"),
    ];

    public static byte[] Events(Random random, int count, DateTimeOffset from, TimeSpan span, int users)
    {
        var buffer = new ArrayBufferWriter<byte>(count * 180);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("events");
            for (var index = 0; index < count; index++)
            {
                var name = PickName(random);
                writer.WriteStartObject();
                writer.WriteString("event", name);
                writer.WriteString("distinct_id", $"u_{random.Next(users)}");
                writer.WriteString("timestamp", (from + span * random.NextDouble()).UtcDateTime);
                writer.WriteStartObject("properties");
                switch (name)
                {
                    case "signup":
                        var plan = random.NextDouble();
                        writer.WriteString("plan", plan < 0.78 ? "Basic" : plan < 0.98 ? "Pro" : "Enterprise");
                        break;
                    case "order":
                        writer.WriteNumber("amount", 9_900 * (1 + random.Next(100)));
                        writer.WriteString("currency", "KRW");
                        break;
                    default:
                        writer.WriteString("path", Paths[random.Next(Paths.Length)]);
                        break;
                }

                writer.WriteString("platform", Platforms[random.Next(Platforms.Length)]);
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] Requests(Random random, int count, DateTimeOffset from, TimeSpan span)
    {
        var buffer = new ArrayBufferWriter<byte>(count * 120);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("requests");
            for (var index = 0; index < count; index++)
            {
                var (method, route) = Routes[random.Next(Routes.Length)];
                var gaussian = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
                writer.WriteStartObject();
                writer.WriteString("timestamp", (from + span * random.NextDouble()).UtcDateTime);
                writer.WriteString("method", method);
                writer.WriteString("route", route);
                writer.WriteNumber("status", random.NextDouble() < 0.003 ? 500 : 200);
                writer.WriteNumber("duration_ms", Math.Round(120 * Math.Exp(0.55 * gaussian), 1));
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static string PickName(Random random)
    {
        var draw = random.NextDouble();
        foreach (var (name, weight) in EventNames)
        {
            draw -= weight;
            if (draw < 0)
            {
                return name;
            }
        }

        return EventNames[0].Name;
    }
}
