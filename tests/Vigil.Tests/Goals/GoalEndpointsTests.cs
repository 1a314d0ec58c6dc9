using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Vigil.Tests.Support;

namespace Vigil.Tests.Goals;

/// <summary>The goals and revenue API over HTTP, on the seeded week of <see cref="GoalsSeed"/>, on each backend.</summary>
public abstract class GoalEndpointsTests(Backend backend) : ServerTests(backend, GoalsSeed.Now)
{
    private string Goals => $"api/projects/{Server.ProjectId}/goals";

    private string Revenue => $"api/projects/{Server.ProjectId}/revenue";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await GoalsSeed.SendAsync(Server);
    }

    [Fact]
    public async Task Goals_AddReplaceDelete_ListFollows()
    {
        using var created = await Admin.PostAsync(Goals, Json.Body(new { metric = "signups", period = "week", target = 500, label = "Weekly review" }));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var goal = await created.ReadAsync();
        var id = (long)goal["id"]!;
        Assert.Equal($"/{Goals}/{id}", created.Headers.Location!.OriginalString);

        using var replaced = await Admin.PutAsync($"{Goals}/{id}", Json.Body(new { metric = "revenue", period = "month", target = 10_000_000 }));
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);

        var list = (JsonArray)await Admin.GetJsonAsync(Goals);
        var only = Assert.Single(list)!;
        Assert.Equal(("revenue", "month", 10_000_000d, null), ((string)only["metric"]!, (string)only["period"]!, (double)only["target"]!, (string?)only["label"]));
        using var deleted = await Admin.DeleteAsync($"{Goals}/{id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var again = await Admin.DeleteAsync($"{Goals}/{id}");
        await Json.AssertProblemAsync(again, 404, "goalId");
    }

    [Theory]
    [InlineData("""{"metric":"signup","period":"week","target":5}""", "metric")]
    [InlineData("""{"metric":"signups","period":"year","target":5}""", "period")]
    [InlineData("""{"metric":"signups","period":"week","target":0}""", "target")]
    [InlineData("""{"metric":"signups","period":"week"}""", "target")]
    public async Task AddGoal_BadField_ProblemNamesIt(string body, string field)
    {
        using var response = await Admin.PostAsync(Goals, Json.Raw(body));

        await Json.AssertProblemAsync(response, 400, field);
    }

    [Fact]
    public async Task ReplaceGoal_Unknown_NotFound()
    {
        using var response = await Admin.PutAsync($"{Goals}/999", Json.Body(new { metric = "signups", period = "week", target = 5 }));

        await Json.AssertProblemAsync(response, 404, "goalId");
    }

    [Fact]
    public async Task Progress_Today_EachGoalAgainstItsPeriod()
    {
        await AddGoalAsync("signups", "week", 4);
        await AddGoalAsync("revenue", "month", 30_000);
        await AddGoalAsync("visitors", "week", 8);
        await AddGoalAsync("orders", "week", 1);
        await AddGoalAsync("activeUsers", "week", 10);
        await AddGoalAsync("pageViews", "day", 4);

        var rows = (JsonArray)await Admin.GetJsonAsync($"{Goals}/progress");

        Assert.Equal(
            [
                "signups week 2026-W47 2026-11-16..2026-11-22 2 50",
                "revenue month 2026-11 2026-11-01..2026-11-30 15000 50",
                // u1, u2 and u4 had events this week.
                "visitors week 2026-W47 2026-11-16..2026-11-22 3 37.5",
                "orders week 2026-W47 2026-11-16..2026-11-22 2 200",
                // 1, 1, 2 and 2 users on Monday to Thursday.
                "activeUsers week 2026-W47 2026-11-16..2026-11-22 1.5 15",
                "pageViews day 2026-11-19 2026-11-19..2026-11-19 2 50",
            ],
            rows.Select(row => $"{row!["goal"]!["metric"]} {row["goal"]!["period"]} {row["period"]} {row["from"]}..{row["to"]} {row["actual"]} {row["achievementPercent"]}"));
    }

    [Fact]
    public async Task Progress_EarlierDateAndOnePeriodKind_ThatWeekOnly()
    {
        await AddGoalAsync("signups", "week", 4);
        await AddGoalAsync("signups", "month", 40);

        var rows = (JsonArray)await Admin.GetJsonAsync($"{Goals}/progress?period=week&date=2026-11-15");

        var row = Assert.Single(rows)!;
        Assert.Equal(("2026-W46", 1d, 25d), ((string)row["period"]!, (double)row["actual"]!, (double)row["achievementPercent"]!));
    }

    [Theory]
    [InlineData("period=year", "period")]
    [InlineData("date=19.11.2026", "date")]
    public async Task Progress_BadQuery_ProblemNamesIt(string query, string field)
    {
        using var response = await Admin.GetAsync($"{Goals}/progress?{query}");

        await Json.AssertProblemAsync(response, 400, field);
    }

    [Fact]
    public async Task Revenue_LastSevenDays_SumsArpuMonthAndPlans()
    {
        var report = await Admin.GetJsonAsync($"{Revenue}?days=7");

        Assert.Equal(("2026-11-13", "2026-11-20", 7), ((string)report["first"]!, (string)report["end"]!, ((JsonArray)report["days"]!).Count));
        Assert.Equal((15000d, 0d), ((double)report["revenue"]!["value"]!, (double)report["revenue"]!["previous"]!));
        Assert.Null(report["revenue"]!["changePercent"]);
        // u1 to u4 were active; u3 only on the Sunday.
        Assert.Equal((4d, 3750d), ((double)report["activeUsers"]!["value"]!, (double)report["averageRevenuePerUser"]!["value"]!));
        Assert.Equal(15000d, (double)report["monthToDate"]!["value"]!);
        Assert.Equal(("KRW", "₩"), ((string)report["settings"]!["currency"]!, (string)report["settings"]!["symbol"]!));
        // u1's latest plan is pro; u2's and u3's basic (their signups); u4 has none, so no plan's ARPU counts them.
        Assert.Equal(
            ["pro 12000 1 1 12000 80", "basic 3000 1 2 1500 20"],
            ((JsonArray)report["breakdown"]!).Select(group =>
                $"{group!["value"]} {group["revenue"]!["value"]} {group["orders"]!["value"]} {group["activeUsers"]!["value"]} {group["averageRevenuePerUser"]!["value"]} {group["sharePercent"]}"));
    }

    [Fact]
    public async Task Revenue_OrdersTheWeekBefore_EachPlanAgainstItsOwnWeekBefore()
    {
        await Ingest.PostEventsAsync(
            Event("order", "u5", "2026-11-10T10:00:00+09:00", new { amount = 4000, plan = "pro" }),
            Event("$pageview", "u6", "2026-11-11T10:00:00+09:00", new { plan = "pro" }),
            Event("order", "u7", "2026-11-12T10:00:00+09:00", new { amount = 1000, plan = "team" }));
        await Server.WaitUntilStoredAsync();

        var report = await Admin.GetJsonAsync($"{Revenue}?days=7&by=plan");

        // The week before: pro ₩4,000 over u5 and u6, team ₩1,000 over u7; this week pro ₩12,000 over u1.
        Assert.Equal(
            [
                "pro 12000/4000/200 1/2/-50 12000/2000/500",
                "basic 3000/0/ 2/0/ 1500//",
                "team 0/1000/-100 0/1/-100 /1000/",
            ],
            ((JsonArray)report["breakdown"]!).Select(group =>
                $"{group!["value"]} {Compared(group["revenue"]!)} {Compared(group["activeUsers"]!)} {Compared(group["averageRevenuePerUser"]!)}"));
        Assert.Equal((5000d, 3d), ((double)report["revenue"]!["previous"]!, (double)report["activeUsers"]!["previous"]!));
    }

    [Fact]
    public async Task Revenue_BreakdownCsv_EachPlanWithArpuAndTheDaysBefore()
    {
        var rows = await Admin.GetCsvAsync($"{Revenue}?days=7&format=csv&part=breakdown");

        Assert.Equal(
            [
                ["plan", "Revenue (KRW)", "Orders", "Active users", "ARPU (KRW)", "Share (%)",
                    "Revenue (KRW) (days before)", "Orders (days before)", "Active users (days before)", "ARPU (KRW) (days before)"],
                ["pro", "12000", "1", "1", "12000", "80", "0", "0", "0", ""],
                ["basic", "3000", "1", "2", "1500", "20", "0", "0", "0", ""],
            ],
            rows);
    }

    [Fact]
    public async Task Revenue_ThirtyDays_ComparedWithTheThirtyBefore()
    {
        var report = await Admin.GetJsonAsync($"{Revenue}?days=30&by=plan");

        Assert.Equal(("2026-10-21", 20000d, 3d), ((string)report["first"]!, (double)report["revenue"]!["value"]!, (double)report["orders"]!["value"]!));
    }

    [Fact]
    public async Task Revenue_OtherPropertySaved_SumsThatProperty()
    {
        using var saved = await Admin.PutAsync($"{Revenue}/settings", Json.Body(new { property = "price", currency = "USD" }));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);

        var report = await Admin.GetJsonAsync($"{Revenue}?days=7");

        Assert.Equal((0d, 2d, "$"), ((double)report["revenue"]!["value"]!, (double)report["orders"]!["value"]!, (string)report["settings"]!["symbol"]!));
        Assert.Equal("price", (string)(await Admin.GetJsonAsync($"{Revenue}/settings"))["property"]!);
    }

    [Theory]
    [InlineData("""{"property":"amount","currency":"won"}""", "currency")]
    [InlineData("""{"property":"","currency":"KRW"}""", "property")]
    public async Task RevenueSettings_Bad_ProblemNamesTheField(string body, string field)
    {
        using var response = await Admin.PutAsync($"{Revenue}/settings", Json.Raw(body));

        await Json.AssertProblemAsync(response, 400, field);
    }

    [Theory]
    [InlineData("days=14", "days")]
    [InlineData("format=xml", "format")]
    [InlineData("part=plans", "part")]
    [InlineData("by=a%22b", "by")]
    public async Task Revenue_BadQuery_ProblemNamesIt(string query, string field)
    {
        using var response = await Admin.GetAsync($"{Revenue}?{query}");

        await Json.AssertProblemAsync(response, 400, field);
    }

    [Fact]
    public async Task Revenue_Csv_DaysOfTheChartWithBom()
    {
        using var response = await Admin.GetAsync($"{Revenue}?days=7&format=csv");

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("revenue-7d.csv", response.Content.Headers.ContentDisposition?.FileName);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.Equal(
            "Date,Revenue (KRW),Orders\r\n2026-11-13,0,0\r\n2026-11-14,0,0\r\n2026-11-15,0,0\r\n2026-11-16,0,0\r\n2026-11-17,12000,1\r\n2026-11-18,3000,1\r\n2026-11-19,0,0\r\n",
            Encoding.UTF8.GetString(bytes[3..]));
    }

    private static string Compared(JsonNode comparison) => $"{comparison["value"]}/{comparison["previous"]}/{comparison["changePercent"]}";

    private static object Event(string name, string user, string at, object? properties = null) =>
        new { @event = name, distinct_id = user, timestamp = at, properties };

    private async Task AddGoalAsync(string metric, string period, double target)
    {
        using var response = await Admin.PostAsync(Goals, Json.Body(new { metric, period, target }));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}

public sealed class SqliteGoalEndpointsTests() : GoalEndpointsTests(Backend.Sqlite);

public sealed class PostgresClickHouseGoalEndpointsTests() : GoalEndpointsTests(Backend.PostgresClickHouse);
