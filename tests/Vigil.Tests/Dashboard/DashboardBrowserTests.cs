using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Vigil.Projects;
using Vigil.Tests.Support;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Vigil.Tests.Dashboard;

/// <summary>The dashboard in a real browser against a fresh installation: each test starts its own server and browser.</summary>
[Collection(Heavy.Collection)]
public sealed class DashboardBrowserTests(ITestOutputHelper output)
{
    private static readonly string[] TileKeys =
        ["activeUsers", "pageViews", "signups", "appsCreated", "orders", "errorRate", "avgResponseTime", "p95ResponseTime", "uptime"];

    [Fact]
    public async Task Dashboard_SignupSent_SignupsTileUpdatesWithoutReload()
    {
        await using var server = await VigilServer.StartAsync();
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync();
        await Browser.LogInAsync(page, server);

        foreach (var key in TileKeys)
        {
            await Expect(page.GetByTestId($"tile-{key}")).ToBeVisibleAsync();
        }
        await Expect(page.GetByTestId("tile-signups-value")).ToHaveTextAsync("0");
        await Expect(page.GetByTestId("tile-errorRate-value")).ToHaveTextAsync("—");
        await Expect(page.GetByTestId("snippet")).ToContainTextAsync($"/vigil.js\" data-key=\"{server.IngestKey}\"");
        // A reload would wipe this marker: the update must arrive through the open page.
        await page.EvaluateAsync("() => { window.__sameDocument = true; }");

        using var client = server.CreateIngestClient();
        using var response = await client.PostAsync("v1/events", Json.Raw("""{"events":[{"event":"signup","distinct_id":"u1"}]}"""));
        Assert.True(response.IsSuccessStatusCode);

        await Expect(page.GetByTestId("tile-signups-value")).ToHaveTextAsync("1", new() { Timeout = 10_000 });
        Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"), "the page was reloaded");
        await Expect(page.GetByTestId("getting-started")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-chart='signups'] canvas")).ToHaveCountAsync(1);
        await Browser.ScreenshotAsync(page, "dashboard-live-update", output);
    }

    [Fact]
    public async Task Login_WrongPassword_ShowsErrorAndStaysOnLogin()
    {
        await using var server = await VigilServer.StartAsync();
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync();

        await page.GotoAsync(new Uri(server.BaseAddress, "/projects/" + server.ProjectId).ToString());
        await page.GetByTestId("login-email").FillAsync(server.Email);
        await page.GetByTestId("login-password").FillAsync("not the password");
        await page.GetByTestId("login-submit").ClickAsync();

        await Expect(page.GetByTestId("login-error")).ToBeVisibleAsync();
        Assert.Equal("/login", new Uri(page.Url).AbsolutePath);
        await Browser.ScreenshotAsync(page, "login-error", output);
    }

    [Fact]
    public async Task LogOut_FromHeader_ReturnsToLoginAndLocksDashboard()
    {
        await using var server = await VigilServer.StartAsync();
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync();
        await Browser.LogInAsync(page, server);

        await page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();
        await Browser.ExpectAddressAsync(page, "/login([?#]|$)");
        await page.GotoAsync(new Uri(server.BaseAddress, "/projects/" + server.ProjectId).ToString());

        Assert.Equal("/login", new Uri(page.Url).AbsolutePath);
    }

