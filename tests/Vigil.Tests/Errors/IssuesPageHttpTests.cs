using System.Net;
using System.Text.RegularExpressions;
using Vigil.Tests.Support;

namespace Vigil.Tests.Errors;

/// <summary>
/// The Issues pages over plain HTTP on each backend, with errors sent through <c>POST /v1/errors</c> at a fixed clock:
/// the list with its tabs and ranges, one issue with its stack trace and tags, and the status buttons.
/// </summary>
public abstract partial class IssuesPageHttpTests(Backend backend) : ServerTests(backend, Now, logIn: true)
{
    // 14:30 in Asia/Seoul, the first project's zone.
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 5, 30, 0, TimeSpan.Zero);

    private const string CheckoutStack = """
        TypeError: Cannot read properties of null (reading 'items')
            at placeOrder (https://shop.example/static/js/checkout.js:12:19)
            at Array.forEach (<anonymous>)
            at dispatch (https://shop.example/node_modules/react-dom/cjs/react-dom.development.js:4161:14)
            at invoke (https://shop.example/node_modules/react-dom/cjs/react-dom.development.js:4070:16)
            at onSubmit (https://shop.example/static/js/app.js:40:7)
        """;

    private const string TraceId = "4bf92f3577b34da6a3ce929d0e0e4736";

    private string IssuesPath => $"/projects/{Server.ProjectId}/issues";

    [Fact]
    public async Task List_NoErrorsYet_SaysHowToSendThem()
    {
        var html = await Page.GetStringAsync(IssuesPath);

        Assert.Contains("data-testid=\"issues-empty\"", html);
        Assert.Contains("No errors yet", html);
        Assert.Contains("POST /v1/errors", html);
        Assert.Contains("vigil.js", html);
        Assert.Contains("class=\"active\" data-testid=\"nav-issues\"", html);
    }

    [Fact]
    public async Task List_TwoIssues_RowsWithCountsUsersTimesAndSparklines()
    {
        var (checkout, _) = await SendTwoIssuesAsync();

        var html = await Page.GetStringAsync(IssuesPath);

        Assert.Equal(2, Regex.Count(html, "data-testid=\"issue-row\""));
        var row = Row(html, checkout);
        Assert.Contains("TypeError: Cannot read properties of null (reading &#x27;items&#x27;)", row);
        Assert.Contains($"href=\"{IssuesPath}/{checkout}\"", row);
        Assert.Contains("placeOrder (checkout.js)", row);
        Assert.Matches("data-testid=\"issue-count\">3<", row);
        Assert.Matches("data-testid=\"issue-users\">2<", row);
        // First seen 50 minutes ago, last seen 5; shown in Asia/Seoul.
        Assert.Contains("50 min ago", row);
        Assert.Contains("2026-11-21 13:40", row);
        Assert.Contains("5 min ago", row);
        Assert.Contains("2026-11-21 14:25", row);
        Assert.Contains("data-points=\"24\"", row);
        Assert.Contains("data-status=\"open\"", row);
        Assert.Contains("data-status=\"all\"", html);
    }

    [Fact]
    public async Task SparklineCsv_ThreeOccurrencesInTwoHours_ARowPerHourAtTheProjectsOffsetAsInTheJson()
    {
        var (checkout, _) = await SendTwoIssuesAsync();
        var api = $"api/projects/{Server.ProjectId}/issues/{checkout}";
        var hourly = (await Admin.GetJsonAsync($"{api}?range=24h"))["issue"]!["hourly"]!.AsArray().Select(count => count!.ToJsonString()).ToList();
        var list = await Page.GetStringAsync(IssuesPath);
        var detail = await Page.GetStringAsync($"{IssuesPath}/{checkout}?range=7d");

        var rows = await Admin.GetCsvAsync($"{api}?range=24h&format=csv");

        Assert.Equal(["Hour", "Events"], rows[0]);
        Assert.Equal(hourly, rows.Skip(1).Select(row => row[1]));
        // The 24 hours up to the one under way (05:00 UTC), in Asia/Seoul: 04:40 UTC once, 05:10 and 05:25 twice.
        Assert.Equal(["2026-11-20T15:00:00+09:00", "0"], rows[1]);
        Assert.Equal(new[] { new[] { "2026-11-21T13:00:00+09:00", "1" }, ["2026-11-21T14:00:00+09:00", "2"] }, rows.TakeLast(2));
        Assert.Contains($"href=\"/api/projects/{Server.ProjectId}/issues/{checkout}?range=24h&amp;format=csv\"", Row(list, checkout));
        Assert.Contains($"href=\"/api/projects/{Server.ProjectId}/issues/{checkout}?range=7d&amp;format=csv\"", detail);
    }

    [Fact]
    public async Task SparklineCsv_SevenDays_NamedForTheIssueAndRangeWithAnHourPerRow()
    {
        var (checkout, _) = await SendTwoIssuesAsync();

        using var response = await Admin.GetAsync($"api/projects/{Server.ProjectId}/issues/{checkout}?range=7d&format=csv");
        using var bad = await Admin.GetAsync($"api/projects/{Server.ProjectId}/issues/{checkout}?format=xlsx");

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"issue-{checkout}-7d.csv", response.Content.Headers.ContentDisposition?.FileName);
        var text = System.Text.Encoding.UTF8.GetString((await response.Content.ReadAsByteArrayAsync())[3..]);
        Assert.Equal(1 + 7 * 24, text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        await Json.AssertProblemAsync(bad, 400, "format");
    }

    [Fact]
    public async Task List_StatusAndRangeFilters_ShowOnlyWhatWasAskedFor()
    {
        var (checkout, prices) = await SendTwoIssuesAsync();
        using var resolve = await Admin.PutAsync($"api/projects/{Server.ProjectId}/issues/{prices}/status", Json.Body(new { status = "resolved" }));
        Assert.Equal(HttpStatusCode.NoContent, resolve.StatusCode);

        var open = await Page.GetStringAsync(IssuesPath);
        var resolved = await Page.GetStringAsync($"{IssuesPath}?status=resolved");
        var ignored = await Page.GetStringAsync($"{IssuesPath}?status=ignored");
        var all = await Page.GetStringAsync($"{IssuesPath}?status=all&range=7d");

        Assert.Equal([checkout], Fingerprints(open));
        Assert.Equal([prices], Fingerprints(resolved));
        Assert.Empty(Fingerprints(ignored));
        Assert.Contains("No issues with this status", ignored);
        // Most recently seen first.
        Assert.Equal([checkout, prices], Fingerprints(all));
        // Seven days are drawn a point per 24 hours; the tabs keep the range.
        Assert.Contains("data-points=\"7\"", all);
        Assert.Contains($"href=\"{IssuesPath}?status=resolved&amp;range=7d\"", all);
        Assert.Contains($"href=\"{IssuesPath}/{checkout}?range=7d\"", all);
    }

    [Fact]
    public async Task Detail_Issue_ShowsTheStackInnermostFirstWithLibraryFramesFoldedAndTheSampleTags()
    {
        var (checkout, _) = await SendTwoIssuesAsync();

        var html = await Page.GetStringAsync($"{IssuesPath}/{checkout}");

        Assert.Contains("data-testid=\"issue-heading\">TypeError: Cannot read properties of null", html);
        Assert.Matches("data-testid=\"issue-count\">3<", html);
        Assert.Equal(
            ["placeOrder", "Array.forEach", "dispatch", "invoke", "onSubmit"],
            Regex.Matches(html, "data-testid=\"frame-function\">([^<]+)<").Select(match => match.Groups[1].Value));
        Assert.Equal(
            ["true", "false", "false", "false", "true"],
            Regex.Matches(html, "data-in-app=\"(\\w+)\"").Select(match => match.Groups[1].Value));
        Assert.Contains("https://shop.example/static/js/checkout.js:12:19", html);
        Assert.Contains("data-testid=\"library-frames\">3 library frames<", html);
        Assert.Contains("data-testid=\"tag-release\">shop@1.4.2<", html);
        Assert.Contains("data-testid=\"tag-environment\">production<", html);
        Assert.Contains("data-testid=\"tag-user\">u2<", html);
        Assert.Contains("data-testid=\"tag-source\">api<", html);
        Assert.Contains($"href=\"/projects/{Server.ProjectId}/logs?trace_id={TraceId}\"", html);
        Assert.Equal(3, Regex.Count(html, "data-testid=\"occurrence-row\""));
        Assert.Contains("data-testid=\"issue-resolve\"", html);
        Assert.Contains("data-testid=\"issue-ignore\"", html);
        Assert.DoesNotContain("data-testid=\"issue-reopen\"", html);
    }

    [Fact]
    public async Task SetStatus_ResolveThroughTheForm_StoredAndShownAfterTheRedirect()
    {
        var (checkout, _) = await SendTwoIssuesAsync();
        var path = $"{IssuesPath}/{checkout}";

        using var response = await PageSession.PostFormAsync(Page, path, "issue-status", new Dictionary<string, string> { ["Status"] = "resolved" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"{path}?done=resolved", new Uri(Server.BaseAddress, response.Headers.Location!).PathAndQuery);
        var stored = await Admin.GetJsonAsync($"api/projects/{Server.ProjectId}/issues/{checkout}");
        Assert.Equal("resolved", (string?)stored["issue"]!["status"]);
        var html = await Page.GetStringAsync($"{path}?done=resolved");
        Assert.Contains("data-testid=\"issue-status-done\"", html);
        Assert.Contains("data-testid=\"issue-reopen\"", html);
        Assert.DoesNotContain("data-testid=\"issue-resolve\"", html);
        Assert.Equal([checkout], Fingerprints(await Page.GetStringAsync($"{IssuesPath}?status=resolved")));
    }

    [Fact]
    public async Task SetStatus_UnknownStatus_Is400AndChangesNothing()
    {
        var (checkout, _) = await SendTwoIssuesAsync();

        using var response = await PageSession.PostFormAsync(Page, $"{IssuesPath}/{checkout}", "issue-status", new Dictionary<string, string> { ["Status"] = "closed" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("data-testid=\"issue-status-refused\"", await response.Content.ReadAsStringAsync());
        var stored = await Admin.GetJsonAsync($"api/projects/{Server.ProjectId}/issues/{checkout}");
        Assert.Equal("open", (string?)stored["issue"]!["status"]);
    }

    [Theory]
    [InlineData("/projects/999/issues", "This project does not exist.")]
    [InlineData("/projects/999/issues/0123456789abcdef", "This project does not exist.")]
    [InlineData("/projects/{0}/issues/0123456789abcdef", "This issue does not exist.")]
    public async Task Page_UnknownProjectOrIssue_Is404SayingWhich(string path, string message)
    {
        using var response = await Page.GetAsync(path.Replace("{0}", Server.ProjectId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(message, html);
        Assert.Contains("class=\"topbar\"", html);
    }

    [Fact]
    public async Task Pages_InKorean_LabelTabsColumnsAndButtons()
    {
        var (checkout, _) = await SendTwoIssuesAsync();

        var list = await GetKoreanAsync(IssuesPath);
        var detail = await GetKoreanAsync($"{IssuesPath}/{checkout}");

        foreach (var label in new[] { "이슈", "미해결", "해결됨", "무시됨", "전체", "발생 수", "처음 발생", "마지막 발생", "추이", "50분 전" })
        {
            Assert.Contains(label, list);
        }
        foreach (var label in new[] { "해결", "무시", "스택 트레이스", "라이브러리 프레임 3개", "태그", "릴리스", "환경", "이 트레이스의 로그", "최근 발생" })
        {
            Assert.Contains(label, detail);
        }
    }

    /// <summary>Three errors of one bug (two users, one with a trace) and one of another; returns both fingerprints.</summary>
    private async Task<(string Checkout, string Prices)> SendTwoIssuesAsync()
    {
        await Ingest.PostErrorsAsync(
            Error(CheckoutStack, "u1", Now.AddMinutes(-50)),
            Error(CheckoutStack, "u1", Now.AddMinutes(-20)),
            Error(CheckoutStack, "u2", Now.AddMinutes(-5), TraceId),
            new
            {
                type = "Error",
                message = "price service unavailable",
                stack = "Error: price service unavailable\n    at loadPrices (https://shop.example/static/js/prices.js:3:9)",
                timestamp = Now.AddMinutes(-15).ToString("O"),
            });
        await Server.WaitUntilStoredAsync();
        var issues = (await Admin.GetJsonAsync($"api/projects/{Server.ProjectId}/issues")).AsArray();
        string Fingerprint(string titleStart) =>
            (string)issues.Single(issue => ((string)issue!["title"]!).StartsWith(titleStart, StringComparison.Ordinal))!["fingerprint"]!;
        return (Fingerprint("TypeError"), Fingerprint("Error: price"));
    }

    private static object Error(string stack, string user, DateTimeOffset at, string? traceId = null) => new
    {
        type = "TypeError",
        message = "Cannot read properties of null (reading 'items')",
        stack,
        distinct_id = user,
        timestamp = at.ToString("O"),
        release = "shop@1.4.2",
        environment = "production",
        trace_id = traceId,
    };

    private async Task<string> GetKoreanAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.AcceptLanguage.ParseAdd("ko-KR");
        using var response = await Page.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // Blazor writes characters outside Latin as entities.
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    private static List<string> Fingerprints(string html) =>
        IssueRow().Matches(html).Select(match => match.Groups[1].Value).ToList();

    private static string Row(string html, string fingerprint)
    {
        var start = html.IndexOf($"data-fingerprint=\"{fingerprint}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no row for {fingerprint}");
        return html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }

    [GeneratedRegex("data-testid=\"issue-row\" data-fingerprint=\"([0-9a-f]+)\"")]
    private static partial Regex IssueRow();
}

public sealed class SqliteIssuesPageHttpTests() : IssuesPageHttpTests(Backend.Sqlite);

public sealed class PostgresClickHouseIssuesPageHttpTests() : IssuesPageHttpTests(Backend.PostgresClickHouse);
