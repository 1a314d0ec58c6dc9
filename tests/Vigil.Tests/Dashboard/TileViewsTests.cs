using Microsoft.AspNetCore.Http;
using Vigil.Core.Metrics;
using Vigil.Core.Projects;
using Vigil.Dashboard;

namespace Vigil.Tests.Dashboard;

public sealed class TileViewsTests
{
    [Fact]
    public void Reliability_ErrorRateAboveTargetAndRising_IsOutsideTargetAndBadNews()
    {
        var metrics = SomeRealtime.With(errorRate: 2.5, errorRateTrend: 40);

        var tile = TileViews.Reliability(metrics, SomeRealtime.Project(), UiText.English).Single(tile => tile.Key == "errorRate");

        Assert.Equal("2.50", tile.Value);
        Assert.Equal("%", tile.Unit);
        Assert.Equal(TileStatus.OutsideTarget, tile.Status);
        Assert.Equal(TrendDirection.Up, tile.Trend);
        Assert.False(tile.TrendIsGood);
        Assert.Equal("▲ 40%", tile.TrendText);
        Assert.Equal("< 1%", tile.TargetText);
    }

    [Fact]
    public void Reliability_ResponseTimesFallingWithinTarget_AreWithinTargetAndGoodNews()
    {
        var metrics = SomeRealtime.With(avgResponseTime: 180.4, p95ResponseTime: 1999, responseTrend: -12.5);

        var tiles = TileViews.Reliability(metrics, SomeRealtime.Project(), UiText.English);

        var average = tiles.Single(tile => tile.Key == "avgResponseTime");
        var p95 = tiles.Single(tile => tile.Key == "p95ResponseTime");
        Assert.Equal(("180", "ms", TileStatus.WithinTarget, true, "▼ 12.5%"), (average.Value, average.Unit, average.Status, average.TrendIsGood, average.TrendText));
        Assert.Equal(("1,999", TileStatus.WithinTarget), (p95.Value, p95.Status));
    }

    [Fact]
    public void Reliability_UptimeAtTarget_IsWithinTarget()
    {
        var tile = TileViews.Reliability(SomeRealtime.With(uptime: 99.9), SomeRealtime.Project(healthUrl: "https://example.com/healthz"), UiText.English)
            .Single(tile => tile.Key == "uptime");

        Assert.Equal(TileStatus.WithinTarget, tile.Status);
        Assert.Equal("99.9", tile.Value);
        Assert.Null(tile.Note);
    }

    [Fact]
    public void Reliability_NoRequestsAndNoHealthUrl_ShowDashesWithoutStatusAndSayHowToMeasureUptime()
    {
        var tiles = TileViews.Reliability(SomeRealtime.With(), SomeRealtime.Project(healthUrl: null), UiText.English);

        Assert.All(tiles, tile => Assert.Equal((TileViews.NoValue, "", TileStatus.NoData), (tile.Value, tile.Unit, tile.Status)));
        Assert.Equal(UiText.English.NoUptimeProbe, tiles.Single(tile => tile.Key == "uptime").Note);
    }

    [Fact]
    public void Product_CountsRisingAndFalling_AreColouredByDirection()
    {
        var metrics = SomeRealtime.With(pageViews: 12345, pageViewsTrend: 8.25, signupsTrend: -50);

        var tiles = TileViews.Product(metrics, UiText.Korean);

        Assert.Equal(["activeUsers", "pageViews", "signups", "appsCreated", "orders"], tiles.Select(tile => tile.Key));
        var pageViews = tiles.Single(tile => tile.Key == "pageViews");
        Assert.Equal(("12,345", true, "페이지뷰"), (pageViews.Value, pageViews.TrendIsGood, pageViews.Label));
        Assert.False(tiles.Single(tile => tile.Key == "signups").TrendIsGood);
        Assert.Equal(TrendDirection.None, tiles.Single(tile => tile.Key == "orders").Trend);
        Assert.All(tiles, tile => Assert.Equal(TileStatus.NoTarget, tile.Status));
    }

    [Theory]
    [InlineData(null, "ko-KR,ko;q=0.9,en;q=0.8", "ko")]
    [InlineData(null, "fr-FR,en;q=0.5,ko;q=0.4", "en")]
    [InlineData(null, "de-DE", "en")]
    [InlineData("en", "ko-KR", "en")]
    [InlineData("ko", "en-US", "ko")]
    public void For_CookieThenAcceptLanguage_ChoosesLanguage(string? cookie, string acceptLanguage, string expected)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.AcceptLanguage = acceptLanguage;
        if (cookie is not null)
        {
            context.Request.Headers.Cookie = $"{UiText.CookieName}={cookie}";
        }

        Assert.Equal(expected, UiText.For(context).Code);
    }

    [Theory]
    [InlineData("/projects/2?range=7d", "/projects/2?range=7d")]
    [InlineData("https://elsewhere.example/", "/")]
    [InlineData("//elsewhere.example/", "/")]
    [InlineData("/\\elsewhere.example/", "/")]
    [InlineData(null, "/")]
    public void LocalUrl_AnythingOffSite_BecomesHome(string? url, string expected) =>
        Assert.Equal(expected, DashboardEndpoints.LocalUrl(url));
}

internal static class SomeRealtime
{
    public static Project Project(string? healthUrl = null) =>
        new(1, "Shop", "Asia/Seoul", KeyEvents.Default, Targets.Default, healthUrl, DateTimeOffset.UnixEpoch);

    public static RealtimeMetrics With(
        long pageViews = 0,
        double? pageViewsTrend = null,
        double? signupsTrend = null,
        double? errorRate = null,
        double? errorRateTrend = null,
        double? avgResponseTime = null,
        double? p95ResponseTime = null,
        double? responseTrend = null,
        double? uptime = null) =>
        new(3, pageViews, 4, 5, 6, errorRate, avgResponseTime, p95ResponseTime, uptime, DateTimeOffset.UnixEpoch,
            new RealtimeTrends(null, pageViewsTrend, signupsTrend, null, null, errorRateTrend, responseTrend, responseTrend, null));
}
