using Vigil.Core.Goals;

namespace Vigil.Core.Tests.Goals;

public sealed class GoalRulesTests
{
    [Theory]
    [InlineData(480, 500, 96.0)]
    [InlineData(1250, 1000, 125.0)]
    [InlineData(1, 3, 33.3)]
    [InlineData(0, 10_000_000, 0.0)]
    public void AchievementPercent_ActualAndTarget_PercentOneDecimal(double actual, double target, double expected) =>
        Assert.Equal(expected, GoalRules.AchievementPercent(actual, target));

    [Theory]
    [InlineData("signup", "week", 500.0, null, "metric")]
    [InlineData("signups", "year", 500.0, null, "period")]
    [InlineData("signups", "week", 0.0, null, "target")]
    [InlineData("signups", "week", double.NaN, null, "target")]
    [InlineData("signups", "week", null, null, "target")]
    public void Check_BadPart_NamesTheField(string? metric, string? period, double? target, string? label, string field) =>
        Assert.Equal(field, GoalRules.Check(metric, period, target, label)?.Field);

    [Fact]
    public void Check_LongLabel_NamesLabel() =>
        Assert.Equal("label", GoalRules.Check("revenue", "month", 1, new string('x', GoalRules.MaxLabelLength + 1))?.Field);

    [Fact]
    public void Check_EveryMetricAndPeriodByName_Accepted()
    {
        foreach (var metric in GoalRules.Metrics)
        {
            foreach (var period in GoalRules.Periods)
            {
                Assert.Null(GoalRules.Check(GoalRules.Name(metric), GoalRules.Name(period), 1, null));
                Assert.Equal((metric, period), (GoalRules.ParseMetric(GoalRules.Name(metric)), GoalRules.ParsePeriod(GoalRules.Name(period))));
            }
        }
    }
}
