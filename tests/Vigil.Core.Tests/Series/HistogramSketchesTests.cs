using Vigil.Core.Series;

namespace Vigil.Core.Tests.Series;

public sealed class HistogramSketchesTests
{
    [Fact]
    public void FromExplicit_EachBucketAtItsUpperBound_TopBucketAtTheMaximum()
    {
        // 0–5: 10, 5–10: 80, 10–25: 9, above 25: 1 (max 40).
        var sketch = HistogramSketches.FromExplicit([5, 10, 25], [10, 80, 9, 1], max: 40);

        Assert.Equal(100, sketch.Count);
        Assert.Equal(5, HistogramSketches.Quantile(sketch, 0.10)!.Value, 5 * 0.01);
        Assert.Equal(10, HistogramSketches.Quantile(sketch, 0.50)!.Value, 10 * 0.01);
        Assert.Equal(25, HistogramSketches.Quantile(sketch, 0.95)!.Value, 25 * 0.01);
        Assert.Equal(40, HistogramSketches.Quantile(sketch, 1)!.Value, 40 * 0.01);
    }

    [Fact]
    public void FromExplicit_MaximumBelowTheBucketsBound_IsUsedInstead()
    {
        var sketch = HistogramSketches.FromExplicit([0, 5, 10, 25, 50, 75, 100], [0, 0, 0, 0, 3, 0, 0, 0], max: 31);

        Assert.Equal(31, HistogramSketches.Quantile(sketch, 0.99)!.Value, 31 * 0.01);
    }

    [Fact]
    public void FromExplicit_NoMaximumAndTopBucket_TakesTheHighestBound()
    {
        var sketch = HistogramSketches.FromExplicit([0.1, 0.5], [0, 0, 4], max: null);

        Assert.Equal(0.5, HistogramSketches.Quantile(sketch, 0.5)!.Value, 0.5 * 0.01);
    }

    [Theory]
    [InlineData(0, 10, 1024.0)] // base 2: bucket 10 is (1024, 2048]
    [InlineData(3, 80, 1024.0)] // base 2^(1/8): bucket 80 is (2^10, 2^10.125]
    [InlineData(8, 2560, 1024.0)]
    [InlineData(-2, 2, 256.0)] // base 16: bucket 2 is (256, 4096]
    public void FromExponential_BucketValueWithinTheSchemesRelativeError(int scale, int index, double lower)
    {
        var bucketBase = Math.Pow(2, Math.Pow(2, -scale));
        var upper = lower * bucketBase;
        var error = (bucketBase - 1) / (bucketBase + 1);

        var sketch = HistogramSketches.FromExponential(scale, zeroCount: 0, offset: index - 1, counts: [0, 5], negativeCount: 0);

        var median = HistogramSketches.Quantile(sketch, 0.5)!.Value;
        Assert.InRange(median, lower, upper * 1.01);
        Assert.InRange(median / lower - 1, 0, error * 1.01 + 0.01 + error);
        Assert.Equal(2 * upper / (bucketBase + 1), median, 2 * upper / (bucketBase + 1) * 0.0101);
    }

    [Fact]
    public void FromExponential_ZeroAndNegativeCounts_CountAsZero()
    {
        var sketch = HistogramSketches.FromExponential(2, zeroCount: 3, offset: 0, counts: [1], negativeCount: 2);

        Assert.Equal(6, sketch.Count);
        Assert.Equal(0, HistogramSketches.Quantile(sketch, 0.8));
        Assert.True(HistogramSketches.Quantile(sketch, 1) > 1);
    }
}
