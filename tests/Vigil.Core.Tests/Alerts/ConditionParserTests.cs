using Vigil.Core.Alerts;

namespace Vigil.Core.Tests.Alerts;

public sealed class ConditionParserTests
{
    [Theory]
    [InlineData("uptime > 99", ComparisonOperator.Greater)]
    [InlineData("uptime >= 99", ComparisonOperator.GreaterOrEqual)]
    [InlineData("uptime < 99", ComparisonOperator.Less)]
    [InlineData("uptime <= 99", ComparisonOperator.LessOrEqual)]
    [InlineData("uptime == 99", ComparisonOperator.Equal)]
    [InlineData("uptime != 99", ComparisonOperator.NotEqual)]
    [InlineData("uptime<99", ComparisonOperator.Less)]
    public void Parse_EachOperator_ReadsIt(string text, ComparisonOperator expected)
    {
        var comparison = ParseComparison(text);

        Assert.Equal(new Comparison(new MetricReference(AlertMetric.Uptime), expected, new Threshold(99)), comparison);
    }

    [Theory]
    [InlineData("uptime < 99%", AlertMetric.Uptime, 99)]
    [InlineData("uptime < 99.9%", AlertMetric.Uptime, 99.9)]
    [InlineData("uptime < 99.9", AlertMetric.Uptime, 99.9)]
    [InlineData("uptime >= 0%", AlertMetric.Uptime, 0)]
    [InlineData("uptime < 100%", AlertMetric.Uptime, 100)]
    [InlineData("error_rate > 1%", AlertMetric.ErrorRate, 1)]
    [InlineData("error_rate > 0.5", AlertMetric.ErrorRate, 0.5)]
    [InlineData("p95_response_time > 3s", AlertMetric.P95ResponseTime, 3_000)]
    [InlineData("p95_response_time > 1.5s", AlertMetric.P95ResponseTime, 1_500)]
    [InlineData("p99_response_time > 800ms", AlertMetric.P99ResponseTime, 800)]
    [InlineData("avg_response_time > 800", AlertMetric.AvgResponseTime, 800)]
    [InlineData("avg_response_time > 2min", AlertMetric.AvgResponseTime, 120_000)]
    [InlineData("avg_response_time > 2m", AlertMetric.AvgResponseTime, 120_000)]
    [InlineData("avg_response_time > 2 s", AlertMetric.AvgResponseTime, 2_000)]
    [InlineData("active_users < 5", AlertMetric.ActiveUsers, 5)]
    [InlineData("page_views < 100", AlertMetric.PageViews, 100)]
    [InlineData("signups < 1", AlertMetric.Signups, 1)]
    [InlineData("orders == 0", AlertMetric.Orders, 0)]
    [InlineData("apps_created > 2.5", AlertMetric.AppsCreated, 2.5)]
    [InlineData("new_issues > 0", AlertMetric.NewIssues, 0)]
    [InlineData("regressions >= 1", AlertMetric.Regressions, 1)]
    public void Parse_ThresholdWithUnit_ConvertsToBaseUnit(string text, AlertMetric metric, double expected)
    {
        var comparison = ParseComparison(text);

        Assert.Equal(new MetricReference(metric), comparison.Metric);
        Assert.Equal(new Threshold(expected), comparison.Threshold);
    }

    [Theory]
    [InlineData("error_rate[15m] > 1%", AlertMetric.ErrorRate, 900_000)]
    [InlineData("error_rate[ 15m ] > 1%", AlertMetric.ErrorRate, 900_000)]
    [InlineData("p95_response_time[1h30m] > 3s", AlertMetric.P95ResponseTime, 5_400_000)]
    [InlineData("signups[1d] < 10", AlertMetric.Signups, 86_400_000)]
    [InlineData("uptime[30s] < 99%", AlertMetric.Uptime, 30_000)]
    public void Parse_Window_SetsWindow(string text, AlertMetric metric, long milliseconds)
    {
        var comparison = ParseComparison(text);

        Assert.Equal(new MetricReference(metric, null, TimeSpan.FromMilliseconds(milliseconds)), comparison.Metric);
    }

    [Theory]
    [InlineData("events{name=\"checkout\"} < 5")]
    [InlineData("events{name='checkout'} < 5")]
    [InlineData("events{ name = \"checkout\" } < 5")]
    public void Parse_EventsWithName_SetsEventName(string text)
    {
        var comparison = ParseComparison(text);

        Assert.Equal(new Comparison(new MetricReference(AlertMetric.Events, "checkout"), ComparisonOperator.Less, new Threshold(5)), comparison);
    }

