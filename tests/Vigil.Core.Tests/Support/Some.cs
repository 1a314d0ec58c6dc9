using System.Text;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Vigil.Core.Ingest;
using Vigil.Core.Ingest.Otlp.Proto.Collector.Trace;
using Vigil.Core.Ingest.Otlp.Proto.Common;
using Vigil.Core.Ingest.Otlp.Proto.Trace;

namespace Vigil.Core.Tests.Support;

/// <summary>Test data: valid by default, so a test states only what it is about.</summary>
internal static class Some
{
    public const long ProjectId = 42;

    /// <summary>The server's clock in ingestion tests.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    public static TimeZoneInfo Zone(string ianaId) => TimeZoneInfo.FindSystemTimeZoneById(ianaId);

    public static DateTimeOffset Utc(int year, int month, int day, int hour = 0, int minute = 0, int second = 0) =>
        new(year, month, day, hour, minute, second, TimeSpan.Zero);

    public static JsonObject EventItem(string name = "signup", string distinctId = "user-1") => new()
    {
        ["event"] = name,
        ["distinct_id"] = distinctId,
        ["timestamp"] = "2026-11-21T18:00:00+09:00",
        ["properties"] = new JsonObject { ["plan"] = "pro" },
    };

    public static JsonObject RequestItem() => new()
    {
        ["timestamp"] = "2026-11-21T11:30:00Z",
        ["method"] = "get",
        ["route"] = "/api/users/{id}",
        ["status"] = 200,
        ["duration_ms"] = 12.5,
    };

    public static byte[] EventsBody(params JsonNode?[] items) => Body("events", items);

    public static byte[] RequestsBody(params JsonNode?[] items) => Body("requests", items);

    public static byte[] Body(string arrayName, IEnumerable<JsonNode?> items)
    {
        var array = new JsonArray();
        foreach (var item in items)
        {
            array.Add(item);
        }
        return Encoding.UTF8.GetBytes(new JsonObject { [arrayName] = array }.ToJsonString());
    }

    public static ProductEvent ProductEvent(
        DateTimeOffset timestamp,
        string name = "signup",
        string distinctId = "user-1",
        long projectId = ProjectId,
        params (string Name, string Value)[] breakdownValues) =>
        new(projectId, name, distinctId, timestamp, "{}", breakdownValues.Select(pair => KeyValuePair.Create(pair.Name, pair.Value)).ToList());

    public static RequestSample Request(DateTimeOffset timestamp, int status = 200, double durationMs = 10, long projectId = ProjectId) =>
        new(projectId, timestamp, "GET", "/api/users/{id}", status, durationMs);

    /// <summary>
    /// An HTTP server span as the OpenTelemetry .NET SDK exports one (stable semantic conventions): GET /api/users/{id},
    /// 200, 120 ms, ending one minute before <see cref="Now"/>. Attributes given replace those of the same key.
    /// </summary>
    public static Span ServerSpan(params (string Key, object? Value)[] attributes)
    {
        var end = Now.AddMinutes(-1);
        var span = new Span
        {
            TraceId = ByteString.CopyFrom(Convert.FromHexString("5b8efff798038103d269b633813fc60c")),
            SpanId = ByteString.CopyFrom(Convert.FromHexString("eee19b7ec3c1b174")),
            Name = "GET /api/users/{id}",
            Kind = Span.Types.SpanKind.Server,
            StartTimeUnixNano = UnixNanoseconds(end.AddMilliseconds(-120)),
            EndTimeUnixNano = UnixNanoseconds(end),
        };
        var merged = new Dictionary<string, object?>
        {
            ["http.request.method"] = "GET",
            ["http.route"] = "/api/users/{id}",
            ["url.path"] = "/api/users/7",
            ["http.response.status_code"] = 200L,
        };
        foreach (var (key, value) in attributes)
        {
            merged[key] = value;
        }
        foreach (var (key, value) in merged)
        {
            if (value is not null)
            {
                span.Attributes.Add(Attribute(key, value));
            }
        }
        return span;
    }

    public static KeyValue Attribute(string key, object value) => new()
    {
        Key = key,
        Value = value switch
        {
            string text => new AnyValue { StringValue = text },
            long number => new AnyValue { IntValue = number },
            int number => new AnyValue { IntValue = number },
            double number => new AnyValue { DoubleValue = number },
            bool flag => new AnyValue { BoolValue = flag },
            _ => throw new ArgumentException($"No AnyValue for {value.GetType()}", nameof(value)),
        },
    };

    /// <summary>One resource with one scope holding the spans.</summary>
    public static ExportTraceServiceRequest TraceExport(params Span[] spans) => new()
    {
        ResourceSpans =
        {
            new ResourceSpans
            {
                Resource = new() { Attributes = { Attribute("service.name", "shop-api") } },
                ScopeSpans = { new ScopeSpans { Scope = new() { Name = "Microsoft.AspNetCore" }, Spans = { spans } } },
            },
        },
    };

    public static ulong UnixNanoseconds(DateTimeOffset time) => (ulong)(time - DateTimeOffset.UnixEpoch).Ticks * TimeSpan.NanosecondsPerTick;
}
