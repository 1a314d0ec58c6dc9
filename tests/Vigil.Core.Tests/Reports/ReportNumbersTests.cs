using Vigil.Core.Reports;

namespace Vigil.Core.Tests.Reports;

public sealed class ReportNumbersTests
{
    [Theory]
    [InlineData(1234, 1097, "+12.5%")]
    [InlineData(97, 100, "−3.0%")]
    [InlineData(40, 40, "0.0%")]
    [InlineData(12, 0, "new")]
    [InlineData(0, 0, "0.0%")]
    [InlineData(0, 25, "−100.0%")]
    [InlineData(1, 3, "−66.7%")]
    [InlineData(2000001, 1000000, "+100.0%")]
    public void Change_CurrentAndPrevious_SignedOneDecimalOrNew(long current, long previous, string expected) =>
        Assert.Equal(expected, ReportNumbers.Change(current, previous, "new"));

    [Fact]
    public void Formats_Numbers_AreTheSameInEveryLanguage()
    {
        Assert.Equal("1,234,567", ReportNumbers.Count(1234567));
        Assert.Equal("99.9%", ReportNumbers.Percent(99.9));
        Assert.Equal("1%", ReportNumbers.Percent(1));
        Assert.Equal("0.42%", ReportNumbers.Percent(0.4249));
        Assert.Equal("7.0%", ReportNumbers.Share(7));
        Assert.Equal("2,000 ms", ReportNumbers.Milliseconds(1999.6));
        Assert.Equal("3.25", ReportNumbers.Number(3.25));
    }
}
