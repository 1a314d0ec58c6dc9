using Vigil.Core.Budgets;

namespace Vigil.Core.Tests.Budgets;

public sealed class ByteSizeTests
{
    [Theory]
    [InlineData("800KB", 800_000)]
    [InlineData("800 kB", 800_000)]
    [InlineData("1.5MB", 1_500_000)]
    [InlineData(" 1.5 mb ", 1_500_000)]
    [InlineData("120KiB", 122_880)]
    [InlineData("1MiB", 1_048_576)]
    [InlineData("2GB", 2_000_000_000)]
    [InlineData("5000", 5000)]
    [InlineData("5000 B", 5000)]
    [InlineData("0.0015 KB", 2)]
    public void Parse_DecimalAndBinaryUnits_Bytes(string text, long expected) => Assert.Equal(expected, ByteSize.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("KB")]
    [InlineData("800 KBs")]
    [InlineData("-5KB")]
    [InlineData("0")]
    [InlineData("1,5MB")]
    [InlineData("2TB")]
    [InlineData("1001GB")]
    public void Parse_NoSizeOrOutOfRange_Null(string text) => Assert.Null(ByteSize.Parse(text));

    [Theory]
    [InlineData(950, "950 B")]
    [InlineData(812_345, "812.3 KB")]
    [InlineData(1_500_000, "1.5 MB")]
    [InlineData(999_999, "1000 KB")]
    [InlineData(2_000_000_000, "2 GB")]
    public void Format_LargestUnitOneDecimal(long bytes, string expected) => Assert.Equal(expected, ByteSize.Format(bytes));

    [Theory]
    [InlineData(800_000, "800 KB")]
    [InlineData(812_345, "812.345 KB")]
    [InlineData(1_500_000, "1.5 MB")]
    [InlineData(1_500_001, "1500.001 KB")]
    [InlineData(3_000_000_000, "3 GB")]
    [InlineData(42, "42 B")]
    public void FormatExact_ParsesBackToTheSameBytes(long bytes, string expected)
    {
        Assert.Equal(expected, ByteSize.FormatExact(bytes));
        Assert.Equal(bytes, ByteSize.Parse(ByteSize.FormatExact(bytes)));
    }
}
