using System.IO.Compression;
using System.Net;
using System.Text;
using Vigil.Tests.Support;

namespace Vigil.Tests.Ingest;

public abstract class IngestEndpointsTests(Backend backend) : ServerTests(backend, Now)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 5, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task PostEvents_ValidAndInvalidItems_AcceptsValidAndRejectsEachInvalidWithIndexFieldAndReason()
    {
        using var response = await Ingest.PostAsync("v1/events", Json.Raw($$$"""
            {"events":[
              {"event":"signup","distinct_id":"u_1","timestamp":"2026-11-21T05:00:00Z","properties":{"plan":"pro"}},
              {"event":"signup","timestamp":"2026-11-21T05:00:00Z"},
              {"event":"signup","distinct_id":"u_2","timestamp":"{{{Now.AddDays(-31):O}}}"},
              {"event":"signup","distinct_id":"u_3","timestamp":"{{{Now.AddHours(2):O}}}"},
              {"event":"signup","distinct_id":"u_4","timestamp":"2026-11-21T05:00:00"},
              {"event":"$pageview","distinct_id":"u_5"}
            ]}
            """));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.ReadAsync();
        Assert.Equal(2, (int)answer["accepted"]!);
        var rejected = answer["rejected"]!.AsArray();
        Assert.Equal([1, 2, 3, 4], rejected.Select(item => (int)item!["index"]!));
        Assert.Equal(["distinct_id", "timestamp", "timestamp", "timestamp"], rejected.Select(item => (string)item!["field"]!));
        Assert.Contains("30 days", (string)rejected[1]!["error"]!);
        Assert.Contains("ahead", (string)rejected[2]!["error"]!);
        Assert.Contains("offset", (string)rejected[3]!["error"]!);
    }

    [Fact]
    public async Task PostEvents_Accepted_AreCountedWhenTheAnswerArrives()
    {
        await Ingest.PostEventsAsync(new { @event = "signup", distinct_id = "u_1" }, new { @event = "signup", distinct_id = "u_2" });
        await Server.WaitUntilStoredAsync();

        var realtime = await Admin.GetJsonAsync($"api/projects/{Server.ProjectId}/realtime");
        Assert.Equal(2, (long)realtime["signups"]!);
        Assert.Equal(2, (long)realtime["activeUsers"]!);
    }

    [Fact]
    public async Task PostEvents_BadJson_Is400ProblemNamingTheBody()
    {
        using var response = await Ingest.PostAsync("v1/events", Json.Raw("{\"events\":[{\"event\":"));

        await Json.AssertProblemAsync(response, 400, "body");
    }

    [Fact]
    public async Task PostEvents_EventsNotAnArray_Is400ProblemNamingEvents()
    {
        using var response = await Ingest.PostAsync("v1/events", Json.Raw("{\"events\":{}}"));

        await Json.AssertProblemAsync(response, 400, "events");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("vgi_unknown")]
    public async Task PostEvents_MissingOrUnknownKey_Is401Problem(string? key)
    {
        using var client = Server.CreateClient(key);

        using var response = await client.PostAsync("v1/events", Json.Raw("{\"events\":[]}"));

        await Json.AssertProblemAsync(response, 401, "authorization");
    }

    [Fact]
    public async Task PostEvents_AdminTokenInsteadOfIngestKey_Is401Problem()
    {
        using var response = await Admin.PostAsync("v1/events", Json.Raw("{\"events\":[]}"));

        await Json.AssertProblemAsync(response, 401, "authorization");
    }

    [Fact]
    public async Task PostEvents_KeyInQueryString_IsAcceptedForSendBeacon()
    {
        using var response = await Anonymous.PostAsync($"v1/events?key={Server.IngestKey}", new StringContent("{\"events\":[{\"event\":\"$pageview\",\"distinct_id\":\"u\"}]}", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (int)(await response.ReadAsync())["accepted"]!);
    }

    [Fact]
    public async Task PostEvents_BodyOverOneMebibyte_Is413Problem()
    {
        var padding = new string('x', 1024 * 1024);

        using var response = await Ingest.PostAsync("v1/events", Json.Raw($"{{\"events\":[],\"padding\":\"{padding}\"}}"));

        await Json.AssertProblemAsync(response, 413, "body");
    }

    [Fact]
    public async Task PostEvents_GzipBodyOverOneMebibyteUnzipped_Is413Problem()
    {
        var json = $"{{\"events\":[],\"padding\":\"{new string('x', 2 * 1024 * 1024)}\"}}";

        using var response = await Ingest.PostAsync("v1/events", Gzip(json));

        await Json.AssertProblemAsync(response, 413, "body");
    }

    [Fact]
    public async Task PostEvents_GzipBody_IsAccepted()
    {
        using var response = await Ingest.PostAsync("v1/events", Gzip("{\"events\":[{\"event\":\"order\",\"distinct_id\":\"u\"}]}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (int)(await response.ReadAsync())["accepted"]!);
    }

    [Fact]
    public async Task PostEvents_MoreThanOneThousand_Is400ProblemNamingEvents()
    {
        var events = Enumerable.Range(0, 1001).Select(index => new { @event = "e", distinct_id = $"u{index}" }).ToArray();

        using var response = await Ingest.PostAsync("v1/events", Json.Body(new { events }));

        await Json.AssertProblemAsync(response, 400, "events");
    }

    [Fact]
    public async Task PostEvents_ExactlyOneThousand_AreAllAccepted()
    {
        var events = Enumerable.Range(0, 1000).Select(index => (object)new { @event = "e", distinct_id = $"u{index}" }).ToArray();

        var answer = await Ingest.PostEventsAsync(events);

        Assert.Empty(answer["rejected"]!.AsArray());
    }

    [Fact]
    public async Task PostRequests_ValidAndInvalidItems_AcceptsValidAndRejectsInvalid()
    {
        using var response = await Ingest.PostAsync("v1/requests", Json.Raw("""
            {"requests":[
              {"method":"GET","route":"/api/orders","status":200,"duration_ms":123.4},
              {"method":"GET","route":"/api/orders","status":700,"duration_ms":1},
              {"method":"GET","route":"/api/orders","status":200},
              {"method":"GET","status":200,"duration_ms":1}
            ]}
            """));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.ReadAsync();
        Assert.Equal(1, (int)answer["accepted"]!);
        Assert.Equal(["status", "duration_ms", "route"], answer["rejected"]!.AsArray().Select(item => (string)item!["field"]!));
    }

    [Fact]
    public async Task PostRequests_UnknownKey_Is401Problem()
    {
        using var client = Server.CreateClient("nope");

        using var response = await client.PostAsync("v1/requests", Json.Raw("{\"requests\":[]}"));

        await Json.AssertProblemAsync(response, 401, "authorization");
    }

    [Fact]
    public async Task Preflight_IngestEndpoint_AllowsAnyOrigin()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "v1/events");
        request.Headers.Add("Origin", "https://shop.example");
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");

        using var response = await Anonymous.SendAsync(request);

        Assert.True(response.IsSuccessStatusCode);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Fact]
    public async Task Preflight_AdminApi_GrantsNoCrossOriginAccess()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, $"api/projects/{Server.ProjectId}/realtime");
        request.Headers.Add("Origin", "https://shop.example");
        request.Headers.Add("Access-Control-Request-Method", "GET");

        using var response = await Anonymous.SendAsync(request);

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    private static ByteArrayContent Gzip(string json)
    {
        var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(json));
        }
        var content = new ByteArrayContent(compressed.ToArray());
        content.Headers.ContentType = new("application/json");
        content.Headers.ContentEncoding.Add("gzip");
        return content;
    }
}

public sealed class SqliteIngestEndpointsTests() : IngestEndpointsTests(Backend.Sqlite);

public sealed class PostgresClickHouseIngestEndpointsTests() : IngestEndpointsTests(Backend.PostgresClickHouse);