    [Fact]
    public void Parse_MonitorUpWithName_ReadsTheMonitorWithItsOwnWindow()
    {
        var comparison = ParseComparison("monitor_up{name=\"api\"} < 1");

        Assert.Equal(new Comparison(new MetricReference(AlertMetric.MonitorUp, "api"), ComparisonOperator.Less, new Threshold(1)), comparison);
        Assert.Null(MetricQuery.For(comparison.Metric).Window);
    }

    [Fact]
    public void Parse_MonitorResponseTimeInSecondsWithWindow_MillisecondsAndTheWindow()
    {
        var comparison = ParseComparison("monitor_response_time{name='checkout api'}[10m] > 2s");

        Assert.Equal(
            new Comparison(new MetricReference(AlertMetric.MonitorResponseTime, "checkout api", TimeSpan.FromMinutes(10)), ComparisonOperator.Greater, new Threshold(2000)),
            comparison);
    }

    [Fact]
    public void Parse_EventsWithNameAndWindow_SetsBoth()
    {
        var comparison = ParseComparison("events{name=\"plan upgraded\"}[1h] == 0");

        Assert.Equal(new MetricReference(AlertMetric.Events, "plan upgraded", TimeSpan.FromHours(1)), comparison.Metric);
    }

    [Theory]
    [InlineData("signups < 60% of last_week", AlertMetric.Signups, 0.6, Baseline.LastWeek)]
    [InlineData("orders > 150% of yesterday", AlertMetric.Orders, 1.5, Baseline.Yesterday)]
    [InlineData("page_views < 50% of yesterday", AlertMetric.PageViews, 0.5, Baseline.Yesterday)]
    [InlineData("events{name=\"checkout\"} < 80% of last_week", AlertMetric.Events, 0.8, Baseline.LastWeek)]
    public void Parse_RelativeToBaseline_ThresholdIsRatio(string text, AlertMetric metric, double ratio, Baseline baseline)
    {
        var comparison = ParseComparison(text);

        Assert.Equal(metric, comparison.Metric.Metric);
        Assert.Equal(baseline, comparison.Threshold.Baseline);
        Assert.Equal(ratio, comparison.Threshold.Value, 12);
    }

    [Fact]
    public void Parse_AndBindsTighterThanOr_OrOfAnd()
    {
        var condition = Parse("uptime < 99 or error_rate > 1 and orders == 0");

        Assert.Equal(new AnyOf(Uptime, new AllOf(ErrorRate, Orders)), condition);
    }

    [Fact]
    public void Parse_AndBeforeOr_OrOfAnd()
    {
        var condition = Parse("uptime < 99 and error_rate > 1 or orders == 0");

        Assert.Equal(new AnyOf(new AllOf(Uptime, ErrorRate), Orders), condition);
    }

    [Fact]
    public void Parse_Parentheses_GroupFirst()
    {
        var condition = Parse("(uptime < 99 or error_rate > 1) and orders == 0");

        Assert.Equal(new AllOf(new AnyOf(Uptime, ErrorRate), Orders), condition);
    }

    [Fact]
    public void Parse_NestedParentheses_Unwrap()
    {
        var condition = Parse("((uptime < 99))");

        Assert.Equal(Uptime, condition);
    }

    [Fact]
    public void Parse_RepeatedAnd_GroupsFromTheLeft()
    {
        var condition = Parse("uptime < 99 and error_rate > 1 and orders == 0");

        Assert.Equal(new AllOf(new AllOf(Uptime, ErrorRate), Orders), condition);
    }

