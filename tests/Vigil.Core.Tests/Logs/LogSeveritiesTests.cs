using Vigil.Core.Logs;

namespace Vigil.Core.Tests.Logs;

public sealed class LogSeveritiesTests
{
    [Theory]
    [InlineData(1, LogSeverity.Trace)]
    [InlineData(4, LogSeverity.Trace)]
    [InlineData(5, LogSeverity.Debug)]
    [InlineData(9, LogSeverity.Info)]
    [InlineData(12, LogSeverity.Info)]
    [InlineData(13, LogSeverity.Warn)]
    [InlineData(17, LogSeverity.Error)]
    [InlineData(20, LogSeverity.Error)]
    [InlineData(21, LogSeverity.Fatal)]
    [InlineData(24, LogSeverity.Fatal)]
    public void FromNumber_SpecificationRanges_TheirLevel(int number, LogSeverity expected) => Assert.Equal(expected, LogSeverities.FromNumber(number));

    [Theory]
    [InlineData(0)]
    [InlineData(25)]
    [InlineData(-1)]
    public void FromNumber_UnspecifiedOrOutside_Null(int number) => Assert.Null(LogSeverities.FromNumber(number));

    [Theory]
    [InlineData("WARNING", LogSeverity.Warn)]
    [InlineData("Information", LogSeverity.Info)]
    [InlineData("critical", LogSeverity.Fatal)]
    [InlineData(" err ", LogSeverity.Error)]
    [InlineData("dbug", LogSeverity.Debug)]
    public void FromText_LoggersNames_TheirLevel(string text, LogSeverity expected) => Assert.Equal(expected, LogSeverities.FromText(text));

    [Fact]
    public void Of_NumberWinsOverText_TextWithoutNumber_InfoWithNeither()
    {
        Assert.Equal(LogSeverity.Error, LogSeverities.Of(17, "INFO"));
        Assert.Equal(LogSeverity.Warn, LogSeverities.Of(0, "warn"));
        Assert.Equal(LogSeverity.Info, LogSeverities.Of(0, "loud"));
    }

    [Fact]
    public void BaseNumberAndName_EveryLevel_FirstNumberOfItsRangeAndLowerCaseName()
    {
        Assert.Equal([1, 5, 9, 13, 17, 21], Enum.GetValues<LogSeverity>().Select(LogSeverities.BaseNumber));
        Assert.Equal(["trace", "debug", "info", "warn", "error", "fatal"], Enum.GetValues<LogSeverity>().Select(LogSeverities.Name));
    }
}
