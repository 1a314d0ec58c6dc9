using Vigil.Dashboard;

namespace Vigil.Tests.Dashboard;

public sealed class SparklineTests
{
    [Fact]
    public void Points_ThreeValuesAndANull_ScaledWithTheHighestAtTheTop()
    {
        Assert.Equal("0,50 50,0 100,75", Sparkline.Points([100, null, 200, 50], 100, 100));
    }

    [Fact]
    public void Points_MoreValuesThanPoints_NeighboursAveraged()
    {
        Assert.Equal("0,75 10,0", Sparkline.Points([10, 30, 60, 100], 10, 100, maxPoints: 2));
    }

    [Fact]
    public void Points_NoneOneOrFlatValues_EmptyOrALevelLine()
    {
        Assert.Equal("", Sparkline.Points([null, null], 100, 100));
        Assert.Equal("0,100 100,100", Sparkline.Points([0], 100, 100));
        Assert.Equal("0,0 120,0", Sparkline.Points([7], 120, 24));
        Assert.Equal("0,24 60,24 120,24", Sparkline.Points([0, 0, 0], 120, 24));
        Assert.Equal("0,16.7 60,0", Sparkline.Points([1, 6], 60, 20));
    }
}
