using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vigil.Tests.Support;

namespace Vigil.Tests.Kpis;

/// <summary>
/// The KPI answers over HTTP after ingest, on each backend: ten signups at 23:30 in Seoul of which four come back at
/// 00:30 (the next local day, the same UTC day), and a funnel of ten → six → three. The page's charts and tables
/// download as CSV of the same numbers, and the page (over plain HTTP) compares each breakdown value with the
/// previous period.
/// </summary>
public abstract partial class KpiApiTests(Backend backend) : ServerTests(backend, SignupTime)
{
    private static readonly DateTimeOffset SignupTime = new(2026, 11, 16, 23, 30, 0, TimeSpan.FromHours(9));

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Ingest.PostEventsAsync(Enumerable.Range(0, 10).SelectMany(index => new[]
        {
            Event($"u{index}", "signup", SignupTime, new { platform = index % 2 == 0 ? "web" : "ios", plan = index < 5 ? "pro" : "free" }),
        }.Concat(index < 6 ? [Event($"u{index}", "app_created", SignupTime.AddMinutes(10))] : [])
         .Concat(index < 3 ? [Event($"u{index}", "order", SignupTime.AddMinutes(20))] : [])).ToArray());
        Time.Set(SignupTime.AddHours(1));
        await Ingest.PostEventsAsync(Enumerable.Range(0, 4).Select(index => Event($"u{index}", "open", SignupTime.AddHours(1))).ToArray());
        Time.Set(SignupTime.AddDays(3));
        await Server.WaitUntilStoredAsync();
    }

    [Fact]
    public async Task Retention_FourOfTenBackAfterLocalMidnight_FortyPercentOnDayOne()
    {
        var report = await Admin.GetJsonAsync($"api/projects/{Server.ProjectId}/kpis/retention?from=2026-11-16&to=2026-11-16");

        var cohort = report["cohorts"]![0]!;
        Assert.Equal(("2026-11-16", 10L), ((string)cohort["weekStart"]!, (long)cohort["users"]!));
        Assert.Equal(40.0, (double)cohort["dayPercents"]![0]!);
        Assert.Null(cohort["dayPercents"]![1]);
        Assert.Equal(10.0, (double)report["total"]!["signups"]!["current"]!);
    }

    [Fact]
    public async Task Funnel_TenSixThree_ConversionAndDropOffPerStepAndPlatform()
    {
        var report = await Admin.GetJsonAsync($"api/projects/{Server.ProjectId}/kpis/funnel?steps=signup,app_created,order&window=1h&from=2026-11-16&to=2026-11-16&by=platform");

        var steps = report["total"]!["steps"]!.AsArray();
        Assert.Equal([10L, 6, 3], steps.Select(step => (long)step!["users"]!));
        Assert.Equal([0L, 4, 3], steps.Select(step => (long)step!["dropOff"]!));
        Assert.Equal([100.0, 60.0, 50.0], steps.Select(step => (double)step!["stepConversionPercent"]!));
        var web = report["breakdown"]!.AsArray().Single(segment => (string)segment!["value"]! == "web")!;
        Assert.Equal([5L, 3, 2], web["figures"]!["steps"]!.AsArray().Select(step => (long)step!["users"]!));
    }

    [Fact]
    public async Task ActiveUsers_DailySeriesInLocalDays_WithThePreviousPeriod()
    {
        var report = await Admin.GetJsonAsync($"api/projects/{Server.ProjectId}/kpis/active-users?from=2026-11-16&to=2026-11-17");

        Assert.Equal([10L, 4], report["daily"]!.AsArray().Select(day => (long)day!["users"]!));
        Assert.Equal(7.0, (double)report["total"]!["dau"]!["current"]!);
        Assert.Equal(0.0, (double)report["total"]!["dau"]!["previous"]!);
        Assert.Equal(10.0, (double)report["total"]!["mau"]!["current"]!);
        Assert.Equal(70.0, (double)report["total"]!["stickinessPercent"]!["current"]!);
    }

    [Fact]
    public async Task Conversion_SettingsNameThePaidEvent_SignupsThatDidItOverallAndPerPlan()
    {
        using var saved = await Admin.PutAsync($"api/projects/{Server.ProjectId}/kpis/settings", Json.Body(new { paidEvent = "order", planProperty = "", freePlanValue = "" }));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);

        var report = await Admin.GetJsonAsync($"api/projects/{Server.ProjectId}/kpis/conversion?from=2026-11-16&to=2026-11-16&by=plan");

        Assert.Equal(("order", 30.0), ((string)report["paidEvent"]!, (double)report["total"]!["ratePercent"]!["current"]!));
        // u0…u4 signed up on pro, and u0…u2 ordered.
        Assert.Equal(
            ["free 5 0 0", "pro 5 3 60"],
            report["breakdown"]!.AsArray().Select(segment =>
                $"{segment!["value"]} {segment["figures"]!["signups"]!["current"]} {segment["figures"]!["converted"]!["current"]} {segment["figures"]!["ratePercent"]!["current"]}"));
        var settings = await Admin.GetJsonAsync($"api/projects/{Server.ProjectId}/kpis/settings");
        Assert.Null(settings["planProperty"]);
    }

    [Theory]
    [InlineData("active-users?from=2026-11-16&to=2026-11-17", "daily", new[] { "date", "users" })]
    [InlineData("churn?months=2", "months", new[] { "month", "activeBefore", "churned", "ratePercent", "complete" })]
    [InlineData("funnel?steps=signup,app_created,order&window=1h&from=2026-11-16&to=2026-11-16", "total.steps", new[] { "name", "users", "conversionPercent", "stepConversionPercent", "dropOff", "dropOffPercent" })]
    public async Task KpiCsv_SeededProject_EqualsTheJson(string query, string rowsPath, string[] fields)
    {
        var kpis = $"api/projects/{Server.ProjectId}/kpis";
        var report = await Admin.GetJsonAsync($"{kpis}/{query}");

        var rows = await Admin.GetCsvAsync($"{kpis}/{query}&format=csv");

        var expected = rowsPath.Split('.').Aggregate(report, (node, name) => node[name]!).AsArray().Select(row => fields.Select(field => Field(row![field])).ToArray()).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, rows.Skip(1));
        Assert.Equal(fields.Length, rows[0].Length);
    }

    [Fact]
    public async Task RetentionCsv_SeededCohort_DayAndWeekPercentsAsInTheJson()
    {
        var query = $"api/projects/{Server.ProjectId}/kpis/retention?from=2026-11-16&to=2026-11-16";
        var cohort = (await Admin.GetJsonAsync(query))["cohorts"]![0]!;

        var rows = await Admin.GetCsvAsync($"{query}&format=csv");

        Assert.Equal(["Signup week", "Users", "Day 1 (%)", "Day 7 (%)", "Day 30 (%)", .. Enumerable.Range(1, 8).Select(week => $"Week {week} (%)")], rows[0]);
        string[] expected = [Field(cohort["weekStart"]), Field(cohort["users"]), .. cohort["dayPercents"]!.AsArray().Concat(cohort["weekPercents"]!.AsArray()).Select(Field)];
        Assert.Equal([expected], rows.Skip(1));
        Assert.Equal(["2026-11-16", "10", "40", ""], expected[..4]);
    }

    [Fact]
    public async Task FunnelCsv_Korean_HeaderInKoreanAndNamedForThePeriod()
    {
        var (text, fileName) = await GetKoreanCsvAsync("funnel?steps=signup,order&from=2026-11-16&to=2026-11-16");

        Assert.StartsWith("단계,사용자,첫 단계 대비 전환율 (%),이전 단계 대비 전환율 (%),이탈,이탈률 (%)\r\nsignup,10,100,100,0,0\r\norder,3,30,30,7,70\r\n", text);
        Assert.Equal("funnel-2026-11-16-2026-11-16.csv", fileName);
    }

    [Theory]
    [InlineData("conversion?from=2026-11-16&to=2026-11-16", new[] { "signups", "converted", "ratePercent" })]
    [InlineData("events-per-user?event=order&from=2026-11-16&to=2026-11-16", new[] { "events", "activeUsers", "eventsPerUser" })]
    public async Task TotalsCsv_SeededProject_ARowPerFigureWithThePreviousPeriodAndChange(string query, string[] figures)
    {
        var kpis = $"api/projects/{Server.ProjectId}/kpis";
        var total = (await Admin.GetJsonAsync($"{kpis}/{query}"))["total"]!;

        var rows = await Admin.GetCsvAsync($"{kpis}/{query}&format=csv");

        Assert.Equal(["Figure", "This period", "Previous period", "Change (%)"], rows[0]);
        Assert.Equal(figures.Select(figure => new[] { Field(total[figure]!["current"]), Field(total[figure]!["previous"]), Field(total[figure]!["changePercent"]) }), rows.Skip(1).Select(row => row[1..]));
        Assert.Contains(rows.Skip(1), row => row[1] is not ("" or "0"));
    }

    [Fact]
    public async Task EventsPerUserCsv_ThreeOrdersByTenUsers_HeadedInThePagesLanguageAndNamedForThePeriod()
    {
        var (text, fileName) = await GetKoreanCsvAsync("events-per-user?event=order&from=2026-11-16&to=2026-11-16");

        Assert.Equal("지표,이번 기간,이전 기간,변화율 (%)\r\n이벤트 수,3,0,\r\n활성 사용자,10,0,\r\n활성 사용자당 이벤트,0.3,,\r\n", text);
        Assert.Equal("events-per-user-2026-11-16-2026-11-16.csv", fileName);
    }

    /// <summary>A KPI's CSV as the Korean page downloads it: the text after its byte-order mark, and the file name.</summary>
    private async Task<(string Text, string? FileName)> GetKoreanCsvAsync(string kpiQuery)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/projects/{Server.ProjectId}/kpis/{kpiQuery}&format=csv");
        request.Headers.Add("Cookie", "vigil_lang=ko");
        using var response = await Admin.SendAsync(request);
        var text = System.Text.Encoding.UTF8.GetString((await response.Content.ReadAsByteArrayAsync())[3..]);
        return (text, response.Content.Headers.ContentDisposition?.FileName);
    }

    [Theory]
    [InlineData("active-users", new[] { "dau", "wau", "mau" })]
    [InlineData("retention", new[] { "sevenDayPercent", "thirtyDayPercent" })]
    [InlineData("conversion", new[] { "converted", "ratePercent" })]
    [InlineData("events-per-user?event=open", new[] { "events", "eventsPerUser" })]
    [InlineData("churn?months=2", new[] { "" })]
    public async Task BreakdownCsv_ByPlatform_EachValueWithEveryFigureItsPreviousAndChangeAsInTheJson(string kpi, string[] figures)
    {
        var query = $"api/projects/{Server.ProjectId}/kpis/{kpi}{(kpi.Contains('?') ? '&' : '?')}from=2026-11-17&to=2026-11-17&by=platform";
        var breakdown = (await Admin.GetJsonAsync(query))["breakdown"]!.AsArray();

        var rows = await Admin.GetCsvAsync($"{query}&part=breakdown&format=csv");

        Assert.Equal(["platform", "Users"], rows[0][..2]);
        Assert.Equal(2 + 3 * figures.Length, rows[0].Length);
        Assert.Equal(["web", "ios"], breakdown.Select(segment => (string)segment!["value"]!).Order(StringComparer.Ordinal).Reverse());
        Assert.Equal(
            breakdown.Select(segment => new[] { (string)segment!["value"]!, Field(segment["users"]) }
                .Concat(figures.SelectMany(figure => (figure == "" ? segment["figures"]! : segment["figures"]![figure]!) is var compared
                    ? new[] { Field(compared["current"]), Field(compared["previous"]), Field(compared["changePercent"]) }
                    : [])).ToArray()),
            rows.Skip(1));
    }

    [Fact]
    public async Task BreakdownCsv_ActiveUsersOnTheDayAfterSignup_TwoOfFiveWebUsersBackIsMinusSixtyPercent()
    {
        using var response = await Admin.GetAsync($"api/projects/{Server.ProjectId}/kpis/active-users?from=2026-11-17&to=2026-11-17&by=platform&part=breakdown&format=csv");

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("active-users-by-platform-2026-11-17-2026-11-17.csv", response.Content.Headers.ContentDisposition?.FileName);
        var text = System.Text.Encoding.UTF8.GetString((await response.Content.ReadAsByteArrayAsync())[3..]);
        Assert.StartsWith(
            "platform,Users,DAU,DAU previous period,DAU change (%),WAU,WAU previous period,WAU change (%),MAU,MAU previous period,MAU change (%)\r\n", text);
        // u0 and u2 came back on the 17th of the five web users who signed up on the 16th; WAU and MAU count the 16th in both periods' windows.
        Assert.Contains("\r\nweb,2,2,5,-60,5,5,0,5,5,0\r\n", text);
    }

    [Fact]
    public async Task BreakdownCsv_Funnel_EachStepsUsersAgainstThePreviousPeriod()
    {
        var rows = await Admin.GetCsvAsync($"api/projects/{Server.ProjectId}/kpis/funnel?steps=signup,order&window=1h&from=2026-11-16&to=2026-11-16&by=platform&part=breakdown&format=csv");

        Assert.Equal(
            ["platform", "Users", "signup", "signup previous period", "signup change (%)", "order", "order previous period", "order change (%)",
             "Overall conversion (%)", "Overall conversion (%) previous period", "Overall conversion change (%)"],
            rows[0]);
        Assert.Contains(["web", "5", "5", "0", "", "2", "0", "", "40", "", ""], rows);
    }

    [Fact]
    public async Task KpisPage_BreakdownByPlatform_EachValueShowsThePreviousPeriodAndTheChange()
    {
        // Logged in on the test's clock as it stands now, three days after the signups.
        using var page = await PageSession.LogInAsync(Server);

        // Blazor writes characters outside Latin as entities.
        var html = WebUtility.HtmlDecode(await page.GetStringAsync($"projects/{Server.ProjectId}/kpis?from=2026-11-17&to=2026-11-17&by=platform"));

        var table = Table(html, "kpi-active-breakdown");
        Assert.Contains("vs the previous 1 days", table);
        Assert.Contains($"href=\"/api/projects/{Server.ProjectId}/kpis/active-users?from=2026-11-17&to=2026-11-17&by=platform&part=breakdown&format=csv\"", table);
        var web = FigureCells(RowOf(table, "web"));
        // DAU: 2 of the 5 web users who signed up the day before; WAU and MAU unchanged.
        Assert.Equal(("2.0", "previous 5.0", "▼ 60%", "trend trend-bad"), web[0]);
        Assert.Equal(("5", "previous 5", "0%", "trend trend-flat"), web[1]);
        var churn = FigureCells(RowOf(Table(html, "kpi-churn-breakdown"), "web"));
        Assert.Single(churn);
        Assert.Contains("data-testid=\"csv-kpi-conversion\"", html);
        Assert.Contains($"href=\"/api/projects/{Server.ProjectId}/kpis/events-per-user?from=2026-11-17&to=2026-11-17&event=order&format=csv\"", html);
    }

    [Fact]
    public async Task KpisPage_Korean_BreakdownComparesWithThePreviousPeriodInKorean()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"projects/{Server.ProjectId}/kpis?from=2026-11-17&to=2026-11-17&by=platform");
        request.Headers.AcceptLanguage.ParseAdd("ko-KR");
        using var page = await PageSession.LogInAsync(Server);
        using var response = await page.SendAsync(request);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        var web = FigureCells(RowOf(Table(html, "kpi-active-breakdown"), "web"));

        Assert.Contains("이전 1일 대비", Table(html, "kpi-active-breakdown"));
        Assert.Equal(("2.0", "이전 5.0", "▼ 60%", "trend trend-bad"), web[0]);
    }

    [Theory]
    [InlineData("active-users?format=xml", "format")]
    [InlineData("churn?months=0&format=csv", "months")]
    [InlineData("conversion?format=json&part=chart", "part")]
    [InlineData("retention?part=breakdown&format=csv", "by")]
    [InlineData("events-per-user?part=breakdown&by=platform&format=csv", "event")]
    public async Task KpiCsv_BadQuery_ProblemNamesTheField(string query, string field)
    {
        using var response = await Admin.GetAsync($"api/projects/{Server.ProjectId}/kpis/{query}");

        await Json.AssertProblemAsync(response, 400, field);
    }

    private static string Table(string html, string testId)
    {
        var start = html.IndexOf($"data-testid=\"{testId}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no table {testId}");
        return html[start..html.IndexOf("</table>", start, StringComparison.Ordinal)];
    }

    private static string RowOf(string table, string value)
    {
        var start = table.IndexOf($"<td>{value}</td>", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no row {value}");
        return table[start..table.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }

    /// <summary>Each figure cell of a breakdown row: its value, the previous value's text, and the change badge's text and class.</summary>
    private static List<(string Current, string Previous, string? Change, string? Class)> FigureCells(string row) =>
        FigureCell().Matches(row).Select(match => (
            match.Groups["current"].Value.Trim(),
            match.Groups["previous"].Value.Trim(),
            match.Groups["change"].Success ? match.Groups["change"].Value.Trim() : null,
            match.Groups["class"].Success ? match.Groups["class"].Value : null)).ToList();

    [System.Text.RegularExpressions.GeneratedRegex("""<td class="numeric" data-figure>\s*<span class="kpi-current">(?<current>[^<]*)</span>\s*<span class="kpi-compared">\s*(?:<span class="(?<class>[^"]+)" data-change>(?<change>[^<]*)</span>\s*)?<span class="muted" data-previous>(?<previous>[^<]*)</span>""")]
    private static partial System.Text.RegularExpressions.Regex FigureCell();

    /// <summary>A JSON value as the CSV writes it: strings bare, numbers and true/false as in JSON, nothing for null.</summary>
    private static string Field(JsonNode? value) =>
        value is null ? "" : value.GetValueKind() == JsonValueKind.String ? (string)value! : value.ToJsonString();

    private static object Event(string user, string name, DateTimeOffset at, object? properties = null) =>
        new { @event = name, distinct_id = user, timestamp = at.ToString("O"), properties = properties ?? new { } };
}

public sealed class SqliteKpiApiTests() : KpiApiTests(Backend.Sqlite);

public sealed class PostgresClickHouseKpiApiTests() : KpiApiTests(Backend.PostgresClickHouse);
