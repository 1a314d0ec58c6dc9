using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vigil.Tests.Support;

public static class Json
{
    public static StringContent Body(object value) => new(JsonSerializer.Serialize(value), Encoding.UTF8, "application/json");

    public static StringContent Raw(string json) => new(json, Encoding.UTF8, "application/json");

    public static async Task<JsonNode> ReadAsync(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new InvalidOperationException("The answer had no JSON body.");

    public static async Task<JsonNode> GetJsonAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.ReadAsync();
    }

    public static Task<JsonNode> PostEventsAsync(this HttpClient client, params object[] events) => PostBatchAsync(client, "events", events);

    public static Task<JsonNode> PostRequestsAsync(this HttpClient client, params object[] requests) => PostBatchAsync(client, "requests", requests);

    public static Task<JsonNode> PostErrorsAsync(this HttpClient client, params object[] errors) => PostBatchAsync(client, "errors", errors);

    /// <summary>Posts a batch to /v1/{kind} and asserts that every item was accepted.</summary>
    private static async Task<JsonNode> PostBatchAsync(HttpClient client, string kind, object[] items)
    {
        using var response = await client.PostAsync($"v1/{kind}", Body(new Dictionary<string, object[]> { [kind] = items }));
        Assert.True(response.IsSuccessStatusCode, $"POST /v1/{kind} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var answer = await response.ReadAsync();
        Assert.Equal(items.Length, (int)answer["accepted"]!);
        return answer;
    }

    /// <summary>Replaces a project's health URL through the settings API, keeping every other setting.</summary>
    public static async Task SetHealthUrlAsync(this HttpClient admin, long projectId, string url)
    {
        var project = await admin.GetJsonAsync($"api/projects/{projectId}");
        var settings = new JsonObject
        {
            ["name"] = (string)project["name"]!,
            ["timeZone"] = (string)project["timeZone"]!,
            ["keyEvents"] = project["keyEvents"]!.DeepClone(),
            ["targets"] = project["targets"]!.DeepClone(),
            ["healthUrl"] = url,
        };
        using var response = await admin.PutAsync($"api/projects/{projectId}", Raw(settings.ToJsonString()));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    public static async Task AssertProblemAsync(HttpResponseMessage response, int status, string field)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(body)!;
        Assert.Equal(status, (int)problem["status"]!);
        Assert.False(string.IsNullOrWhiteSpace((string?)problem["detail"]), "a problem must say why");
        Assert.Equal(field, (string?)problem["field"]);
    }
}
