using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Vigil.Tests.Support;

namespace Vigil.Tests.Ingest.PostHog;

/// <summary>PostHog's capture API on a real Vigil (Kestrel on 127.0.0.1, its own SQLite file), in every way the SDKs send.</summary>
public sealed class PostHogEndpointsTests() : ServerTests(Backend.Sqlite, Now)
{
    // 14:30 in Seoul, the project's zone.
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 5, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task Batch_GzipBodyAsPostHogNodeSendsIt_IsOnTheDashboardWhenAnswered()
    {
        var body = $$"""
            {"api_key":"{{Server.IngestKey}}","batch":[
              {"distinct_id":"user-1","event":"$pageview","properties":{"$current_url":"https://shop.example/","$lib":"posthog-node"},"timestamp":"2026-11-21T05:29:00.000Z","uuid":"0193a7b4-0000-7000-8000-000000000001"},
              {"distinct_id":"user-1","event":"signup","properties":{"plan":"Pro","$lib":"posthog-node"},"timestamp":"2026-11-21T05:29:30.000Z","uuid":"0193a7b4-0000-7000-8000-000000000002"}
            ],"sent_at":"2026-11-21T05:30:00.000Z"}
            """;

        using var response = await Anonymous.PostAsync("batch/", Gzip(body, "application/json", contentEncoding: true));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.ReadAsync();
        Assert.Equal((1, 2), ((int)answer["status"]!, (int)answer["accepted"]!));
        var realtime = await Admin.GetJsonAsync($"api/projects/{Server.ProjectId}/realtime");
        Assert.Equal((1, 1, 1), ((long)realtime["pageViews"]!, (long)realtime["signups"]!, (long)realtime["activeUsers"]!));
        var plans = await Admin.GetJsonAsync($"api/projects/{Server.ProjectId}/breakdown?event=signup&by=plan");
        Assert.Equal("Pro", (string)plans["items"]![0]!["value"]!);
    }

