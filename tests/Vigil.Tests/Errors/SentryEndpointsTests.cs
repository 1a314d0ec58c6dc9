using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Ingest;
using Vigil.Tests.Support;

namespace Vigil.Tests.Errors;

/// <summary>Sentry envelopes and store requests into issues, on a real server and each backend, read back through the issues API.</summary>
public abstract class SentryEndpointsTests(Backend backend) : ServerTests(backend, Now)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 5, 30, 0, TimeSpan.Zero);

    private string Issues => $"api/projects/{Server.ProjectId}/issues";

    private string Envelope => $"api/{Server.ProjectId}/envelope/";

    [Fact]
    public async Task PostEnvelope_SameBugForTwoUsersAndAMessage_TwoIssuesWithCountsAndUsers()
    {
        var first = await PostAsync(Envelope + KeyQuery, NodeEnvelope("0f3b8e7a1c2d4e5f8a9b0c1d2e3f4a5b", "user-1", line: 62, Now.AddMinutes(-10)));
        await PostAsync(Envelope + KeyQuery, NodeEnvelope("1f3b8e7a1c2d4e5f8a9b0c1d2e3f4a5b", "user-2", line: 64, Now.AddMinutes(-5)));
        await PostAsync(Envelope + KeyQuery, EnvelopeOf(null, """{"message":"Payment provider timed out after 3000 ms","level":"warning","user":{"id":"user-1"}}"""));
        await Server.WaitUntilStoredAsync();

        Assert.Equal("0f3b8e7a1c2d4e5f8a9b0c1d2e3f4a5b", (string?)first["id"]);
        var issues = (await Admin.GetJsonAsync(Issues)).AsArray().ToDictionary(issue => (string)issue!["title"]!);
        Assert.Equal(["Payment provider timed out after 3000 ms", "TypeError: Cannot read properties of undefined (reading 'reduce')"], issues.Keys.Order(StringComparer.Ordinal));
        var typeError = issues["TypeError: Cannot read properties of undefined (reading 'reduce')"]!;
        Assert.Equal((2L, 2L, "orderTotal (checkout)"), ((long)typeError["count"]!, (long)typeError["users"]!, (string?)typeError["culprit"]));
        Assert.Equal((Now.AddMinutes(-10), Now.AddMinutes(-5)), ((DateTimeOffset)typeError["firstSeen"]!, (DateTimeOffset)typeError["lastSeen"]!));
        Assert.Equal((1L, 1L), ((long)issues["Payment provider timed out after 3000 ms"]!["count"]!, (long)issues["Payment provider timed out after 3000 ms"]!["users"]!));

        var detail = await Admin.GetJsonAsync($"{Issues}/{(string)typeError["fingerprint"]!}");
        var sample = detail["samples"]!.AsArray()[0]!;
        Assert.Equal(("sentry", "user-2", "shop@1.4.2", "d7c8422a94a743f5b67c68a460a1d451"),
            ((string?)sample["source"], (string?)sample["distinctId"], (string?)sample["release"], (string?)sample["traceId"]));
        // The newest occurrence's own frames, down to the line it was reached from.
        Assert.Equal((64, "orderTotal"), ((int)sample["frames"]!.AsArray()[1]!["line"]!, (string?)sample["frames"]!.AsArray()[^1]!["function"]));
    }

    [Fact]
    public async Task PostStore_PythonEventWithTheAuthHeader_StoredAndAnsweredWithItsId()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/{Server.ProjectId}/store/")
        {
            Content = new StringContent(PythonEvent, Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("X-Sentry-Auth", $"Sentry sentry_version=7, sentry_client=sentry.python/2.19.0, sentry_key={Server.IngestKey}");

        var answer = await SendAsync(request);
        await Server.WaitUntilStoredAsync();

        Assert.Equal("5c6a1b7de2f04a4c9a5b0d4f9c3e2a10", (string?)answer["id"]);
        var issue = (await Admin.GetJsonAsync(Issues)).AsArray().Single()!;
        Assert.Equal(("ZeroDivisionError: division by zero", "average_price (shop.pricing)", 1L), ((string?)issue["title"], (string?)issue["culprit"], (long)issue["users"]!));
    }

    [Theory]
    [InlineData("query")]
    [InlineData("x-sentry-auth")]
    [InlineData("authorization")]
    [InlineData("dsn")]
    public async Task PostEnvelope_KeyWhereverSdksPutIt_Accepted(string where)
    {
        var dsn = where == "dsn" ? $"http://{Server.IngestKey}@127.0.0.1/{Server.ProjectId}" : null;
        using var request = new HttpRequestMessage(HttpMethod.Post, where == "query" ? Envelope + KeyQuery : Envelope.TrimEnd('/'))
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(EnvelopeOf(dsn, """{"message":"hello"}"""))),
        };
        var header = $"Sentry sentry_key={Server.IngestKey}, sentry_version=7";
        if (where != "query" && where != "dsn")
        {
            request.Headers.TryAddWithoutValidation(where, header);
        }

        await SendAsync(request);
        await Server.WaitUntilStoredAsync();

        Assert.Equal(1L, (long)(await Admin.GetJsonAsync(Issues)).AsArray().Single()!["count"]!);
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("deflate")]
    [InlineData("br")]
    public async Task PostEnvelope_Compressed_Decompressed(string encoding)
    {
        var bytes = Encoding.UTF8.GetBytes(NodeEnvelope("2f3b8e7a1c2d4e5f8a9b0c1d2e3f4a5b", "user-1", 62, Now.AddMinutes(-1)));
        using var compressed = new MemoryStream();
        await using (Stream compressor = encoding switch
        {
            "gzip" => new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true),
            "deflate" => new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true),
            _ => new BrotliStream(compressed, CompressionLevel.Fastest, leaveOpen: true),
        })
        {
            await compressor.WriteAsync(bytes);
        }
        var content = new ByteArrayContent(compressed.ToArray());
        content.Headers.ContentEncoding.Add(encoding);

        await PostAsync(Envelope + KeyQuery, content);
        await Server.WaitUntilStoredAsync();

        Assert.Equal("orderTotal (checkout)", (string?)(await Admin.GetJsonAsync(Issues)).AsArray().Single()!["culprit"]);
    }

    [Fact]
    public async Task PostEnvelope_OnlyTransactionsSessionsAndReports_AcknowledgedAndNothingKept()
    {
        var body = """
            {"event_id":"aa3ff046696b4bc6b609ce6d28fde9e2"}
            {"type":"transaction"}
            {"type":"transaction","transaction":"GET /orders","start_timestamp":1795239000.1,"timestamp":1795239000.5,"spans":[]}
            {"type":"session"}
            {"sid":"7c7b6585f4c4441a8e1dbc2e0e5e4a11","status":"ok","errors":0,"started":"2026-11-21T05:29:00Z"}
            {"type":"client_report"}
            {"timestamp":1795239000,"discarded_events":[]}
            """.ReplaceLineEndings("\n");

        var answer = await PostAsync(Envelope + KeyQuery, body);
        await Server.WaitUntilStoredAsync();

        Assert.Equal("aa3ff046696b4bc6b609ce6d28fde9e2", (string?)answer["id"]);
        Assert.Empty((await PostAsync(Envelope + KeyQuery, "{}\n{\"type\":\"client_report\"}\n{\"discarded_events\":[]}")).AsObject());
        Assert.Empty((await Admin.GetJsonAsync(Issues)).AsArray());
    }

    [Fact]
    public async Task PostEnvelope_StorageUnavailable_Is503WithRetryAfter()
    {
        // A stopped writer takes no more writes: what a shutting-down node answers.
        await Server.Services.GetRequiredService<IngestWriter>().StopAsync(CancellationToken.None);

        using var response = await Anonymous.PostAsync(Envelope + KeyQuery, new StringContent(EnvelopeOf(null, """{"message":"hello"}""")));

        await Json.AssertProblemAsync(response, 503, "body");
        Assert.Equal("1", response.Headers.GetValues("Retry-After").Single());
    }

    [Fact]
    public async Task SentryEndpoints_MissingWrongOrForeignKey_RefusedWithProblems()
    {
        using var created = await Admin.PostAsync("api/projects", Json.Body(new { name = "Other app", timeZone = "UTC" }));
        var other = await created.ReadAsync();
        var otherKey = (string)other["ingestKeys"]!.AsArray()[0]!;
        var body = EnvelopeOf(null, """{"message":"hello"}""");

        await Json.AssertProblemAsync(await Anonymous.PostAsync(Envelope, new StringContent(body)), 401, "sentry_key");
        await Json.AssertProblemAsync(await Anonymous.PostAsync($"{Envelope}?sentry_key=vgi_nope", new StringContent(body)), 401, "sentry_key");
        await Json.AssertProblemAsync(await Anonymous.PostAsync($"{Envelope}?sentry_key={otherKey}", new StringContent(body)), 403, "projectId");
        await Json.AssertProblemAsync(await Anonymous.PostAsync($"api/{(long)other["id"]!}/store/{KeyQuery}", new StringContent(body)), 403, "projectId");
        var foreignDsn = EnvelopeOf($"http://{otherKey}@127.0.0.1/{(long)other["id"]!}", """{"message":"hello"}""");
        await Json.AssertProblemAsync(await Anonymous.PostAsync(Envelope, new StringContent(foreignDsn)), 403, "projectId");
        Assert.Empty((await Admin.GetJsonAsync(Issues)).AsArray());
    }

    [Fact]
    public async Task SentryEndpoints_BadOrOversizeBodies_ProblemsNamingTheField()
    {
        await Json.AssertProblemAsync(await Anonymous.PostAsync(Envelope + KeyQuery, new StringContent("not an envelope")), 400, "header");
        await Json.AssertProblemAsync(await Anonymous.PostAsync(Envelope + KeyQuery, new StringContent("{}\n{\"type\":\"attachment\",\"length\":99}\nshort")), 400, "items[0].length");
        await Json.AssertProblemAsync(await Anonymous.PostAsync(Envelope + KeyQuery, new StringContent(EnvelopeOf(null, """{"message":"x","level":"loud"}"""))), 400, "items[0].level");
        await Json.AssertProblemAsync(await Anonymous.PostAsync($"api/{Server.ProjectId}/store/{KeyQuery}", new StringContent("""{"exception":{"values":[{"type":5}]}}""")), 400, "exception.values[0].type");
        await Json.AssertProblemAsync(await Anonymous.PostAsync($"api/{Server.ProjectId}/store/{KeyQuery}", new StringContent("")), 400, "body");
        var gzipHeaderOnly = new ByteArrayContent("not gzip"u8.ToArray());
        gzipHeaderOnly.Headers.ContentEncoding.Add("gzip");
        await Json.AssertProblemAsync(await Anonymous.PostAsync(Envelope + KeyQuery, gzipHeaderOnly), 400, "body");
        var hugeEvent = EnvelopeOf(null, $$"""{"message":"{{new string('x', 1024 * 1024)}}"}""");
        await Json.AssertProblemAsync(await Anonymous.PostAsync(Envelope + KeyQuery, new StringContent(hugeEvent)), 413, "items[0]");
        await Json.AssertProblemAsync(await Anonymous.PostAsync(Envelope + KeyQuery, new ByteArrayContent(new byte[9 * 1024 * 1024])), 413, "body");
        Assert.Empty((await Admin.GetJsonAsync(Issues)).AsArray());
    }

    [Fact]
    public async Task PostEnvelope_PreflightFromAPage_OpenToAnyOrigin()
    {
        using var preflight = new HttpRequestMessage(HttpMethod.Options, Envelope);
        preflight.Headers.Add("Origin", "https://shop.example");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "content-type");

        using var response = await Anonymous.SendAsync(preflight);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    private string KeyQuery => $"?sentry_version=7&sentry_key={Server.IngestKey}&sentry_client=sentry.javascript.node%2F11.12.0";

    private static string EnvelopeOf(string? dsn, string eventJson)
    {
        var header = new JsonObject { ["sent_at"] = Now.ToString("O") };
        if (dsn is not null)
        {
            header["dsn"] = dsn;
        }
        return $"{header.ToJsonString()}\n{{\"type\":\"event\"}}\n{eventJson}\n";
    }

    // @sentry/node's envelope for a TypeError, as the SDK test sends it (context lines left out).
    private static string NodeEnvelope(string eventId, string user, int line, DateTimeOffset at) =>
        $$$"""{"event_id":"{{{eventId}}}","sent_at":"{{{at:O}}}","sdk":{"name":"sentry.javascript.node","version":"11.12.0"}}""" + "\n"
        + """{"type":"event"}""" + "\n"
        + $$$"""{"exception":{"values":[{"type":"TypeError","value":"Cannot read properties of undefined (reading 'reduce')","stacktrace":{"frames":[{"filename":"node:internal/modules/run_main","module":"run_main","function":"asyncRunEntryPointWithESMLoader","lineno":117,"colno":5,"in_app":false},{"filename":"/app/checkout.mjs","module":"checkout","function":"?","lineno":{{{line}}},"colno":1,"in_app":true},{"filename":"/app/checkout.mjs","module":"checkout","function":"checkout","lineno":44,"colno":12,"in_app":true},{"filename":"/app/checkout.mjs","module":"checkout","function":"orderTotal","lineno":39,"colno":22,"in_app":true}]},"mechanism":{"type":"generic","handled":true}}]},"event_id":"{{{eventId}}}","level":"error","platform":"node","contexts":{"trace":{"trace_id":"d7c8422a94a743f5b67c68a460a1d451","span_id":"b9d0c800cf65f017"}},"timestamp":{{{(at.ToUnixTimeMilliseconds() / 1000.0).ToString(CultureInfo.InvariantCulture)}}},"environment":"test","release":"shop@1.4.2","user":{"id":"{{{user}}}"}}""";

    private const string PythonEvent = """
        {"event_id":"5c6a1b7d-e2f0-4a4c-9a5b-0d4f9c3e2a10","timestamp":"2026-11-21T05:28:00.123456Z","level":"error","platform":"python",
         "exception":{"values":[{"type":"ZeroDivisionError","value":"division by zero","mechanism":{"type":"django","handled":false},
           "stacktrace":{"frames":[
             {"filename":"django/core/handlers/exception.py","function":"inner","module":"django.core.handlers.exception","lineno":55,"in_app":false},
             {"filename":"shop/views.py","function":"cart","module":"shop.views","lineno":18,"in_app":true},
             {"filename":"shop/pricing.py","function":"average_price","module":"shop.pricing","lineno":42,"in_app":true}]}}]},
         "user":{"email":"ada@example.com"},"release":"shop@2.0.0","environment":"production"}
        """;

    private Task<JsonNode> PostAsync(string path, string body) => PostAsync(path, new StringContent(body, Encoding.UTF8, "text/plain"));

    private async Task<JsonNode> PostAsync(string path, HttpContent content)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        return await SendAsync(request);
    }

    private async Task<JsonNode> SendAsync(HttpRequestMessage request)
    {
        using var response = await Anonymous.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{request.RequestUri} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.ReadAsync();
    }
}

public sealed class SqliteSentryEndpointsTests() : SentryEndpointsTests(Backend.Sqlite);

public sealed class PostgresClickHouseSentryEndpointsTests() : SentryEndpointsTests(Backend.PostgresClickHouse);
