using System.Net;
using System.Text.Json.Nodes;
using Vigil.Tests.Support;

namespace Vigil.Tests.Feedback;

/// <summary>Feedback and NPS through the ingest endpoints and back through the admin API (and the page), on a real server and each backend.</summary>
public abstract class FeedbackApiTests(Backend backend) : ServerTests(backend, Now, logIn: true)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 5, 30, 0, TimeSpan.Zero);

    private string Api => $"api/projects/{Server.ProjectId}";

    [Fact]
    public async Task PostFeedback_ThenInbox_FiltersSearchesChangesStatusAndSummarises()
    {
        var slow = await PostFeedbackAsync(Ingest, new { rating = 1, category = "bug", text = "Checkout is slow", page = "/checkout", distinct_id = "u1" });
        await PostFeedbackAsync(Ingest, new { rating = 2, category = "bug", text = "checkout slow on mobile" });
        var darkMode = await PostFeedbackAsync(Ingest, new { rating = 5, category = "feature_request", text = "다크 모드가 있으면 좋겠어요" });
        await PostFeedbackAsync(Ingest, new { rating = 3, category = "improvement" });

        var all = await Admin.GetJsonAsync($"{Api}/feedback");
        var bugs = await Admin.GetJsonAsync($"{Api}/feedback?category=bug&rating=1");
        var search = await Admin.GetJsonAsync($"{Api}/feedback?q=%EB%8B%A4%ED%81%AC");
        using var patch = await Admin.PatchAsync($"{Api}/feedback/{darkMode}", Json.Body(new { status = "planned" }));
        var planned = await Admin.GetJsonAsync($"{Api}/feedback?status=planned");
        var summary = await Admin.GetJsonAsync($"{Api}/feedback/summary?range=7d");

        Assert.Equal(4, (long)all["total"]!);
        var first = all["items"]![3]!;
        Assert.Equal((slow, 1, "bug", "/checkout", "u1", "new"),
            ((long)first["id"]!, (int)first["rating"]!, (string?)first["category"], (string?)first["page"], (string?)first["distinctId"], (string?)first["status"]));
        Assert.Equal([slow], bugs["items"]!.AsArray().Select(item => (long)item!["id"]!));
        Assert.Equal([darkMode], search["items"]!.AsArray().Select(item => (long)item!["id"]!));
        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        Assert.Equal("planned", (string?)(await patch.ReadAsync())["status"]);
        Assert.Equal([darkMode], planned["items"]!.AsArray().Select(item => (long)item!["id"]!));
        Assert.Equal((4, 1, 2, 0.25, 0.5), ((int)summary["sentiment"]!["total"]!, (int)summary["sentiment"]!["positive"]!, (int)summary["sentiment"]!["negative"]!,
            (double)summary["sentiment"]!["positiveShare"]!, (double)summary["sentiment"]!["negativeShare"]!));
        Assert.Equal(("checkout slow", 2), ((string?)summary["topComplaint"]!["term"], (int)summary["topComplaint"]!["count"]!));
        Assert.Equal("checkout slow on mobile", (string?)summary["topComplaint"]!["sample"]!["text"]);
        Assert.Equal(3, summary["highlights"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("""{"rating": 0, "category": "bug"}""", "rating")]
    [InlineData("""{"rating": "5", "category": "bug"}""", "rating")]
    [InlineData("""{"category": "bug"}""", "rating")]
    [InlineData("""{"rating": 4, "category": "praise"}""", "category")]
    [InlineData("""{"rating": 4, "category": "bug", "text": 12}""", "text")]
    [InlineData("""[{"rating": 4, "category": "bug"}]""", "body")]
    [InlineData("""{"rating": 4,""", "body")]
    public async Task PostFeedback_BadBody_ProblemNamesTheField(string body, string field)
    {
        using var response = await Ingest.PostAsync("v1/feedback", Json.Raw(body));

        await Json.AssertProblemAsync(response, 400, field);
    }

    [Fact]
    public async Task PostFeedback_TextTooLongOrNoKey_Refused()
    {
        using var tooLong = await Ingest.PostAsync("v1/feedback", Json.Body(new { rating = 4, category = "bug", text = new string('a', 5001) }));
        using var noKey = await Anonymous.PostAsync("v1/feedback", Json.Body(new { rating = 4, category = "bug" }));

        await Json.AssertProblemAsync(tooLong, 400, "text");
        await Json.AssertProblemAsync(noKey, 401, "authorization");
    }

    [Theory]
    [InlineData("feedback?category=praise", 400, "category")]
    [InlineData("feedback?rating=6", 400, "rating")]
    [InlineData("feedback?status=closed", 400, "status")]
    [InlineData("feedback?limit=0", 400, "limit")]
    [InlineData("feedback/summary?range=1y", 400, "range")]
    [InlineData("nps?range=7d", 400, "range")]
    [InlineData("nps?format=xml", 400, "format")]
    public async Task AdminApi_BadQuery_ProblemNamesTheField(string path, int status, string field)
    {
        using var response = await Admin.GetAsync($"{Api}/{path}");

        await Json.AssertProblemAsync(response, status, field);
    }

    [Fact]
    public async Task PatchFeedback_UnknownStatusOrItem_Problem()
    {
        var id = await PostFeedbackAsync(Ingest, new { rating = 4, category = "bug" });

        using var badStatus = await Admin.PatchAsync($"{Api}/feedback/{id}", Json.Body(new { status = "closed" }));
        using var unknown = await Admin.PatchAsync($"{Api}/feedback/{id + 1}", Json.Body(new { status = "done" }));

        await Json.AssertProblemAsync(badStatus, 400, "status");
        await Json.AssertProblemAsync(unknown, 404, "feedbackId");
    }

    [Fact]
    public async Task NpsPrompt_OffThenOn_DueOncePerPeriodAndAnswersScored()
    {
        var whileOff = await PromptAsync(Ingest, "u1");
        using var badSettings = await Admin.PutAsync($"{Api}/nps/settings", Json.Body(new { enabled = true, periodDays = 0 }));
        using var settings = await Admin.PutAsync($"{Api}/nps/settings", Json.Body(new { enabled = true, periodDays = 30, question = "Would you recommend Shop?" }));

        var first = await PromptAsync(Ingest, "u1");
        var second = await PromptAsync(Ingest, "u1");
        using var answer = await Ingest.PostAsync("v1/nps", Json.Body(new { distinct_id = "u1", score = 10, comment = "Great" }));
        using var dismissal = await Ingest.PostAsync("v1/nps", Json.Body(new { distinct_id = "u2", dismissed = true }));
        using var badScore = await Ingest.PostAsync("v1/nps", Json.Body(new { distinct_id = "u3", score = 11 }));
        await Ingest.PostAsync("v1/nps", Json.Body(new { distinct_id = "u4", score = 6 }));
        var afterDismissal = await PromptAsync(Ingest, "u2");
        Time.Advance(TimeSpan.FromDays(30));
        var nextPeriod = await PromptAsync(Ingest, "u1");
        var nps = await Admin.GetJsonAsync($"{Api}/nps?range=90d");

        Assert.False((bool)whileOff["due"]!);
        await Json.AssertProblemAsync(badSettings, 400, "periodDays");
        Assert.Equal(HttpStatusCode.OK, settings.StatusCode);
        Assert.Equal((true, "Would you recommend Shop?", 30), ((bool)first["due"]!, (string?)first["question"], (int)first["periodDays"]!));
        Assert.False((bool)second["due"]!);
        Assert.Equal("answered", (string?)(await answer.ReadAsync())["outcome"]);
        Assert.Equal("dismissed", (string?)(await dismissal.ReadAsync())["outcome"]);
        await Json.AssertProblemAsync(badScore, 400, "score");
        Assert.False((bool)afterDismissal["due"]!);
        Assert.True((bool)nextPeriod["due"]!);
        Assert.Equal(0, (double)nps["score"]!);
        Assert.Equal((1, 0, 1), ((int)nps["counts"]!["promoters"]!, (int)nps["counts"]!["passives"]!, (int)nps["counts"]!["detractors"]!));
        Assert.Equal("Great", (string?)nps["recentComments"]![0]!["comment"]);
        Assert.Equal(14, nps["trend"]!.AsArray().Count);
    }

    [Fact]
    public async Task NpsCsv_ThreeAnswersThisWeek_AWeekPerRowAsTheTrendChart()
    {
        foreach (var (user, score) in new[] { ("u1", 10), ("u2", 9), ("u3", 6) })
        {
            using var answer = await Ingest.PostAsync("v1/nps", Json.Body(new { distinct_id = user, score }));
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        }
        var trend = (await Admin.GetJsonAsync($"{Api}/nps?range=30d"))["trend"]!.AsArray();

        var rows = await Admin.GetCsvAsync($"{Api}/nps?range=30d&format=csv");

        Assert.Equal(["Period start (UTC)", "NPS", "Responses", "Promoters (9–10)", "Passives (7–8)", "Detractors (0–6)"], rows[0]);
        Assert.Equal(
            trend.Select(point => new[]
            {
                ((string)point!["start"]!)[..10], point["counts"]!["score"]?.ToJsonString() ?? "", point["counts"]!["responses"]!.ToJsonString(),
                point["counts"]!["promoters"]!.ToJsonString(), point["counts"]!["passives"]!.ToJsonString(), point["counts"]!["detractors"]!.ToJsonString(),
            }),
            rows.Skip(1));
        // The ISO weeks (Mondays, UTC) that overlap the 30 days up to Saturday 2026-11-21.
        Assert.Equal(["2026-10-19", "2026-10-26", "2026-11-02", "2026-11-09", "2026-11-16"], rows.Skip(1).Select(row => row[0]));
        Assert.Equal(["2026-11-16", "33.333333333333336", "3", "2", "0", "1"], rows[^1]);
        Assert.Equal(["2026-11-09", "", "0", "0", "0", "0"], rows[^2]);
    }

    [Fact]
    public async Task NpsCsv_AcceptTextCsvInKorean_KoreanHeaderAndNamedForTheRange()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{Api}/nps");
        request.Headers.Accept.ParseAdd("text/csv");
        request.Headers.Add("Cookie", "vigil_lang=ko");

        using var response = await Admin.SendAsync(request);

        Assert.Equal("nps-90d.csv", response.Content.Headers.ContentDisposition?.FileName);
        var text = System.Text.Encoding.UTF8.GetString((await response.Content.ReadAsByteArrayAsync())[3..]);
        Assert.StartsWith("기간 시작 (UTC),NPS,응답 수,추천 (9–10점),중립 (7–8점),비추천 (0–6점)\r\n", text);
    }

    [Fact]
    public async Task FeedbackPage_NpsAnswered_TrendChartHasItsCsvLink()
    {
        using var answer = await Ingest.PostAsync("v1/nps", Json.Body(new { distinct_id = "u1", score = 8 }));

        var html = await Page.GetStringAsync($"projects/{Server.ProjectId}/feedback");

        Assert.Contains($"href=\"/api/projects/{Server.ProjectId}/nps?range=90d&amp;format=csv\"", html);
        Assert.Contains("data-testid=\"csv-nps\"", html);
    }

    private static async Task<long> PostFeedbackAsync(HttpClient ingest, object feedback)
    {
        using var response = await ingest.PostAsync("v1/feedback", Json.Body(feedback));
        var body = await response.ReadAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (long)body["id"]!;
    }

    private static async Task<JsonNode> PromptAsync(HttpClient ingest, string distinctId)
    {
        using var response = await ingest.PostAsync("v1/nps/prompt", Json.Body(new { distinct_id = distinctId }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadAsync();
    }
}

public sealed class SqliteFeedbackApiTests() : FeedbackApiTests(Backend.Sqlite);

public sealed class PostgresClickHouseFeedbackApiTests() : FeedbackApiTests(Backend.PostgresClickHouse);
