using System.Text;
using System.Text.Json.Nodes;
using Vigil.Core.Ingest;

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
}
