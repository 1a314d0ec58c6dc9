using Microsoft.Playwright;
using Vigil.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Vigil.Tests.Kpis;

/// <summary>
/// The KPI page in a real browser on a seeded project (Asia/Seoul): ten signups at 23:30 three local days ago, four
/// back at 00:30, six creating an app and three ordering.
/// </summary>
[Collection(Heavy.Collection)]
public sealed class KpisPageBrowserTests
{
    private static readonly TimeZoneInfo Seoul = TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul");

    [Fact]
    public async Task KpisPage_SeededProject_ShowsActiveUsersCohortsAndFunnel()
    {
        await using var server = await VigilServer.StartAsync();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Seoul).DateTime);
        var signupDay = today.AddDays(-3);
        var signupTime = new DateTimeOffset(signupDay.ToDateTime(new TimeOnly(23, 30)), TimeSpan.FromHours(9));
        using (var ingest = server.CreateIngestClient())
        {
            await ingest.PostEventsAsync(Enumerable.Range(0, 10).SelectMany(index => new[] { Event(index, "signup", signupTime) }
                .Concat(index < 4 ? [Event(index, "open", signupTime.AddHours(1))] : [])
                .Concat(index < 6 ? [Event(index, "app_created", signupTime.AddMinutes(5))] : [])
                .Concat(index < 3 ? [Event(index, "order", signupTime.AddMinutes(10))] : [])).ToArray());
        }
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync();
        await Browser.LogInAsync(page, server);

        await page.GetByTestId("nav-kpis").ClickAsync();

        await Browser.ExpectAddressAsync(page, $"/projects/{server.ProjectId}/kpis([?#]|$)");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Product KPIs");
        await Expect(page.GetByTestId("nav-kpis")).ToHaveClassAsync("active");
        await Expect(page.GetByTestId("kpi-mau-value")).ToHaveTextAsync("10");
        await Expect(page.GetByTestId("kpi-dau-chart").Locator("canvas")).ToHaveCountAsync(1);
        var cohort = page.GetByTestId("kpi-cohort");
        await Expect(cohort).ToHaveCountAsync(1);
        // Signup week, users, then day 1, day 7 (not come yet).
        await Expect(cohort.Locator("td").Nth(1)).ToHaveTextAsync("10");
        await Expect(cohort.Locator("td").Nth(2)).ToHaveTextAsync("40%");
        await Expect(cohort.Locator("td").Nth(3)).ToHaveTextAsync("—");
        await Expect(page.GetByTestId("kpi-funnel-users")).ToHaveTextAsync(["10", "6", "3"]);
        await Expect(page.GetByTestId("kpi-funnel-dropoff")).ToHaveTextAsync(["0", "4", "3"]);
        await Expect(page.GetByTestId("kpi-funnel-conversion-value")).ToHaveTextAsync("30%");
        var funnelCsv = $"/api/projects/{server.ProjectId}/kpis/funnel?from={today.AddDays(-29):yyyy-MM-dd}&to={today:yyyy-MM-dd}&steps=signup%2Capp_created%2Corder&window=1d&format=csv";
        await Expect(page.GetByTestId("csv-kpi-funnel")).ToHaveAttributeAsync("href", funnelCsv);
        var download = await page.APIRequest.GetAsync(new Uri(server.BaseAddress, funnelCsv).ToString());
        Assert.Contains("\r\nsignup,10,100,100,0,0\r\napp_created,6,60,60,4,40\r\norder,3,30,50,3,50\r\n", await download.TextAsync());

        await page.GetByTestId("kpi-by").FillAsync("platform");
        await page.GetByTestId("kpi-steps").FillAsync("signup, order");
        await page.GetByTestId("kpi-show").ClickAsync();

        await Browser.ExpectAddressAsync(page, "by=platform");
        await Expect(page.GetByTestId("kpi-funnel-users")).ToHaveTextAsync(["10", "3"]);
        var web = page.GetByTestId("kpi-funnel-breakdown").Locator("tr", new() { HasText = "web" });
        // Value, users, then each step's users: the even users 0, 2 of the three who ordered are on the web, none the period before.
        await Expect(web.Locator("td").Nth(3).Locator(".kpi-current")).ToHaveTextAsync("2");
        await Expect(web.Locator("td").Nth(3).Locator("[data-previous]")).ToHaveTextAsync("previous 0");

        await page.GetByTestId("language-switch").ClickAsync();

        await Expect(page.Locator("h1")).ToHaveTextAsync("제품 지표");
        await Expect(page.GetByTestId("nav-kpis")).ToHaveTextAsync("지표");
        var phone = await browser.NewPageAsync(phone: true);
        await Browser.LogInAsync(phone, server);
        await phone.GotoAsync(page.Url);
        await Expect(phone.GetByTestId("kpi-funnel-breakdown")).ToBeVisibleAsync();
        Assert.False(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth"), "the KPI page scrolls sideways on a phone");
    }

    [Fact]
    public async Task KpisPage_FromAfterTo_SaysWhichFieldIsWrong()
    {
        await using var server = await VigilServer.StartAsync();
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync();
        await Browser.LogInAsync(page, server);

        await page.GotoAsync(new Uri(server.BaseAddress, $"projects/{server.ProjectId}/kpis?from=2026-11-20&to=2026-11-01").ToString());

        await Expect(page.GetByTestId("kpi-problem")).ToContainTextAsync("from");
    }

    private static object Event(int user, string name, DateTimeOffset at) => new
    {
        @event = name,
        distinct_id = $"u{user}",
        timestamp = at.ToString("O"),
        properties = new { platform = user % 2 == 0 ? "web" : "ios" },
    };
}
