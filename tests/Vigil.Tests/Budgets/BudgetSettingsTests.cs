using System.Net;
using System.Text.Json.Nodes;
using Vigil.Tests.Support;

namespace Vigil.Tests.Budgets;

/// <summary>A project's budgets through <c>/api/projects/{id}/budgets</c> and the settings page's form, on one server.</summary>
public sealed class BudgetSettingsTests() : ServerTests(Backend.Sqlite, logIn: true)
{
    private string BudgetsPath => $"api/projects/{Server.ProjectId}/budgets";
    private string SettingsPath => $"/projects/{Server.ProjectId}/settings";

    [Fact]
    public async Task Put_BadBudgets_EveryProblemByFieldAndNothingSaved()
    {
        using var response = await Admin.PutAsync(BudgetsPath, Json.Raw("""
            {"compression":"zip","totalMaxBytes":0,"budgets":[{"pattern":"/main.js","maxBytes":1},{"pattern":"a.js","maxBytes":0},{"pattern":"a.js","maxBytes":5}]}
            """));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadAsync())["errors"]!.AsObject();
        Assert.Equal(["budgets[0].pattern", "budgets[1].maxBytes", "budgets[2].pattern", "compression", "totalMaxBytes"], errors.Select(error => error.Key).Order(StringComparer.Ordinal));
        Assert.Equal(800_000, (long)(await Admin.GetJsonAsync(BudgetsPath))["budgets"]![0]!["maxBytes"]!);
    }

    [Theory]
    [InlineData("""{"budgets":[{"pattern":"main.js","maxBytes":"800KB"}]}""", "budgets[0].maxBytes")]
    [InlineData("""{"compression":"raw"}""", "budgets")]
    [InlineData("not json", "body")]
    public async Task Put_MalformedBody_ProblemNamingTheField(string body, string field)
    {
        using var response = await Admin.PutAsync(BudgetsPath, Json.Raw(body));

        var problem = await response.ReadAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((string?)problem["field"] == field || problem["errors"]?[field] is not null, problem.ToJsonString());
    }

    [Fact]
    public async Task GetAndPut_UnknownProjectOrNoToken_404And401()
    {
        await Json.AssertProblemAsync(await Admin.GetAsync("api/projects/999/budgets"), 404, "id");
        await Json.AssertProblemAsync(await Admin.PutAsync("api/projects/999/budgets", Json.Raw("""{"budgets":[]}""")), 404, "id");
        Assert.Equal(HttpStatusCode.Unauthorized, (await Anonymous.GetAsync(BudgetsPath)).StatusCode);
    }

    [Fact]
    public async Task SettingsPage_SaveBudgets_StoredAndShownAsLines()
    {
        using var response = await PageSession.PostFormAsync(Page, SettingsPath, "budgets", new Dictionary<string, string>
        {
            ["Input.Compression"] = "gzip",
            ["Input.Total"] = "1.2 MB",
            ["Input.Lines"] = "main*.js = 250 KB\r\n\r\nassets/**/*.css = 40KiB\r\n",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"{SettingsPath}?budgets=saved", new Uri(Server.BaseAddress, response.Headers.Location!).PathAndQuery);
        Assert.Equal(
            """{"compression":"gzip","totalMaxBytes":1200000,"budgets":[{"pattern":"main*.js","maxBytes":250000},{"pattern":"assets/**/*.css","maxBytes":40960}]}""",
            (await Admin.GetJsonAsync(BudgetsPath)).ToJsonString());
        var html = WebUtility.HtmlDecode(await Page.GetStringAsync($"{SettingsPath}?budgets=saved"));
        Assert.Contains("data-testid=\"budgets-saved\"", html);
        Assert.Contains("main*.js = 250 KB\nassets/**/*.css = 40.96 KB</textarea>", html);
        Assert.Contains("value=\"1.2 MB\"", html);
    }

    [Fact]
    public async Task SettingsPage_BadLineAndTotal_ErrorsByLineAndNothingSaved()
    {
        using var response = await PageSession.PostFormAsync(Page, SettingsPath, "budgets", new Dictionary<string, string>
        {
            ["Input.Compression"] = "raw",
            ["Input.Total"] = "huge",
            ["Input.Lines"] = "main*.js = 250 KB\nvendor.js 300KB\nmain*.js = 1 MB",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Line 2: a budget is PATTERN = SIZE", html);
        Assert.Contains("Line 3: pattern is the same as budgets[0]", html);
        Assert.Contains("data-testid=\"error-budgets-total\"", html);
        Assert.Contains("vendor.js 300KB", html);
        Assert.Equal(800_000, (long)(await Admin.GetJsonAsync(BudgetsPath))["budgets"]![0]!["maxBytes"]!);
    }

    [Fact]
    public async Task SettingsPage_Korean_LabelsInKorean()
    {
        using var korean = await PageSession.LogInAsync(Server);
        (await korean.GetAsync("/language/ko")).Dispose();

        var html = WebUtility.HtmlDecode(await korean.GetStringAsync(SettingsPath));

        Assert.Contains("번들 크기 예산", html);
        Assert.Contains("main*.js = 800 KB", html);
    }
}
