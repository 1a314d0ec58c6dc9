using Vigil.Core.Alerts;

namespace Vigil.Core.Tests.Alerts;

public sealed class DurationTextTests
{
    [Theory]
    [InlineData("0", 0)]
    [InlineData("0s", 0)]
    [InlineData("500ms", 500)]
    [InlineData("30s", 30_000)]
    [InlineData("1min", 60_000)]
    [InlineData("10min", 600_000)]
    [InlineData("15m", 900_000)]
    [InlineData("2h", 7_200_000)]
    [InlineData("1d", 86_400_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("1h30min", 5_400_000)]
    [InlineData("1d2h3m4s5ms", 93_784_005)]
    [InlineData("90s", 90_000)]
    public void TryParse_ValidText_ReturnsMilliseconds(string text, long expectedMilliseconds)
    {
        var parsed = DurationText.TryParse(text, out var duration);

        Assert.True(parsed);
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), duration);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("10")]
    [InlineData("-5m")]
    [InlineData("1.5h")]
    [InlineData("10 min")]
    [InlineData(" 10m")]
    [InlineData("10mins")]
    [InlineData("10M")]
    [InlineData("m")]
    [InlineData("30m1h")]
    [InlineData("1h1h")]
    [InlineData("1m1min")]
    [InlineData("1w")]
    [InlineData("99999999999999999999d")]
    [InlineData("20000000000d")]
    public void TryParse_InvalidText_ReturnsFalse(string? text)
    {
        var parsed = DurationText.TryParse(text, out var duration);

        Assert.False(parsed);
        Assert.Equal(TimeSpan.Zero, duration);
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(500, "500ms")]
    [InlineData(30_000, "30s")]
    [InlineData(600_000, "10min")]
    [InlineData(5_400_000, "1h30min")]
    [InlineData(14_400_000, "4h")]
    [InlineData(86_400_000, "1d")]
    [InlineData(93_784_005, "1d2h3min4s5ms")]
    public void Format_KnownDurations_WritesLargestUnitsFirst(long milliseconds, string expected)
    {
        var text = DurationText.Format(TimeSpan.FromMilliseconds(milliseconds));

        Assert.Equal(expected, text);
    }

    [Theory]
    [InlineData("1h30m")]
    [InlineData("45s")]
    [InlineData("3d12h")]
    [InlineData("250ms")]
    public void Format_ParsedDuration_ParsesBackToTheSameValue(string text)
    {
        DurationText.TryParse(text, out var duration);

        var parsedBack = DurationText.TryParse(DurationText.Format(duration), out var roundTripped);

        Assert.True(parsedBack);
        Assert.Equal(duration, roundTripped);
    }

    [Fact]
    public void Format_SubMillisecondPart_IsDropped()
    {
        var text = DurationText.Format(TimeSpan.FromSeconds(2) + TimeSpan.FromTicks(42));

        Assert.Equal("2s", text);
    }

    [Fact]
    public void Format_Negative_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DurationText.Format(TimeSpan.FromSeconds(-1)));
    }
}
