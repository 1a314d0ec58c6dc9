using System.Buffers;
using System.Text.Json;
using Google.Protobuf;
using Vigil.Core.Ingest.Otlp.Proto.Collector.Trace;
using Vigil.Core.Ingest.Otlp.Proto.Common;
using Vigil.Core.Ingest.Otlp.Proto.Resource;
using Vigil.Core.Ingest.Otlp.Proto.Trace;

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
                        writer.WriteString("plan", PickPlan(random));
                        break;
                    case "order":
                        writer.WriteNumber("amount", 9_900 * (1 + random.Next(100)));
                        writer.WriteString("currency", "KRW");
                        // Revenue and the KPIs break orders down by plan.
                        writer.WriteString("plan", PickPlan(random));
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

    /// <summary>A PostHog <c>/batch/</c> body as posthog-node sends it: the project key in the body, a send time for clock correction.</summary>
    public static byte[] PostHogBatch(Random random, int count, DateTimeOffset from, TimeSpan span, int users, string apiKey, DateTimeOffset sentAt)
    {
        var buffer = new ArrayBufferWriter<byte>(count * 260);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("api_key", apiKey);
            writer.WriteString("sent_at", sentAt.UtcDateTime);
            writer.WriteStartArray("batch");
            for (var index = 0; index < count; index++)
            {
                var name = PickName(random);
                writer.WriteStartObject();
                writer.WriteString("event", name);
                writer.WriteString("distinct_id", $"u_{random.Next(users)}");
                writer.WriteString("timestamp", (from + span * random.NextDouble()).UtcDateTime);
                writer.WriteStartObject("properties");
                writer.WriteString("$current_url", "https://shop.example" + Paths[random.Next(Paths.Length)]);
                writer.WriteString("$lib", "posthog-node");
                writer.WriteString("$lib_version", "5.70.0");
                writer.WriteString("platform", Platforms[random.Next(Platforms.Length)]);
                if (name == "signup")
                {
                    writer.WriteString("plan", random.NextDouble() < 0.8 ? "Basic" : "Pro");
                }
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// An OTLP/HTTP protobuf trace export as an instrumented HTTP service sends it: one resource, server spans with the
    /// stable HTTP attributes, each with a client child span (a database call) that Vigil acknowledges and does not keep.
    /// </summary>
    public static byte[] OtlpSpans(Random random, int serverSpans, DateTimeOffset from, TimeSpan span)
    {
        var scope = new ScopeSpans { Scope = new InstrumentationScope { Name = "Microsoft.AspNetCore", Version = "10.0.0" } };
        for (var index = 0; index < serverSpans; index++)
        {
            var (method, route) = Routes[random.Next(Routes.Length)];
            var gaussian = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            var durationNanos = (ulong)(120e6 * Math.Exp(0.55 * gaussian));
            var end = (ulong)(from + span * random.NextDouble()).ToUnixTimeMilliseconds() * 1_000_000;
            var traceId = RandomBytes(random, 16);
            var serverId = RandomBytes(random, 8);
            scope.Spans.Add(new Span
            {
                TraceId = traceId,
                SpanId = serverId,
                Name = $"{method} {route}",
                Kind = Span.Types.SpanKind.Server,
                StartTimeUnixNano = end - durationNanos,
                EndTimeUnixNano = end,
                Attributes =
                {
                    Text("http.request.method", method),
                    Text("http.route", route),
                    Text("url.path", route),
                    new KeyValue { Key = "http.response.status_code", Value = new AnyValue { IntValue = random.NextDouble() < 0.003 ? 500 : 200 } },
                },
            });
            scope.Spans.Add(new Span
            {
                TraceId = traceId,
                SpanId = RandomBytes(random, 8),
                ParentSpanId = serverId,
                Name = "SELECT shop",
                Kind = Span.Types.SpanKind.Client,
                StartTimeUnixNano = end - durationNanos / 2,
                EndTimeUnixNano = end - durationNanos / 4,
                Attributes = { Text("db.system", "postgresql") },
            });
        }

        var resource = new ResourceSpans { Resource = new Resource { Attributes = { Text("service.name", "shop-api") } } };
        resource.ScopeSpans.Add(scope);
        var request = new ExportTraceServiceRequest();
        request.ResourceSpans.Add(resource);
        return request.ToByteArray();
    }

    private static KeyValue Text(string key, string value) => new() { Key = key, Value = new AnyValue { StringValue = value } };

    private static ByteString RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return ByteString.CopyFrom(bytes);
    }

    private static string PickPlan(Random random)
    {
        var draw = random.NextDouble();
        return draw < 0.78 ? "Basic" : draw < 0.98 ? "Pro" : "Enterprise";
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
