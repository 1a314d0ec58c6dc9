using System.Net;
using System.Text.Json.Nodes;
using Vigil.Tests.Support;

namespace Vigil.Tests.Dashboard;

/// <summary>The dashboard's pages, files and live stream over plain HTTP, with no browser in between.</summary>
public sealed class DashboardHttpTests() : ServerTests(Backend.Sqlite)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/projects/1")]
    [InlineData("/projects/1/settings")]
    [InlineData("/projects/1/alerts")]
    [InlineData("/projects/1/live")]
    public async Task Page_WithoutLogin_RedirectsToLogin(string path)
    {
        using var client = NewClient(new CookieContainer());

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login", response.Headers.Location!.AbsolutePath);
        Assert.Contains("ReturnUrl=" + Uri.EscapeDataString(path), response.Headers.Location.Query);
    }

    [Theory]
    [InlineData("/lib/echarts/echarts.min.js", "text/javascript")]
    [InlineData("/js/dashboard.js", "text/javascript")]
    [InlineData("/js/site.js", "text/javascript")]
    [InlineData("/css/vigil.css", "text/css")]
    [InlineData("/favicon.svg", "image/svg+xml")]
    public async Task StaticFile_FromWebRoot_IsServedWithoutLogin(string path, string mediaType)
    {
        using var client = NewClient(new CookieContainer());

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Content.Headers.ContentLength > 0);
    }

    [Fact]
    public async Task Dashboard_LinksAssetsWithContentHashes()
    {
        using var client = await LogInAsync();

        var html = await client.GetStringAsync($"/projects/{Server.ProjectId}");

        Assert.Matches(@"src=""lib/echarts/echarts\.min\.js\?v=[0-9a-f]{12}""", html);
        Assert.Matches(@"href=""css/vigil\.css\?v=[0-9a-f]{12}""", html);
        Assert.Contains("data-testid=\"tile-uptime-value\"", html);
    }

    [Fact]
    public async Task Settings_LoggedIn_ShowsTheSentryDsnOfTheIngestKey()
    {
        using var client = await LogInAsync();

        var html = await client.GetStringAsync($"/projects/{Server.ProjectId}/settings");

        var dsn = $"http://{Server.IngestKey}@{Server.BaseAddress.Authority}/{Server.ProjectId}";
        Assert.Contains($"<code>{dsn}</code>", html);
        Assert.Contains($"data-copy=\"{dsn}\"", html);
    }

    [Fact]
    public async Task Language_ChosenWithOffSiteReturnUrl_SetsCookieAndGoesHome()
    {
        using var client = NewClient(new CookieContainer());

        using var response = await client.GetAsync("/language/ko?returnUrl=" + Uri.EscapeDataString("https://elsewhere.example/"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), cookie => cookie.StartsWith("vigil_lang=ko", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LiveStream_LoggedIn_FirstMessageHasTilesAndCharts()
    {
        using var client = await LogInAsync();

        using var response = await client.GetAsync($"/projects/{Server.ProjectId}/live?range=7d", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        Assert.Equal("event: update", await reader.ReadLineAsync());
        var data = JsonNode.Parse((await reader.ReadLineAsync())!["data: ".Length..])!;

        Assert.False((bool)data["hasData"]!);
        Assert.Contains("data-testid=\"tile-signups-value\"", (string)data["tiles"]!);
        Assert.Equal("7d", (string)data["charts"]!["range"]!);
        Assert.Equal(168, data["charts"]!["traffic"]!["labels"]!.AsArray().Count);
        Assert.Equal(7, data["charts"]!["signups"]!["values"]!.AsArray().Count);
    }

    [Fact]
    public async Task LogOut_WithoutAntiforgeryToken_IsRefused()
    {
        using var client = await LogInAsync();

        using var response = await client.PostAsync("/logout", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private HttpClient NewClient(CookieContainer cookies) =>
        new(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = Server.BaseAddress };

    private Task<HttpClient> LogInAsync() => PageSession.LogInAsync(Server);
}
