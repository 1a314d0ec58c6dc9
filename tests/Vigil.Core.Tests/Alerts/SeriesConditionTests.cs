using Vigil.Core.Alerts;
using Vigil.Core.Series;
using MatchOperator = Vigil.Core.Series.MatchOperator;

namespace Vigil.Core.Tests.Alerts;

public sealed class SeriesConditionTests
{
    [Fact]
    public void Parse_SeriesWithAggLabelsWindowAndTimeUnit_SelectorAndThresholdInMilliseconds()
    {
        var result = ConditionParser.Parse("series{name=\"db_read_latency\", agg=\"p95\", db=\"main\"}[10m] > 0.2s");

        var comparison = Assert.IsType<Comparison>(result.Condition);
        Assert.Equal(
            new MetricReference(AlertMetric.Series, Window: TimeSpan.FromMinutes(10), Selector: SeriesSelector.Of("db_read_latency", SeriesAggregation.P95, [new LabelMatcher("db", MatchOperator.Equal, "main")])),
            comparison.Metric);
        Assert.Equal(200, comparison.Threshold.Value, 9);
    }

    [Fact]
    public void Parse_SameSelectorWrittenInAnotherOrder_SameQuery()
    {
        var first = (Comparison)ConditionParser.Parse("series{name=\"ws_connections\", node=\"a\", region=\"kr\"} > 1000").Condition!;
        var second = (Comparison)ConditionParser.Parse("series{region=\"kr\", name=\"ws_connections\", node=\"a\"} > 1000").Condition!;

        Assert.Equal(MetricQuery.For(first.Metric), MetricQuery.For(second.Metric));
        Assert.Equal(TimeSpan.FromMinutes(5), MetricQuery.For(first.Metric).Window);
    }

    [Fact]
    public void Parse_EveryMatcherOperator_SelectsAsPromQL()
    {
        var selector = ((Comparison)ConditionParser.Parse(
            "series{name=\"http_requests_total\", status=~\"5..\", route!=\"/healthz\", job!~'test.*', method=\"GET\"} > 1").Condition!).Metric.Selector!;

        Assert.True(selector.Matches(Series(("status", "503"), ("route", "/orders"), ("job", "shop"), ("method", "GET"))));
        Assert.True(selector.Matches(Series(("status", "500"), ("job", "shop"), ("method", "GET"))));
        Assert.False(selector.Matches(Series(("status", "5000"), ("job", "shop"), ("method", "GET"))));
        Assert.False(selector.Matches(Series(("status", "404"), ("job", "shop"), ("method", "GET"))));
        Assert.False(selector.Matches(Series(("status", "500"), ("route", "/healthz"), ("job", "shop"), ("method", "GET"))));
        Assert.False(selector.Matches(Series(("status", "500"), ("job", "test-eu"), ("method", "GET"))));
        Assert.False(selector.Matches(Series(("status", "500"), ("job", "shop"))));
    }

    [Fact]
    public void Parse_MatchersInAnotherOrder_SameSelectorAndDescription()
    {
        var first = ((Comparison)ConditionParser.Parse("series{name=\"x\", a=~\"b.*\", a!=\"bc\", z!~\"q\"} > 1").Condition!).Metric;
        var second = ((Comparison)ConditionParser.Parse("series{z!~\"q\", a!=\"bc\", name=\"x\", a=~\"b.*\"} > 1").Condition!).Metric;

        Assert.Equal(first, second);
        Assert.Equal(MetricQuery.For(first).GetHashCode(), MetricQuery.For(second).GetHashCode());
        Assert.Equal("{name=\"x\", a!=\"bc\", a=~\"b.*\", z!~\"q\"}", first.Selector!.ToString());
    }

    [Theory]
    [InlineData("series > 1", 0, "series needs the metric's name")]
    [InlineData("series{name=\"x\", route=~\"(orders\"} > 1", 24, "the pattern for route is not a regular expression")]
    [InlineData("series{name=\"x\", route!~\"[a-\"} > 1", 24, "the pattern for route is not a regular expression")]
    [InlineData("series{name=~\"x.*\"} > 1", 11, "name takes only '='")]
    [InlineData("series{name=\"x\", agg!=\"p95\"} > 1", 20, "agg takes only '='")]
    [InlineData("series{name=\"x\", name=\"y\"} > 1", 17, "name is given twice")]
    [InlineData("series{name=\"x\", route~\"a\"} > 1", 22, "unexpected character '~'")]
    [InlineData("series{name=\"x\", route>\"a\"} > 1", 22, "expected =, !=, =~ or !~ after route")]
    [InlineData("error_rate =~ 1", 11, "=~ and !~ match labels inside series{…}")]
    [InlineData("series{agg=\"p95\"} > 1", 16, "series needs the metric's name")]
    [InlineData("series{name=\"a.b\"} > 1", 12, "is not a metric name")]
    [InlineData("series{name=\"x\", agg=\"median\"} > 1", 21, "unknown agg 'median'")]
    [InlineData("series{name=\"x\"} > 90%", 21, "write a ratio as 0.9")]
    public void Parse_BadSeries_ErrorAtItsPosition(string text, int offset, string message)
    {
        var error = Assert.Single(ConditionParser.Parse(text).Errors);

        Assert.Equal(offset, error.Offset);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_SeriesValue_NamesTheSelector()
    {
        var condition = ConditionParser.Parse("series{name=\"cache_hit_ratio\", cache=\"redis\"} < 0.9").Condition!;

        Assert.Equal("series{name=\"cache_hit_ratio\", cache=\"redis\"} = 0.85", ConditionEvaluator.Describe(condition, _ => 0.85));
    }

    private static NamedSeries Series(params (string Name, string Value)[] labels) =>
        new(1, "http_requests_total", labels.Select(label => KeyValuePair.Create(label.Name, label.Value)).ToList(), SeriesKind.Counter, "");
}
