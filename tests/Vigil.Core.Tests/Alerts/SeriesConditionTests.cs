using Vigil.Core.Alerts;
using Vigil.Core.Series;

namespace Vigil.Core.Tests.Alerts;

public sealed class SeriesConditionTests
{
    [Fact]
    public void Parse_SeriesWithAggLabelsWindowAndTimeUnit_SelectorAndThresholdInMilliseconds()
    {
        var result = ConditionParser.Parse("series{name=\"db_read_latency\", agg=\"p95\", db=\"main\"}[10m] > 0.2s");

        var comparison = Assert.IsType<Comparison>(result.Condition);
        Assert.Equal(
            new MetricReference(AlertMetric.Series, Window: TimeSpan.FromMinutes(10), Selector: SeriesSelector.Of("db_read_latency", SeriesAggregation.P95, [KeyValuePair.Create("db", "main")])),
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

    [Theory]
    [InlineData("series > 1", 0, "series needs the metric's name")]
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
}
