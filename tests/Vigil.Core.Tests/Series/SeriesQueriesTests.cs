using Vigil.Core.Metrics;
using Vigil.Core.Series;

namespace Vigil.Core.Tests.Series;

public sealed class SeriesQueriesTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 21, 5, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TryParseList_EveryOperatorAndEscapes_MatchesLikePromQL()
    {
        Assert.True(LabelMatcher.TryParseList("""{method="GET", status=~"5..",route!="/healthz", job!~"test.*", note="say \"hi\""}""", out var matchers, out _));

        Assert.Equal(
            [new("method", MatchOperator.Equal, "GET"), new("status", MatchOperator.Matches, "5.."), new("route", MatchOperator.NotEqual, "/healthz"),
             new("job", MatchOperator.DoesNotMatch, "test.*"), new LabelMatcher("note", MatchOperator.Equal, "say \"hi\"")],
            matchers.Select(matcher => new LabelMatcher(matcher.Name, matcher.Operator, matcher.Value)));
        var series = Series(("method", "GET"), ("status", "503"), ("route", "/orders"), ("note", "say \"hi\""));
        Assert.All(matchers, matcher => Assert.True(matcher.Matches(series)));
        Assert.False(new LabelMatcher("status", MatchOperator.Matches, "5").Matches(series));
        Assert.True(new LabelMatcher("missing", MatchOperator.Equal, "").Matches(series));
    }

    [Theory]
    [InlineData("method", "expected label=\"value\"")]
    [InlineData("method=GET", "double-quoted value")]
    [InlineData("method=\"GET\" route=\"/\"", "expected ','")]
    [InlineData("status=~\"(\"", "not a regular expression")]
    public void TryParseList_BadText_SaysWhatIsWrong(string text, string expected)
    {
        Assert.False(LabelMatcher.TryParseList(text, out _, out var problem));
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Aggregate_GaugeSumByLabel_AddsEachSeriesNewestValuePerStep()
    {
        var a = Series(("instance", "a"), ("region", "kr"));
        var b = Series(("instance", "b"), ("region", "kr"));
        var c = Series(("instance", "c"), ("region", "us"));
        var minutes = new[]
        {
            Minute(a, 0, 10, 12), Minute(a, 1, 14, 20), Minute(b, 1, 5, 5), Minute(c, 0, 100, 100), Minute(c, 3, 1, 1),
        };

        var groups = SeriesQueries.Aggregate([a, b, c], minutes, SeriesAggregation.Sum, ["region"], Start, Start.AddMinutes(4), TimeSpan.FromMinutes(2));

        Assert.Equal(2, groups.Count);
        Assert.Equal([KeyValuePair.Create("region", "kr")], groups[0].Labels);
        Assert.Equal([25.0, null], groups[0].Points.Select(point => point.Value));
        Assert.Equal([100.0, 1], groups[1].Points.Select(point => point.Value));
        Assert.Equal(Start.AddMinutes(2), groups[1].Points[1].Start);
    }

    [Fact]
    public void Value_CounterRate_IsTheIncreasePerSecond()
    {
        var rollup = new MinuteRollup();
        rollup.AddIncrease(30, 130, Start);
        rollup.AddIncrease(90, 220, Start.AddSeconds(30));

        Assert.Equal(120, SeriesQueries.Value(SeriesAggregation.Increase, [rollup], TimeSpan.FromMinutes(1)));
        Assert.Equal(2, SeriesQueries.Value(SeriesAggregation.Rate, [rollup], TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public void Value_HistogramQuantilesFromMergedSketches_WithinOnePercent()
    {
        var first = new MinuteRollup();
        var second = new MinuteRollup();
        var sketch = new LatencySketch();
        for (var value = 1; value <= 50; value++)
        {
            sketch.Add(value * HistogramSketches.Scale);
        }
        first.AddHistogram(50, Enumerable.Range(1, 50).Sum(), sketch, Start);
        sketch = new LatencySketch();
        for (var value = 51; value <= 100; value++)
        {
            sketch.Add(value * HistogramSketches.Scale);
        }
        second.AddHistogram(50, Enumerable.Range(51, 50).Sum(), sketch, Start);

        Assert.Equal(95, SeriesQueries.Value(SeriesAggregation.P95, [first, second], TimeSpan.FromMinutes(1))!.Value, 95 * 0.01);
        Assert.Equal(50, SeriesQueries.Value(SeriesAggregation.P50, [first, second], TimeSpan.FromMinutes(1))!.Value, 50 * 0.01);
        Assert.Equal(50.5, SeriesQueries.Value(SeriesAggregation.Avg, [first, second], TimeSpan.FromMinutes(1)));
        Assert.Equal(100, SeriesQueries.Value(SeriesAggregation.Increase, [first, second], TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public void DefaultFor_EachKind()
    {
        Assert.Equal(
            [SeriesAggregation.Avg, SeriesAggregation.Increase, SeriesAggregation.P95],
            new[] { SeriesKind.Gauge, SeriesKind.Counter, SeriesKind.Histogram }.Select(SeriesQueries.DefaultFor));
    }

    private static NamedSeries Series(params (string Name, string Value)[] labels) =>
        new(1, "ws_connections", labels.Select(label => KeyValuePair.Create(label.Name, label.Value)).ToList(), SeriesKind.Gauge, "");

    private static SeriesMinute Minute(NamedSeries series, int minute, double first, double last)
    {
        var rollup = new MinuteRollup();
        rollup.AddGauge(first, Start.AddMinutes(minute));
        rollup.AddGauge(last, Start.AddMinutes(minute).AddSeconds(30));
        return new SeriesMinute(1, series.Id, Start.AddMinutes(minute), rollup);
    }
}
