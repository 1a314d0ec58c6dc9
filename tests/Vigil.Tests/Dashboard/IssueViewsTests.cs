using Vigil.Core.Errors;
using Vigil.Dashboard;

namespace Vigil.Tests.Dashboard;

public sealed class IssueViewsTests
{
    [Fact]
    public void SparklineValues_ADay_OnePointPerHour()
    {
        var hourly = Enumerable.Range(0, 24).Select(hour => (long)hour).ToList();

        Assert.Same(hourly, IssueViews.SparklineValues(hourly));
    }

    [Fact]
    public void SparklineValues_SevenDays_OnePointPer24HoursEndingWithTheCurrentHour()
    {
        var hourly = new long[7 * 24];
        hourly[0] = 1;
        hourly[23] = 2;
        hourly[24] = 4;
        hourly[^1] = 8;
        hourly[^24] = 16;

        Assert.Equal([3, 4, 0, 0, 0, 0, 24], IssueViews.SparklineValues(hourly));
    }

    [Fact]
    public void StackGroups_LibraryFramesBetweenAppFrames_InnermostFirstWithTheLibraryRunFolded()
    {
        ErrorFrame[] outermostFirst =
        [
            Frame("/app/src/server.js", "handle"),
            Frame("/app/node_modules/express/lib/router/layer.js", "Layer.handle"),
            Frame("/app/node_modules/express/lib/router/index.js", "next"),
            Frame("/app/src/orders.js", "placeOrder"),
        ];

        var groups = IssueViews.StackGroups(outermostFirst);

        Assert.Equal(
            [(true, false, "placeOrder"), (false, true, "next,Layer.handle"), (true, false, "handle")],
            groups.Select(group => (group.InApp, group.Folded, string.Join(',', group.Frames.Select(frame => frame.Function)))));
    }

    [Fact]
    public void StackGroups_NoAppFrameAtAll_NothingFolded()
    {
        var groups = IssueViews.StackGroups([Frame("node:internal/process/task_queues", "processTicksAndRejections"), Frame("<anonymous>", "JSON.parse")]);

        var group = Assert.Single(groups);
        Assert.Equal((false, false, 2), (group.InApp, group.Folded, group.Frames.Count));
        Assert.Equal("JSON.parse", group.Frames[0].Function);
    }

    [Theory]
    [InlineData("/app/a.js", null, 12, 5, "/app/a.js:12:5")]
    [InlineData("/app/a.js", null, 12, null, "/app/a.js:12")]
    [InlineData(null, "shop.orders", null, null, "shop.orders")]
    [InlineData(null, null, 3, 1, "3:1")]
    public void Location_WhatTheFrameHas_FileLineColumn(string? file, string? module, int? line, int? column, string expected)
    {
        Assert.Equal(expected, IssueViews.Location(new ErrorFrame(module, file, "f", line, column, null)));
    }

    [Theory]
    [InlineData(30, "just now", "방금")]
    [InlineData(-120, "just now", "방금")]
    [InlineData(59 * 60, "59 min ago", "59분 전")]
    [InlineData(47 * 3600 + 3599, "47 h ago", "47시간 전")]
    [InlineData(3 * 86400 + 3600, "3 d ago", "3일 전")]
    public void Ago_Elapsed_RoundedDownInTheLargestFittingUnit(int seconds, string english, string korean)
    {
        Assert.Equal(english, IssuesPageText.English.Ago(TimeSpan.FromSeconds(seconds)));
        Assert.Equal(korean, IssuesPageText.Korean.Ago(TimeSpan.FromSeconds(seconds)));
    }

    private static ErrorFrame Frame(string file, string function) => new(null, file, function, 1, 1, null);
}
