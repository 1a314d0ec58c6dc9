using System.Text;
using System.Text.Json.Nodes;
using Vigil.Dashboard;
using Vigil.Tests.Support;

namespace Vigil.Tests.Dashboard;

/// <summary>Every dashboard chart's data as JSON and as the CSV its "CSV" link downloads, on a seeded month.</summary>
public sealed class ChartCsvTests() : ServerTests(Backend.Sqlite)
{
    private string Charts => $"api/projects/{Server.ProjectId}/charts";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await DashboardSeed.SendAsync(Server, DateTimeOffset.UtcNow, days: 8);
    }

    [Theory]
    [InlineData("traffic", "24h", new[] { "pageViews", "activeUsers" })]
    [InlineData("traffic", "7d", new[] { "pageViews", "activeUsers" })]
    [InlineData("signups", "7d", new[] { "values" })]
    [InlineData("signups", "30d", new[] { "values" })]
    public async Task ChartCsv_SeededSeries_EqualsTheChartsJson(string chart, string range, string[] series)
    {
        var json = await Admin.GetJsonAsync($"{Charts}/{chart}?range={range}");

        var rows = await Admin.GetCsvAsync($"{Charts}/{chart}?range={range}&format=csv");

        var times = (JsonArray)json["times"]!;
        Assert.True(times.Count >= 7, $"{times.Count} points");
        Assert.Equal(times.Count + 1, rows.Count);
        Assert.Contains(series, name => ((JsonArray)json[name]!).Any(value => (double?)value > 0));
        for (var index = 0; index < times.Count; index++)
        {
            string[] expected = [(string)times[index]!, .. series.Select(name => json[name]![index]?.ToJsonString() ?? "")];
            Assert.Equal(expected, rows[index + 1]);
        }
    }

    [Fact]
    public async Task ChartCsv_Plans_OneRowPerSliceAsInJson()
    {
        var json = (JsonArray)await Admin.GetJsonAsync($"{Charts}/plans?range=30d");

        var rows = await Admin.GetCsvAsync($"{Charts}/plans?range=30d&format=csv");

        Assert.Equal(["Plan", "Signups"], rows[0]);
        Assert.Equal(json.Select(slice => new[] { (string)slice!["name"]!, slice["value"]!.ToJsonString() }), rows.Skip(1));
        Assert.Equal(["free", "pro", "team"], rows.Skip(1).Select(row => row[0]).Order());
    }

    [Fact]
    public async Task ChartCsv_AcceptTextCsv_AnswersCsvToo()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{Charts}/traffic?range=7d");
        request.Headers.Accept.ParseAdd("text/csv");

        using var response = await Admin.SendAsync(request);

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("traffic-7d.csv", response.Content.Headers.ContentDisposition?.FileName);
    }

    [Fact]
    public async Task ChartCsv_KoreanPlanWithCommaAndQuotes_QuotedUtf8WithBom()
    {
        await Ingest.PostEventsAsync(
            new { @event = "signup", distinct_id = "k1", properties = new { plan = "프로, \"연간\"" } },
            new { @event = "signup", distinct_id = "k2", properties = new { plan = "프로, \"연간\"" } });
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{Charts}/plans?range=24h&format=csv");
        request.Headers.Add("Cookie", "vigil_lang=ko");

        using var response = await Admin.SendAsync(request);

        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        Assert.StartsWith("요금제,가입\r\n", text);
        Assert.Contains("\r\n\"프로, \"\"연간\"\"\",2\r\n", text);
    }

    [Theory]
    [InlineData("traffic?format=xml", 400, "format")]
    [InlineData("traffic?range=1y", 400, "range")]
    [InlineData("funnel", 404, "chart")]
    public async Task ChartCsv_BadRequest_ProblemNamesTheField(string path, int status, string field)
    {
        using var response = await Admin.GetAsync($"{Charts}/{path}");

        await Json.AssertProblemAsync(response, status, field);
    }

    [Fact]
    public void Write_FieldsWithSeparatorsQuotesAndLineBreaks_Rfc4180()
    {
        var table = new ChartTable(["name", "value"], [["a,b", 1.5], ["say \"hi\"", null], ["two\nlines", 3L], ["plain", new DateOnly(2026, 11, 19)], ["done", true]]);

        var bytes = ChartCsv.Write(table);

        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.Equal("name,value\r\n\"a,b\",1.5\r\n\"say \"\"hi\"\"\",\r\n\"two\nlines\",3\r\nplain,2026-11-19\r\ndone,true\r\n", Encoding.UTF8.GetString(bytes[3..]));
    }
}
