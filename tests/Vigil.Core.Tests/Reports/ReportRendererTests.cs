using Vigil.Core.Reports;
using Vigil.Testing;

namespace Vigil.Core.Tests.Reports;

/// <summary>
/// Golden tests: the fixed data set of <see cref="SomeReport"/> rendered in each language and format must equal the
/// committed text under golden/ (see <see cref="GoldenFiles"/>). The assembly of a report from stored data has golden
/// files of its own in Vigil.Tests (ReportGoldenTests).
/// </summary>
public sealed class ReportRendererTests
{
    [Theory]
    [InlineData(ReportLanguage.English, ReportFormat.PlainText, "daily.en.txt")]
    [InlineData(ReportLanguage.English, ReportFormat.Slack, "daily.en.slack.txt")]
    [InlineData(ReportLanguage.Korean, ReportFormat.PlainText, "daily.ko.txt")]
    [InlineData(ReportLanguage.Korean, ReportFormat.Slack, "daily.ko.slack.txt")]
    public void Render_DailyDataSet_MatchesGolden(ReportLanguage language, ReportFormat format, string golden) =>
        AssertGolden(golden, ReportRenderer.Render(SomeReport.Daily(), language, format));

    [Theory]
    [InlineData(ReportLanguage.English, ReportFormat.PlainText, "weekly.en.txt")]
    [InlineData(ReportLanguage.English, ReportFormat.Slack, "weekly.en.slack.txt")]
    [InlineData(ReportLanguage.Korean, ReportFormat.PlainText, "weekly.ko.txt")]
    [InlineData(ReportLanguage.Korean, ReportFormat.Slack, "weekly.ko.slack.txt")]
    public void Render_WeeklyDataSet_MatchesGolden(ReportLanguage language, ReportFormat format, string golden) =>
        AssertGolden(golden, ReportRenderer.Render(SomeReport.Weekly(), language, format));

    [Fact]
    public void Subject_DailyAndWeekly_NameProjectAndPeriod()
    {
        Assert.Equal("Daily report — Shop — Fri 2026-11-20", ReportRenderer.Subject(SomeReport.Daily(), ReportLanguage.English));
        Assert.Equal("주간 리뷰 — Shop — 2026-11-16 (월) – 2026-11-22 (일)", ReportRenderer.Subject(SomeReport.Weekly(), ReportLanguage.Korean));
    }

    [Fact]
    public void Render_WeeklyWithoutSources_LeavesTheirSectionsOut()
    {
        var report = SomeReport.Weekly() with { Goals = null, TopFeedback = null, Experiments = null };

        var text = ReportRenderer.Render(report, ReportLanguage.English, ReportFormat.PlainText);

        Assert.DoesNotContain("Goals vs actual", text);
        Assert.DoesNotContain("Top feedback", text);
        Assert.DoesNotContain("Experiments", text);
        Assert.Contains("Top issues", text);
    }

    [Fact]
    public void Render_ExperimentSourceWithNoResult_SaysSo()
    {
        var report = SomeReport.Weekly() with { Experiments = [] };

        var text = ReportRenderer.Render(report, ReportLanguage.Korean, ReportFormat.PlainText);

        Assert.Contains("결과가 나온 실험\n- 결과가 나온 실험 없음\n", text);
    }

    [Fact]
    public void Render_DailyWithoutFeedbackSource_LeavesFeedbackOutAndSaysNoActions()
    {
        var report = SomeReport.Daily() with { Feedback = null, Actions = new ActionItems([], [], null), Events = [] };

        var text = ReportRenderer.Render(report, ReportLanguage.English, ReportFormat.PlainText);

        Assert.DoesNotContain("Feedback", text);
        Assert.Contains("Notable events\n- Nothing unusual\n", text);
        Assert.Contains("Action items\n- None\n", text);
    }

    [Fact]
    public void Render_PerformanceWithoutData_SaysNoDataWithoutAVerdict()
    {
        var report = SomeReport.Daily() with { Performance = [new(PerformanceMetricName.Uptime, null, 99.9)] };

        var text = ReportRenderer.Render(report, ReportLanguage.English, ReportFormat.PlainText);

        Assert.Contains("- Uptime: no data\n", text);
    }

    private static void AssertGolden(string name, string rendered) => GoldenFiles.AssertMatches("Reports/golden", name, rendered);
}