    [Fact]
    public async Task E_GzipJsInTheQueryAsPostHogJsSendsIt_IsAccepted()
    {
        var sentAt = Now.AddMinutes(-10).ToUnixTimeMilliseconds();
        // posthog-js: a bare array, the key in the properties, its clock 10 minutes behind the server's.
        var body = $$"""[{"event":"$pageview","properties":{"token":"{{Server.IngestKey}}","distinct_id":"anon-1","$device_id":"anon-1","$current_url":"https://shop.example/"},"timestamp":"2026-11-21T05:19:00.000Z"}]""";

        using var response = await Anonymous.PostAsync($"e/?compression=gzip-js&_={sentAt}&ver=1.200.0", Gzip(body, "text/plain", contentEncoding: false));

        Assert.Equal(1, (int)(await response.ReadAsync())["accepted"]!);
        var minutes = await Admin.GetJsonAsync($"api/projects/{Server.ProjectId}/series?metric=pageViews&step=1m&from={Now.AddMinutes(-15):O}&to={Now:O}".Replace("+", "%2B"));
        var point = Assert.Single(minutes["points"]!.AsArray(), point => (long?)point!["value"] > 0);
        // Corrected for the client's clock: 05:19 by its clock was 05:29 by the server's.
        Assert.Equal(Now.AddMinutes(-1), DateTimeOffset.Parse((string)point!["time"]!, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task E_FormWithBase64Data_IsAccepted()
    {
        var json = $$$"""[{"event":"signup","properties":{"token":"{{{Server.IngestKey}}}","distinct_id":"u-form","plan":"Basic"}}]""";
        var form = new FormUrlEncodedContent([KeyValuePair.Create("data", Convert.ToBase64String(Encoding.UTF8.GetBytes(json)))]);

        using var response = await Anonymous.PostAsync("e/?compression=base64", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (int)(await response.ReadAsync())["accepted"]!);
    }

    [Fact]
    public async Task Capture_GetWithDataInTheQuery_IsAccepted()
    {
        var json = $$$"""{"api_key":"{{{Server.IngestKey}}}","event":"order","distinct_id":"u-get","properties":{"amount":1200}}""";

        using var response = await Anonymous.GetAsync($"capture/?data={Uri.EscapeDataString(Convert.ToBase64String(Encoding.UTF8.GetBytes(json)))}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (int)(await response.ReadAsync())["accepted"]!);
        Assert.Equal(1, (long)(await Admin.GetJsonAsync($"api/projects/{Server.ProjectId}/realtime"))["orders"]!);
    }

    [Theory]
    [InlineData("i/v0/e/")]
    [InlineData("i/v0/e")]
    [InlineData("capture/")]
    [InlineData("batch")]
    public async Task EveryCapturePath_WithOrWithoutTrailingSlash_TakesASingleEvent(string path)
    {
        using var response = await Anonymous.PostAsync(path, Json.Raw($$"""{"api_key":"{{Server.IngestKey}}","event":"event name","distinct_id":"user distinct id"}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (int)(await response.ReadAsync())["accepted"]!);
    }

    [Fact]
    public async Task Batch_InvalidEvents_AreRejectedWithIndexAndFieldAndTheRestStored()
    {
        using var response = await Anonymous.PostAsync("batch/", Json.Raw($$"""
            {"api_key":"{{Server.IngestKey}}","batch":[
              {"event":"signup","distinct_id":"u-1"},
              {"event":"signup"},
              {"event":"signup","distinct_id":"u-3","timestamp":"2026-10-01T00:00:00Z"}
            ]}
            """));

        var answer = await response.ReadAsync();
        Assert.Equal(1, (int)answer["accepted"]!);
        Assert.Equal([(1, "distinct_id"), (2, "timestamp")], answer["rejected"]!.AsArray().Select(item => ((int)item!["index"]!, (string)item["field"]!)));
    }

    [Theory]
    [InlineData("""{"api_key":"phc_not_a_vigil_key","event":"e","distinct_id":"u"}""")]
    [InlineData("""{"event":"e","distinct_id":"u"}""")]
    public async Task Capture_UnknownOrMissingKey_Is401ProblemNamingApiKey(string json)
    {
        using var response = await Anonymous.PostAsync("capture/", Json.Raw(json));

        await Json.AssertProblemAsync(response, 401, "api_key");
    }

    [Fact]
    public async Task Capture_AdminTokenAsApiKey_Is401()
    {
        using var response = await Anonymous.PostAsync("capture/", Json.Raw($$"""{"api_key":"{{Server.AdminToken}}","event":"e","distinct_id":"u"}"""));

        await Json.AssertProblemAsync(response, 401, "api_key");
    }

    [Fact]
    public async Task Batch_BadJson_Is400ProblemNamingTheBody()
    {
        using var response = await Anonymous.PostAsync("batch/", Json.Raw("""{"api_key":"k","batch":[{"event":"""));

        await Json.AssertProblemAsync(response, 400, "body");
    }

    [Fact]
    public async Task E_Lz64ThatIsNotLzString_Is400ProblemNamingData()
    {
        using var response = await Anonymous.PostAsync("e/?compression=lz64", new FormUrlEncodedContent([KeyValuePair.Create("data", "N4Ig*gpgtgzgBAcwg")]));

        await Json.AssertProblemAsync(response, 400, "data");
    }

    [Fact]
    public async Task Capture_GetWithoutData_Is400ProblemNamingData()
    {
        using var response = await Anonymous.GetAsync("capture/");

        await Json.AssertProblemAsync(response, 400, "data");
    }

    [Fact]
    public async Task Batch_BodyOverOneMebibyte_Is413SoPostHogNodeHalvesItsBatch()
    {
        using var response = await Anonymous.PostAsync("batch/", Json.Raw($"{{\"api_key\":\"k\",\"batch\":[],\"padding\":\"{new string('x', 1024 * 1024)}\"}}"));

        await Json.AssertProblemAsync(response, 413, "body");
    }

    [Theory]
    [InlineData("flags/?v=2&config=true")]
    [InlineData("decide/?v=4")]
    public async Task FeatureFlags_AreAnsweredEmpty(string path)
    {
        using var response = await Anonymous.PostAsync(path, Json.Raw($$"""{"token":"{{Server.IngestKey}}","distinct_id":"u"}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.ReadAsync();
        Assert.Empty(answer["featureFlags"]!.AsObject());
        Assert.Empty(answer["flags"]!.AsObject());
        Assert.False((bool)answer["errorsWhileComputingFlags"]!);
    }

    [Fact]
    public async Task Preflight_FromAWebPage_IsAllowedWithCredentials()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "e/?compression=gzip-js");
        request.Headers.Add("Origin", "https://shop.example");
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type");

        using var response = await Anonymous.SendAsync(request);

        Assert.True(response.IsSuccessStatusCode);
        Assert.Equal("https://shop.example", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal("true", response.Headers.GetValues("Access-Control-Allow-Credentials").Single());
    }

    private static ByteArrayContent Gzip(string text, string contentType, bool contentEncoding)
    {
        var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }
        var content = new ByteArrayContent(compressed.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        if (contentEncoding)
        {
            content.Headers.ContentEncoding.Add("gzip");
        }
        return content;
    }
}
