using System.Text;
using Vigil.Core.Feedback;
using Vigil.Core.Kpis;
using Vigil.Dashboard;
using Vigil.Feedback;
using Vigil.Kpis;

namespace Vigil.Tests.Kpis;

/// <summary>The tables behind the KPI page's and the NPS chart's CSV downloads, written as the download writes them.</summary>
public sealed class KpiTablesTests
{
    [Fact]
    public void Breakdown_TwoValues_EachFigureThenItsPreviousAndChange()
    {
        IReadOnlyList<Segment<ConversionFigures>> breakdown =
        [
            new("pro", 40, new ConversionFigures(new(40, 20), new(10, 4), new(25, 20))),
            new("(none)", 3, new ConversionFigures(new(3, 0), new(0, 0), new(0, null))),
        ];

        var csv = Write(KpiTables.Breakdown("plan", breakdown, KpiTables.ConversionFigures(KpisPageText.English), KpisPageText.English));

        Assert.Equal(
            "plan,Users,Converted,Converted previous period,Converted change (%),Rate (%),Rate (%) previous period,Rate change (%)\r\n" +
            "pro,40,10,4,150,25,20,25\r\n" +
            "(none),3,0,0,,0,,\r\n",
            csv);
    }

    [Fact]
    public void Breakdown_Korean_HeaderInKorean()
    {
        IReadOnlyList<Segment<Compared>> breakdown = [new("web", 5, new Compared(20, 25))];

        var csv = Write(KpiTables.Breakdown("platform", breakdown, KpiTables.ChurnFigures(KpisPageText.Korean), KpisPageText.Korean));

        Assert.Equal("platform,사용자,비율 (%),비율 (%) 이전 기간,비율 변화율 (%)\r\nweb,5,20,25,-20\r\n", csv);
    }

    [Fact]
    public void FunnelFigures_EachStepAgainstTheSameStepBefore_ThenTheOverallConversion()
    {
        FunnelStep Step(string name, long users) => new(name, users, null, null, 0, null);
        var figures = new FunnelFigures([Step("signup", 10), Step("order", 3)], [Step("signup", 8), Step("order", 4)], new(30, 50));

        var columns = KpiTables.FunnelFigures(["signup", "order"], KpisPageText.English);

        Assert.Equal(["signup", "order", "Overall conversion"], columns.Select(column => column.Label));
        Assert.Equal([new Compared(10, 8), new Compared(3, 4), new Compared(30, 50)], columns.Select(column => column.Of(figures)));
        Assert.Equal(["Overall conversion"], columns.Where(column => column.Percent).Select(column => column.Label));
    }

    [Fact]
    public void ConversionTotal_ARowPerTileFigure()
    {
        var report = new ConversionReport(
            new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30), "plan_upgraded", new ConversionFigures(new(200, 160), new(30, 24), new(15, 15)), null, []);

        var csv = Write(KpiTables.ConversionTotal(report, KpisPageText.English));

        Assert.Equal("Figure,This period,Previous period,Change (%)\r\nSignups,200,160,25\r\nConverted,30,24,25\r\nRate (%),15,15,0\r\n", csv);
    }

    [Fact]
    public void NpsTrend_WeeksWithAndWithoutAnswers_StartDateScoreAndCounts()
    {
        var monday = new DateTimeOffset(2026, 11, 9, 0, 0, 0, TimeSpan.Zero);
        var report = new NpsReport(
            monday, monday.AddDays(14), new NpsCounts(1, 1, 2), NpsTrendStep.Week,
            [new(monday, new NpsCounts(0, 0, 0)), new(monday.AddDays(7), new NpsCounts(1, 1, 2))], []);

        var csv = Write(NpsTables.Trend(report, FeedbackPageText.English));

        Assert.Equal(
            "Period start (UTC),NPS,Responses,Promoters (9–10),Passives (7–8),Detractors (0–6)\r\n2026-11-09,,0,0,0,0\r\n2026-11-16,-25,4,1,1,2\r\n",
            csv);
    }

    private static string Write(ChartTable table) => Encoding.UTF8.GetString(ChartCsv.Write(table)[3..]);
}