    [Fact]
    public async Task ProjectSwitcher_OtherProjectChosen_OpensItsDashboard()
    {
        await using var server = await VigilServer.StartAsync();
        using var admin = server.CreateAdminClient();
        using var created = await admin.PostAsync("api/projects", Json.Body(new { name = "Second app", timeZone = "Europe/Berlin" }));
        var secondId = (long)(await created.ReadAsync())["id"]!;
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync();
        // Logging in waits for DOMContentLoaded, which comes after deferred scripts have run: site.js, which navigates
        // when the switcher changes, is listening.
        await Browser.LogInAsync(page, server);

        await page.GetByTestId("project-switcher").SelectOptionAsync(new SelectOptionValue { Label = "Second app" });

        await Browser.ExpectAddressAsync(page, $"/projects/{secondId}([?#]|$)");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Second app");
        await Expect(page.GetByText("Europe/Berlin")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task LanguageSwitch_ToKorean_LabelsTurnKoreanAndStay()
    {
        await using var server = await VigilServer.StartAsync();
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync();
        await Browser.LogInAsync(page, server);
        await Expect(page.GetByTestId("tile-signups")).ToContainTextAsync("Signups");

        await page.GetByTestId("language-switch").ClickAsync();

        await Expect(page.GetByTestId("tile-signups")).ToContainTextAsync("가입");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ko");
        await page.ReloadAsync();
        await Expect(page.GetByTestId("tile-activeUsers")).ToContainTextAsync("활성 사용자");
        await Browser.ScreenshotAsync(page, "dashboard-korean", output);
    }

    [Fact]
    public async Task Settings_RenamedKeyEvent_IsSavedAndCountedOnTheDashboard()
    {
        await using var server = await VigilServer.StartAsync();
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync();
        await Browser.LogInAsync(page, server);

        await page.GetByRole(AriaRole.Link, new() { Name = "Settings" }).ClickAsync();
        await Expect(page.GetByTestId("ingest-keys")).ToContainTextAsync(server.IngestKey);
        await page.GetByTestId("settings-event-appCreated").FillAsync("event_created");
        await page.GetByTestId("settings-target-responseTime").FillAsync("800");
        await page.GetByTestId("settings-save").ClickAsync();

        await Expect(page.GetByTestId("settings-saved")).ToBeVisibleAsync();
        var project = await server.Services.GetRequiredService<ProjectDirectory>().FindProjectAsync(server.ProjectId, CancellationToken.None);
        Assert.Equal("event_created", project!.KeyEvents.AppCreated);
        Assert.Equal(800, project.Targets.MaxResponseTimeMs);

        using var client = server.CreateIngestClient();
        await client.PostEventsAsync(new { @event = "event_created", distinct_id = "u1" });
        await page.GetByRole(AriaRole.Link, new() { Name = "Dashboard" }).ClickAsync();
        await Expect(page.GetByTestId("tile-appsCreated-value")).ToHaveTextAsync("1", new() { Timeout = 10_000 });
        await Expect(page.GetByTestId("tile-avgResponseTime")).ToContainTextAsync("< 800 ms");
    }

    [Fact]
    public async Task Settings_InvalidValues_ShowFieldErrorsAndSaveNothing()
    {
        await using var server = await VigilServer.StartAsync();
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync();
        await Browser.LogInAsync(page, server);
        await page.GotoAsync(new Uri(server.BaseAddress, $"/projects/{server.ProjectId}/settings").ToString());

        await page.GetByTestId("settings-name").FillAsync("   ");
        await page.GetByTestId("settings-health-url").FillAsync("ftp://example.com");
        // The browser's own checks would stop the form first; the server must hold up without them.
        await page.Locator("[data-testid='settings-form']").EvaluateAsync("form => form.noValidate = true");
        await page.GetByTestId("settings-save").ClickAsync();

        await Expect(page.GetByTestId("settings-errors")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("error-name")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("error-healthUrl")).ToBeVisibleAsync();
        var project = await server.Services.GetRequiredService<ProjectDirectory>().FindProjectAsync(server.ProjectId, CancellationToken.None);
        Assert.Equal(Bootstrap.FirstProjectName, project!.Name);
    }

    [Fact]
    public async Task NewProject_EmptyThenValidName_ShowsErrorThenOpensNewDashboard()
    {
        await using var server = await VigilServer.StartAsync();
        using var admin = server.CreateAdminClient();
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync();
        await Browser.LogInAsync(page, server);

        await page.GetByTestId("new-project-link").ClickAsync();
        await Browser.ExpectAddressAsync(page, "/projects/new([?#]|$)");
        await Expect(page).ToHaveTitleAsync(new Regex("^New project"));
        await Expect(page.GetByTestId("new-project-time-zone")).ToHaveValueAsync("Asia/Seoul");
        // Blanks pass the browser's own "required" check; the server must refuse them.
        await page.GetByTestId("new-project-name").FillAsync("   ");
        await page.GetByTestId("new-project-create").ClickAsync();

        await Expect(page.GetByTestId("new-project-errors")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("error-name")).ToBeVisibleAsync();
        Assert.Single((await admin.GetJsonAsync("api/projects")).AsArray());

        await page.GetByTestId("new-project-name").FillAsync("Scheduler");
        await page.GetByTestId("new-project-time-zone").FillAsync("Europe/Berlin");
        await page.GetByTestId("new-project-create").ClickAsync();

        await Browser.ExpectAddressAsync(page, "/projects/[0-9]+([?#]|$)");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Scheduler");
        var newId = long.Parse(new Uri(page.Url).AbsolutePath["/projects/".Length..], CultureInfo.InvariantCulture);
        var created = (await admin.GetJsonAsync("api/projects")).AsArray().Single(project => (long)project!["id"]! == newId)!;
        Assert.Equal("Scheduler", (string?)created["name"]);
        Assert.Equal("Europe/Berlin", (string?)created["timeZone"]);
    }
}
