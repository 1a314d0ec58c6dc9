using System.Net;
using System.Text;
using Vigil.Tests.Support;

namespace Vigil.Tests.Alerts;

/// <summary>
/// The alerts page's forms over plain HTTP on each backend: the page saves rules through the same code as the API, so
/// a scaled-out node (no rules directory to write) edits them as well as the embedded install.
/// </summary>
public abstract class AlertsPageHttpTests(Backend backend)
    : ServerTests(backend, configure: options => options.AlertEvaluationInterval = TimeSpan.FromHours(1), logIn: true)
{
    private string AlertsPath => $"/projects/{Server.ProjectId}/alerts";

    [Fact]
    public async Task SaveRules_GoodFile_SavedAsANewVersionAndListed()
    {
        using var response = await PageSession.PostFormAsync(Page, AlertsPath, "rules", new Dictionary<string, string>
        {
            ["Input.Yaml"] = "alerts:\r\n  - name: Slow Response\r\n    severity: critical\r\n    condition: p95_response_time > 3s\r\n    duration: 5min\r\n",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = new Uri(Server.BaseAddress, response.Headers.Location!);
        Assert.Equal($"{AlertsPath}?done=rules", location.PathAndQuery);
        Assert.Equal("#rules", location.Fragment);
        var saved = await Admin.GetJsonAsync($"api/projects/{Server.ProjectId}/alert-rules");
        Assert.Equal(1, (long)saved["version"]!);
        Assert.Equal("alerts:\n  - name: Slow Response\n    severity: critical\n    condition: p95_response_time > 3s\n    duration: 5min\n", (string?)saved["yaml"]);
        var html = await Page.GetStringAsync(location.PathAndQuery);
        Assert.Contains("data-testid=\"rules-saved\"", html);
        Assert.Contains("data-rule=\"Slow Response\"", html);
        Assert.Contains("5min", html);
    }

    [Fact]
    public async Task SaveRules_BrokenFile_Is400WithPositionsAndKeepsTheRulesInForce()
    {
        using var put = await Admin.PutAsync($"api/projects/{Server.ProjectId}/alert-rules", new StringContent("alerts:\n  - name: Errors\n    condition: error_rate > 5%\n", Encoding.UTF8, "application/yaml"));
        Assert.True(put.IsSuccessStatusCode);

        using var response = await PageSession.PostFormAsync(Page, AlertsPath, "rules", new Dictionary<string, string>
        {
            ["Input.Yaml"] = "alerts:\n  - name: Down\n    condition: uptime > 3s\n    duration: soon\n",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("data-line=\"3\"", html);
        Assert.Contains("data-line=\"4\"", html);
        Assert.Contains("Line 4, column", html);
        // The typed file stays in the box to be fixed; the table still lists the rules in force.
        Assert.Contains("duration: soon", html);
        Assert.Contains("data-rule=\"Errors\"", html);
        Assert.DoesNotContain("data-rule=\"Down\"", html);
        Assert.Equal(1, (long)(await Admin.GetJsonAsync($"api/projects/{Server.ProjectId}/alert-rules"))["version"]!);
    }

    [Fact]
    public async Task CreateSilence_BadMatchers_IsAFieldErrorAndStoresNothing()
    {
        using var response = await PageSession.PostFormAsync(Page, AlertsPath, "silence", new Dictionary<string, string>
        {
            ["SilenceForm.Matchers"] = "alertname",
            ["SilenceForm.Duration"] = "2h",
            ["SilenceForm.Reason"] = "deploy",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"error-matchers\"", html);
        Assert.Contains("is not a matcher", html);
        Assert.Empty((await Admin.GetJsonAsync($"api/projects/{Server.ProjectId}/silences")).AsArray());
    }

    [Fact]
    public async Task CreateMaintenanceWindow_EndBeforeStart_IsAFieldErrorAndStoresNothing()
    {
        using var response = await PageSession.PostFormAsync(Page, AlertsPath, "maintenance", new Dictionary<string, string>
        {
            ["WindowForm.From"] = "2099-03-01T04:00",
            ["WindowForm.Until"] = "2099-03-01T02:00",
            ["WindowForm.Reason"] = "database upgrade",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("data-testid=\"error-maintenance-until\"", await response.Content.ReadAsStringAsync());
        Assert.Empty((await Admin.GetJsonAsync($"api/projects/{Server.ProjectId}/maintenance-windows")).AsArray());
    }

    [Fact]
    public async Task Page_InKorean_LabelsEverySection()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, AlertsPath);
        request.Headers.AcceptLanguage.ParseAdd("ko-KR");

        using var response = await Page.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // Blazor writes characters outside Latin as entities.
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        foreach (var label in new[] { "현재", "규칙 저장", "상태 변화 기록 없음", "무음 설정 만들기", "점검 시간 추가", "최종 실패" })
        {
            Assert.Contains(label, html);
        }
    }

    [Theory]
    [InlineData("alerts")]
    [InlineData("settings")]
    public async Task Page_UnknownProject_Is404WithAMessage(string page)
    {
        using var response = await Page.GetAsync($"/projects/999/{page}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("This project does not exist.", html);
        Assert.Contains("href=\"/\"", html);
        Assert.Contains("class=\"topbar\"", html);
    }
}

public sealed class SqliteAlertsPageHttpTests() : AlertsPageHttpTests(Backend.Sqlite);

public sealed class PostgresClickHouseAlertsPageHttpTests() : AlertsPageHttpTests(Backend.PostgresClickHouse);
