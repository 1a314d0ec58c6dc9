using Vigil.Core.Metrics;

namespace Vigil.Core.Tests.Metrics;

public sealed class ChangeTests
{
    [Theory]
    [InlineData(110, 100, 10)]
    [InlineData(90, 100, -10)]
    [InlineData(200, 100, 100)]
    [InlineData(0, 5, -100)]
    [InlineData(3, 3, 0)]
    [InlineData(1, 8, -87.5)]
    public void Percent_KnownValues_ReturnsPercentChange(double current, double previous, double expected)
    {
        var actual = Change.Percent(current, previous);

        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData(1, 3, -66.7)] // −66.666…
    [InlineData(2, 3, -33.3)] // −33.333…
    [InlineData(7, 6, 16.7)] // 16.666…
    [InlineData(8, 7, 14.3)] // 14.285…
    [InlineData(1, 6, -83.3)] // −83.333…
    [InlineData(1000, 999, 0.1)] // 0.1001…
    [InlineData(100.04, 100, 0)] // 0.04
    public void Percent_RepeatingDecimal_RoundsToOneDecimal(double current, double previous, double expected)
    {
        var actual = Change.Percent(current, previous);

        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData(null, 100.0)]
    [InlineData(100.0, null)]
    [InlineData(null, null)]
    [InlineData(100.0, 0.0)]
    [InlineData(0.0, 0.0)]
    public void Percent_MissingOrZeroPrevious_ReturnsNull(double? current, double? previous)
    {
        var actual = Change.Percent(current, previous);

        Assert.Null(actual);
    }
}
