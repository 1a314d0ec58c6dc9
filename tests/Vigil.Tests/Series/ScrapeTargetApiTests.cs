using System.Net;
using Vigil.Tests.Support;

namespace Vigil.Tests.Series;

/// <summary>
/// The scrape-target API on each backend's metadata store: what a target may be, each refusal a problem naming its
/// field, and DELETE within the project only. The targets point at a closed port: scraping them fails, which is not
/// what these tests look at.
/// </summary>
public abstract class ScrapeTargetApiTests(Backend backend) : ServerTests(backend)
{
    private const string ClosedPort = "http://127.0.0.1:9/metrics";

    private string Targets => $"api/projects/{Server.ProjectId}/scrape-targets";

    [Theory]
    [InlineData("{}", "url")]
    [InlineData("""{"url": "/metrics"}""", "url")]
    [InlineData("""{"url": "ftp://db-1/metrics"}""", "url")]
    [InlineData("""{"url": "not a url"}""", "url")]
    [InlineData("""{"url": "http://db-1:9187/metrics", "interval": "4s"}""", "interval")]
    [InlineData("""{"url": "http://db-1:9187/metrics", "interval": "often"}""", "interval")]
    [InlineData("""{"url": "http://db-1:9187/metrics", "interval": "-30s"}""", "interval")]
    [InlineData("""{"url": "http://db-1:9187/metrics", "bearerToken": ""}""", "bearerToken")]
    // Refused by the framework's JSON binding before the endpoint's checks: the problem still names the field.
    [InlineData("not json", "body")]
    [InlineData("""{"url": 5}""", "url")]
    [InlineData("""{"url": "http://db-1:9187/metrics", "interval": ["30s"]}""", "interval")]
    public async Task Add_BadTarget_400NamingTheFieldAndNothingAdded(string body, string field)
    {
        using var response = await Admin.PostAsync(Targets, Json.Raw(body));

        await Json.AssertProblemAsync(response, 400, field);
        Assert.Empty((await Admin.GetJsonAsync(Targets)).AsArray());
    }

    [Fact]
    public async Task Add_WithoutIntervalAndWithAToken_DefaultIntervalAndTheTokenIsNeverShown()
    {
        using var response = await Admin.PostAsync(Targets, Json.Body(new { url = ClosedPort, bearerToken = "s3cret-token" }));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.ReadAsync();
        Assert.Equal($"/{Targets}/{(long)created["id"]!}", response.Headers.Location!.OriginalString);
        var listed = Assert.Single((await Admin.GetJsonAsync(Targets)).AsArray())!;
        Assert.Equal((ClosedPort, "30s", true), ((string)listed["url"]!, (string)listed["interval"]!, (bool)listed["hasBearerToken"]!));
        Assert.DoesNotContain("s3cret-token", listed.ToJsonString());
        Assert.DoesNotContain("s3cret-token", created.ToJsonString());
    }

    [Fact]
    public async Task Add_BeyondOneHundredTargets_400NamingTheLimit()
    {
        for (var index = 0; index < 100; index++)
        {
            using var added = await Admin.PostAsync(Targets, Json.Body(new { url = $"{ClosedPort}?target={index}", interval = "1h" }));
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        }

        using var response = await Admin.PostAsync(Targets, Json.Body(new { url = ClosedPort, interval = "1h" }));

        await Json.AssertProblemAsync(response, 400, "url");
        Assert.Contains("100 scrape targets, its limit", (string)(await response.ReadAsync())["detail"]!);
        Assert.Equal(100, (await Admin.GetJsonAsync(Targets)).AsArray().Count);
    }

    [Fact]
    public async Task Delete_OnlyWithinItsProject_204ThenGone()
    {
        using var other = await Admin.PostAsync("api/projects", Json.Body(new { name = "Other app", timeZone = "UTC" }));
        var otherTargets = $"api/projects/{(long)(await other.ReadAsync())["id"]!}/scrape-targets";
        using var created = await Admin.PostAsync(Targets, Json.Body(new { url = ClosedPort, interval = "1h" }));
        var id = (long)(await created.ReadAsync())["id"]!;
        var target = $"{Targets}/{id}";
        var sameIdElsewhere = $"{otherTargets}/{id}";

        await Json.AssertProblemAsync(await Admin.DeleteAsync(sameIdElsewhere), 404, "targetId");
        Assert.Single((await Admin.GetJsonAsync(Targets)).AsArray());
        Assert.Equal(HttpStatusCode.NoContent, (await Admin.DeleteAsync(target)).StatusCode);
        Assert.Empty((await Admin.GetJsonAsync(Targets)).AsArray());
        await Json.AssertProblemAsync(await Admin.DeleteAsync(target), 404, "targetId");
    }

    [Fact]
    public async Task Targets_UnknownProjectOrNoLogin_Refused()
    {
        await Json.AssertProblemAsync(await Admin.GetAsync("api/projects/999/scrape-targets"), 404, "id");
        await Json.AssertProblemAsync(await Admin.PostAsync("api/projects/999/scrape-targets", Json.Body(new { url = ClosedPort })), 404, "id");
        await Json.AssertProblemAsync(await Admin.DeleteAsync("api/projects/999/scrape-targets/1"), 404, "targetId");
        Assert.Equal(HttpStatusCode.Unauthorized, (await Anonymous.GetAsync(Targets)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Ingest.PostAsync(Targets, Json.Body(new { url = ClosedPort }))).StatusCode);
    }
}

public sealed class SqliteScrapeTargetApiTests() : ScrapeTargetApiTests(Backend.Sqlite);

public sealed class PostgresClickHouseScrapeTargetApiTests() : ScrapeTargetApiTests(Backend.PostgresClickHouse);
