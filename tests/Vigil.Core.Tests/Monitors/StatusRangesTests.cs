using Vigil.Core.Monitors;

namespace Vigil.Core.Tests.Monitors;

public sealed class StatusRangesTests
{
    [Theory]
    [InlineData("200-299", 200, true)]
    [InlineData("200-299", 299, true)]
    [InlineData("200-299", 300, false)]
    [InlineData("200, 301-302", 302, true)]
    [InlineData("200, 301-302", 204, false)]
    [InlineData(" 404 ", 404, true)]
    public void Contains_ListsAndRanges_BoundsIncluded(string text, int status, bool expected)
    {
        Assert.True(StatusRanges.TryParse(text, out var ranges, out _));

        Assert.Equal(expected, ranges.Contains(status));
    }

    [Fact]
    public void Default_AnyTwoOrThreeHundred()
    {
        Assert.Equal("200-399", StatusRanges.Default.ToString());
        Assert.True(StatusRanges.Default.Contains(301));
        Assert.False(StatusRanges.Default.Contains(404));
    }

    [Theory]
    [InlineData("", "write statuses")]
    [InlineData("2xx", "'2xx' is not a status")]
    [InlineData("99", "'99' is not a status")]
    [InlineData("200-", "'200-' is not a status")]
    [InlineData("299-200", "runs backwards")]
    [InlineData("200-250-299", "'200-250-299' is not a status")]
    public void TryParse_Malformed_SaysWhy(string text, string expected)
    {
        Assert.False(StatusRanges.TryParse(text, out _, out var error));

        Assert.Contains(expected, error);
    }

    [Fact]
    public void ToString_ParsedText_WritesItBackNormalized()
    {
        Assert.True(StatusRanges.TryParse("200 ,301-302", out var ranges, out _));

        Assert.Equal("200, 301-302", ranges.ToString());
        Assert.Equal(ranges, StatusRanges.TryParse("200, 301-302", out var again, out _) ? again : null);
    }
}
