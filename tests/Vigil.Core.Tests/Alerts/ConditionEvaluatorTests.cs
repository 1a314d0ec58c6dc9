using Vigil.Core.Alerts;

namespace Vigil.Core.Tests.Alerts;

public sealed class ConditionEvaluatorTests
{
    private static readonly MetricReference ErrorRate = new(AlertMetric.ErrorRate);
    private static readonly MetricReference Signups = new(AlertMetric.Signups);

    private static Func<MetricQuery, double?> Values(params (MetricQuery Query, double? Value)[] values) =>
        query => values.FirstOrDefault(pair => pair.Query == query).Value;

    [Theory]
    [InlineData(ComparisonOperator.Greater, 1.0, Outcome.False)]
    [InlineData(ComparisonOperator.Greater, 0.5, Outcome.True)]
    [InlineData(ComparisonOperator.GreaterOrEqual, 1.0, Outcome.True)]
    [InlineData(ComparisonOperator.Less, 1.0, Outcome.False)]
    [InlineData(ComparisonOperator.LessOrEqual, 1.0, Outcome.True)]
    [InlineData(ComparisonOperator.Equal, 1.0, Outcome.True)]
    [InlineData(ComparisonOperator.NotEqual, 1.0, Outcome.False)]
    public void Evaluate_EachOperator_ComparesValueWithThreshold(ComparisonOperator op, double threshold, Outcome expected)
    {
        var condition = new Comparison(ErrorRate, op, new Threshold(threshold));

        Assert.Equal(expected, ConditionEvaluator.Evaluate(condition, Values((MetricQuery.For(ErrorRate), 1.0))));
    }

    [Fact]
    public void Evaluate_NoValue_IsNoData()
    {
        var condition = new Comparison(ErrorRate, ComparisonOperator.Greater, new Threshold(1));

        Assert.Equal(Outcome.NoData, ConditionEvaluator.Evaluate(condition, Values()));
    }

    [Theory]
    [InlineData(30.0, 100.0, Outcome.True)]
    [InlineData(60.0, 100.0, Outcome.False)]
    [InlineData(59.0, 100.0, Outcome.True)]
    [InlineData(0.0, 0.0, Outcome.False)]
    public void Evaluate_ShareOfLastWeek_ComparesWithTheSameWindowSevenDaysEarlier(double today, double lastWeek, Outcome expected)
    {
        var condition = new Comparison(Signups, ComparisonOperator.Less, new Threshold(0.6, Baseline.LastWeek));
        var values = Values((MetricQuery.For(Signups), today), (MetricQuery.For(Signups, daysBack: 7), lastWeek));

        Assert.Equal(expected, ConditionEvaluator.Evaluate(condition, values));
    }

    [Fact]
    public void Queries_Baseline_AsksForTheMetricNowAndOnTheBaselineDay()
    {
        var condition = new Comparison(Signups, ComparisonOperator.Less, new Threshold(0.6, Baseline.Yesterday));

        Assert.Equal([new MetricQuery(AlertMetric.Signups, null, null, 0), new MetricQuery(AlertMetric.Signups, null, null, 1)], ConditionEvaluator.Queries(condition));
    }

    [Fact]
    public void Queries_DefaultWindows_AreFiveMinutesOrToday()
    {
        var condition = new AllOf(new Comparison(ErrorRate, ComparisonOperator.Greater, new Threshold(1)), new Comparison(Signups, ComparisonOperator.Less, new Threshold(1)));

        Assert.Equal([new MetricQuery(AlertMetric.ErrorRate, null, TimeSpan.FromMinutes(5)), new MetricQuery(AlertMetric.Signups, null, null)], ConditionEvaluator.Queries(condition));
    }

    [Theory]
    [InlineData(Outcome.True, Outcome.True, Outcome.True, Outcome.True)]
    [InlineData(Outcome.True, Outcome.False, Outcome.False, Outcome.True)]
    [InlineData(Outcome.False, Outcome.NoData, Outcome.False, Outcome.NoData)]
    [InlineData(Outcome.True, Outcome.NoData, Outcome.NoData, Outcome.True)]
    [InlineData(Outcome.NoData, Outcome.NoData, Outcome.NoData, Outcome.NoData)]
    [InlineData(Outcome.False, Outcome.False, Outcome.False, Outcome.False)]
    public void Evaluate_AndOr_FollowThreeValuedLogic(Outcome left, Outcome right, Outcome expectedAnd, Outcome expectedOr)
    {
        var leftCondition = AboveZero(AlertMetric.ErrorRate);
        var rightCondition = AboveZero(AlertMetric.Uptime);
        var values = Values((MetricQuery.For(new MetricReference(AlertMetric.ErrorRate)), ValueFor(left)), (MetricQuery.For(new MetricReference(AlertMetric.Uptime)), ValueFor(right)));

        Assert.Equal(expectedAnd, ConditionEvaluator.Evaluate(new AllOf(leftCondition, rightCondition), values));
        Assert.Equal(expectedOr, ConditionEvaluator.Evaluate(new AnyOf(leftCondition, rightCondition), values));
    }

    [Fact]
    public void Describe_ValuesInTheirUnits_WithBaseline()
    {
        var condition = new AnyOf(
            new Comparison(new MetricReference(AlertMetric.P95ResponseTime), ComparisonOperator.Greater, new Threshold(3000)),
            new Comparison(Signups, ComparisonOperator.Less, new Threshold(0.6, Baseline.LastWeek)));
        var values = Values(
            (MetricQuery.For(new MetricReference(AlertMetric.P95ResponseTime)), 3420.4),
            (MetricQuery.For(Signups), 12),
            (MetricQuery.For(Signups, daysBack: 7), 1040));

        Assert.Equal("p95_response_time = 3,420 ms, signups = 12 (last week 1,040)", ConditionEvaluator.Describe(condition, values));
    }

    [Fact]
    public void Describe_OneMetricOverTwoWindows_NamesEachWindow()
    {
        var recent = new MetricReference(AlertMetric.ErrorRate);
        var longer = new MetricReference(AlertMetric.ErrorRate, Window: TimeSpan.FromMinutes(15));
        var condition = new AllOf(
            new Comparison(recent, ComparisonOperator.Greater, new Threshold(5)),
            new Comparison(longer, ComparisonOperator.Greater, new Threshold(1)));
        var values = Values((MetricQuery.For(recent), 6.5), (MetricQuery.For(longer), 1.25));

        Assert.Equal("error_rate = 6.5%, error_rate[15min] = 1.25%", ConditionEvaluator.Describe(condition, values));
    }

    [Fact]
    public void Describe_NoValue_SaysNoData()
    {
        var condition = new Comparison(new MetricReference(AlertMetric.Uptime), ComparisonOperator.Less, new Threshold(99));

        Assert.Equal("uptime = no data", ConditionEvaluator.Describe(condition, Values()));
    }

    // "metric > 0" is true for 1, false for 0, no data for null.
    private static Comparison AboveZero(AlertMetric metric) => new(new MetricReference(metric), ComparisonOperator.Greater, new Threshold(0));

    private static double? ValueFor(Outcome outcome) => outcome switch
    {
        Outcome.True => 1,
        Outcome.False => 0,
        _ => null,
    };
}