    [Theory]
    [InlineData("", 0, "empty")]
    [InlineData("uptim < 99%", 0, "unknown metric 'uptim'")]
    [InlineData("uptime > 3s", 10, "uptime is a percentage")]
    [InlineData("uptime > 101%", 9, "between 0 and 100")]
    [InlineData("error_rate > 100.5", 13, "between 0 and 100")]
    [InlineData("signups > 5%", 11, "percentage needs a baseline")]
    [InlineData("signups > 5s", 11, "count and takes no unit")]
    [InlineData("p95_response_time > 5%", 21, "is a time")]
    [InlineData("uptime < 3sec", 10, "unknown unit 'sec'")]
    [InlineData("events > 5", 0, "events needs the event's name")]
    [InlineData("events{} > 5", 7, "events needs the event's name")]
    [InlineData("events{name=\"\"} > 5", 12, "event name is empty")]
    [InlineData("events{kind=\"x\"} > 1", 7, "unknown label 'kind'")]
    [InlineData("uptime{name=\"x\"} < 99", 6, "only events, monitor_up and monitor_response_time take labels")]
    [InlineData("monitor_up < 1", 0, "monitor_up needs the monitor's name: monitor_up{name=\"api\"}")]
    [InlineData("monitor_response_time{} > 5", 22, "monitor_response_time needs the monitor's name")]
    [InlineData("monitor_up{name=\"\"} < 1", 16, "monitor name is empty")]
    [InlineData("monitor_up{id=\"1\"} < 1", 11, "unknown label 'id'; monitor_up takes only name")]
    [InlineData("monitor_up{name=\"api\"} < 1%", 26, "takes no unit")]
    [InlineData("monitor_up{name=\"api\"} > 2", 25, "1 (up) or 0 (down), never 2")]
    [InlineData("monitor_up{name=\"api\"} < 50% of last_week", 29, "only counts")]
    [InlineData("monitor_response_time{name=\"api\"} > 5%", 37, "is a time")]
    [InlineData("error_rate[15x] > 1%", 11, "invalid window '15x'")]
    [InlineData("error_rate[0s] > 1%", 11, "invalid window '0s'")]
    [InlineData("uptime < 99% of last_week", 13, "only counts")]
    [InlineData("new_issues > 50% of yesterday", 17, "only counts")]
    [InlineData("signups < 60 of last_week", 10, "as a percentage")]
    [InlineData("signups < 60% of tomorrow", 17, "expected last_week or yesterday")]
    [InlineData("signups > 1,000", 11, "thousands separators")]
    [InlineData("uptime < 99.", 11, "digits after it")]
    [InlineData("uptime = 99", 7, "use ==")]
    [InlineData("uptime ! 99", 7, "!=")]
    [InlineData("uptime <", 8, "expected a number")]
    [InlineData("uptime 99", 7, "expected a comparison")]
    [InlineData("< 99", 0, "expected a metric")]
    [InlineData("uptime < 99 and", 15, "expected a metric")]
    [InlineData("uptime < 99 error_rate > 1", 12, "unexpected 'error_rate'")]
    [InlineData("uptime < 99)", 11, "without a matching '('")]
    [InlineData("(uptime < 99", 12, "expected ')'")]
    [InlineData("uptime < 99 @", 12, "unexpected character '@'")]
    [InlineData("events{name=\"checkout} > 1", 12, "unclosed string")]
    [InlineData("error_rate[15m > 1%", 10, "unclosed '['")]
    public void Parse_Mistake_ReportsItAtItsOffset(string text, int offset, string message)
    {
        var result = ConditionParser.Parse(text);

        Assert.Null(result.Condition);
        var error = Assert.Single(result.Errors);
        Assert.Equal(offset, error.Offset);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Parse_SeveralMeaningErrors_ReportsEveryOneInOrder()
    {
        var result = ConditionParser.Parse("uptime > 3s and signups > 5% or nope < 1");

        Assert.Null(result.Condition);
        Assert.Equal([10, 27, 32], result.Errors.Select(error => error.Offset));
    }

    [Fact]
    public void Parse_MeaningErrorThenSyntaxError_ReportsBoth()
    {
        var result = ConditionParser.Parse("uptim < 99 and");

        Assert.Equal([0, 14], result.Errors.Select(error => error.Offset));
    }

    private static readonly Comparison Uptime = new(new MetricReference(AlertMetric.Uptime), ComparisonOperator.Less, new Threshold(99));
    private static readonly Comparison ErrorRate = new(new MetricReference(AlertMetric.ErrorRate), ComparisonOperator.Greater, new Threshold(1));
    private static readonly Comparison Orders = new(new MetricReference(AlertMetric.Orders), ComparisonOperator.Equal, new Threshold(0));

    private static Condition Parse(string text)
    {
        var result = ConditionParser.Parse(text);
        Assert.Empty(result.Errors);
        return result.Condition!;
    }

    private static Comparison ParseComparison(string text) => Assert.IsType<Comparison>(Parse(text));
}
