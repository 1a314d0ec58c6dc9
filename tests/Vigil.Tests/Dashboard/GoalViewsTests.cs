using System.Globalization;
using Vigil.Core.Goals;
using Vigil.Core.Revenue;
using Vigil.Dashboard;

namespace Vigil.Tests.Dashboard;

public sealed class GoalViewsTests
{
    private static readonly CultureInfo Korean = CultureInfo.GetCultureInfo("ko-KR");

    [Theory]
    [InlineData("10,000,000", 10_000_000.0)]
    [InlineData(" ₩500 ", 500.0)]
    [InlineData("$12.50", 12.5)]
    [InlineData("1e3", 1000.0)]
    [InlineData("many", null)]
    [InlineData("", null)]
    public void ParseTarget_TypedText_NumberOrNull(string text, double? expected) =>
        Assert.Equal(expected, GoalViews.ParseTarget(text));

    [Fact]
    public void Amount_PerMetric_MoneyAverageOrWhole()
    {
        var won = RevenueSettings.Default;

        Assert.Equal("₩10,000,000", GoalViews.Amount(GoalMetric.Revenue, 10_000_000, won, Korean));
        Assert.Equal("$1,234.50", GoalViews.Amount(GoalMetric.Revenue, 1234.5, new RevenueSettings("amount", "USD"), CultureInfo.GetCultureInfo("en-US")));
        Assert.Equal("1.5", GoalViews.Amount(GoalMetric.ActiveUsers, 1.5, won, Korean));
        Assert.Equal("1,000", GoalViews.Amount(GoalMetric.Signups, 1000, won, Korean));
    }

    [Theory]
    [InlineData(12.5, "▲ 12.5%", "trend trend-good")]
    [InlineData(-3.0, "▼ 3%", "trend trend-bad")]
    [InlineData(null, "—", "trend trend-flat")]
    public void Change_Percent_ArrowAndClass(double? percent, string text, string cssClass) =>
        Assert.Equal((text, cssClass), (GoalViews.Change(percent, CultureInfo.InvariantCulture), GoalViews.ChangeClass(percent)));

    [Theory]
    [InlineData(37.5, "37.5%", "goal-bar")]
    [InlineData(85.0, "85%", "goal-bar goal-bar-near")]
    [InlineData(200.0, "100%", "goal-bar goal-bar-done")]
    public void Bar_Achievement_WidthCappedAndColoured(double percent, string width, string cssClass) =>
        Assert.Equal((width, cssClass), (GoalViews.BarWidth(percent), GoalViews.BarClass(percent)));
}
