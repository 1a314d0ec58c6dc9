using Vigil.Core.Metrics;

namespace Vigil.Core.Tests.Metrics;

public sealed class LatencySketchTests
{
    private const int SampleSize = 10_000;

    private static readonly double[] Quantiles = [0, 0.001, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1];

    [Fact]
    public void Quantile_UniformValues_WithinOnePercentOfExactNearestRank()
    {
        var random = new Random(20261121);
        var values = Generate(() => 1 + random.NextDouble() * 999);

        AssertQuantilesWithinAccuracy(values);
    }

    [Fact]
    public void Quantile_LogNormalValues_WithinOnePercentOfExactNearestRank()
    {
        var random = new Random(7);
        var values = Generate(() => LogNormal(random, medianMs: 50, sigma: 1));

        AssertQuantilesWithinAccuracy(values);
    }

    [Fact]
    public void Quantile_HeavyTailedValues_WithinOnePercentOfExactNearestRank()
    {
        // Pareto with shape 1.1: the mean barely exists, and the largest values are thousands of times the median.
        var random = new Random(1234);
        var values = Generate(() => 2.0 / Math.Pow(1 - random.NextDouble(), 1 / 1.1));

        AssertQuantilesWithinAccuracy(values);
    }

    [Fact]
    public void Quantile_ValuesSpanningNineDecades_WithinOnePercentOfExactNearestRank()
    {
        var random = new Random(99);
        var values = Generate(() => Math.Pow(10, -2 + random.NextDouble() * 9));

        AssertQuantilesWithinAccuracy(values);
    }

    [Fact]
    public void AddToBucket_CountsPerBucketOfTheSameValues_RebuildsTheSameSketch()
    {
        var random = new Random(5);
        var values = Generate(() => random.NextDouble() < 0.01 ? 0 : LogNormal(random, medianMs: 80, sigma: 1.2));
        var rebuilt = new LatencySketch();

        foreach (var bucket in values.GroupBy(LatencySketch.BucketOf))
        {
            rebuilt.AddToBucket(bucket.Key, bucket.Count());
        }

        var direct = SketchOf(values);
        Assert.Equal(direct.ToBytes(), rebuilt.ToBytes());
        Assert.Equal(direct.Quantile(0.95), rebuilt.Quantile(0.95));
    }

    [Theory]
    [InlineData(0.01, 1)]
    [InlineData(0.25, 25)]
    [InlineData(0.5, 50)]
    [InlineData(0.9, 90)]
    [InlineData(0.99, 99)]
    [InlineData(1, 100)]
    public void Quantile_OneToHundred_ReturnsTheValueAtTheNearestRank(double q, double expected)
    {
        var sketch = SketchOf(Enumerable.Range(1, 100).Select(value => (double)value));

        var actual = sketch.Quantile(q);

        AssertWithinAccuracy(expected, actual!.Value, $"q = {q}");
    }

    // In doubles 0.07 × 100 = 7.000000000000001, whose ceiling is rank 8, not 7.
    [Theory]
    [InlineData(0.07, 7)]
    [InlineData(0.14, 14)]
    [InlineData(0.28, 28)]
    [InlineData(0.55, 55)]
    [InlineData(0.56, 56)]
    public void Quantile_RankThatIsInexactInDoubles_ReturnsTheValueAtTheNearestRank(double q, double expected)
    {
        var sketch = SketchOf(Enumerable.Range(1, 100).Select(value => (double)value));

        var actual = sketch.Quantile(q);

        AssertWithinAccuracy(expected, actual!.Value, $"q = {q}");
    }

    [Fact]
    public void Quantile_SingleValueOfOne_ReturnsBucketRepresentative()
    {
        // 1 = γ⁰ is the upper edge of bucket 0, whose representative is 2/(γ + 1) = 2/(2/0.99) = 0.99.
        var sketch = new LatencySketch();
        sketch.Add(1.0);

        var actual = sketch.Quantile(0.5);

        Assert.Equal(0.99, actual!.Value, 1e-12);
    }

    [Fact]
    public void Quantile_EmptySketch_ReturnsNull()
    {
        var sketch = new LatencySketch();

        var actual = sketch.Quantile(0.5);

        Assert.Null(actual);
        Assert.True(sketch.IsEmpty);
        Assert.Equal(0, sketch.Count);
    }

    [Fact]
    public void Quantile_ValuesAtOrBelowOneMicrosecond_CountAsZero()
    {
        var sketch = new LatencySketch();
        sketch.Add(0.001);
        sketch.Add(0.0001);
        sketch.Add(0);
        sketch.Add(5);

        var median = sketch.Quantile(0.5);
        var third = sketch.Quantile(0.75);
        var maximum = sketch.Quantile(1);

        Assert.Equal(4, sketch.Count);
        Assert.Equal(0, median);
        Assert.Equal(0, third);
        AssertWithinAccuracy(5, maximum!.Value, "q = 1");
    }

    [Fact]
    public void Quantile_JustAboveOneMicrosecond_IsTracked()
    {
        var sketch = new LatencySketch();
        sketch.Add(0.0011);

        var actual = sketch.Quantile(1);

        AssertWithinAccuracy(0.0011, actual!.Value, "q = 1");
    }

    [Fact]
    public void Add_WeightedCount_CountsEveryOccurrence()
    {
        var sketch = new LatencySketch();
        sketch.Add(10, 3);
        sketch.Add(1000, 1);

        var third = sketch.Quantile(0.75);
        var maximum = sketch.Quantile(1);

        Assert.Equal(4, sketch.Count);
        AssertWithinAccuracy(10, third!.Value, "q = 0.75");
        AssertWithinAccuracy(1000, maximum!.Value, "q = 1");
    }

    [Theory]
    [InlineData(double.NaN, 1)]
    [InlineData(10, 0)]
    [InlineData(10, -1)]
    public void Add_NaNOrNonPositiveCount_IsIgnored(double value, long count)
    {
        var sketch = new LatencySketch();

        sketch.Add(value, count);

        Assert.True(sketch.IsEmpty);
        Assert.Null(sketch.Quantile(0.5));
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(1.01)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NaN)]
    public void Quantile_OutsideZeroToOne_Throws(double q)
    {
        var sketch = new LatencySketch();
        sketch.Add(10);

        Assert.Throws<ArgumentOutOfRangeException>(() => sketch.Quantile(q));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LatencySketch().Quantile(q));
    }

    [Fact]
    public void Merge_TwoSketches_EqualsSketchOfTheUnion()
    {
        var random = new Random(42);
        var values = Generate(() => random.Next(10) == 0 ? 0.0005 : LogNormal(random, medianMs: 120, sigma: 1.5));
        var (first, second) = (values[..3_000], values[3_000..]);
        var merged = SketchOf(first);
        var union = SketchOf(values);

        merged.Merge(SketchOf(second));

        Assert.Equal(SampleSize, merged.Count);
        Assert.Equal(union.Count, merged.Count);
        foreach (var q in Quantiles)
        {
            Assert.Equal(union.Quantile(q), merged.Quantile(q));
        }
        Assert.Equal(union.ToBytes(), merged.ToBytes());
        AssertQuantilesWithinAccuracy(values, merged);
    }

    [Fact]
    public void MergeBytes_SerializedSketch_EqualsSketchOfTheUnion()
    {
        var random = new Random(43);
        var values = Generate(() => LogNormal(random, medianMs: 8, sigma: 0.7));
        var merged = SketchOf(values[..5_000]);
        var union = SketchOf(values);

        merged.MergeBytes(SketchOf(values[5_000..]).ToBytes());

        Assert.Equal(union.Count, merged.Count);
        Assert.Equal(union.ToBytes(), merged.ToBytes());
    }

    [Fact]
    public void Merge_EmptySketch_ChangesNothing()
    {
        var sketch = SketchOf([3, 30, 300]);
        var before = sketch.ToBytes();

        sketch.Merge(new LatencySketch());

        Assert.Equal(3, sketch.Count);
        Assert.Equal(before, sketch.ToBytes());
    }

    [Fact]
    public void FromBytes_ToBytesOfASketch_RoundTrips()
    {
        var random = new Random(5);
        var original = SketchOf(Generate(() => random.Next(20) == 0 ? 0 : LogNormal(random, medianMs: 200, sigma: 2)));

        var copy = LatencySketch.FromBytes(original.ToBytes());

        Assert.Equal(original.Count, copy.Count);
        foreach (var q in Quantiles)
        {
            Assert.Equal(original.Quantile(q), copy.Quantile(q));
        }
        Assert.Equal(original.ToBytes(), copy.ToBytes());
    }

    [Fact]
    public void FromBytes_EmptySketch_RoundTripsToEmpty()
    {
        var bytes = new LatencySketch().ToBytes();

        var copy = LatencySketch.FromBytes(bytes);

        Assert.Equal(new byte[12], bytes);
        Assert.True(copy.IsEmpty);
        Assert.Null(copy.Quantile(0.5));
    }

    [Fact]
    public void ToBytes_ZeroAndOne_WritesDocumentedLittleEndianLayout()
    {
        var sketch = new LatencySketch();
        sketch.Add(0.0005);
        sketch.Add(1.0, 2);

        var bytes = sketch.ToBytes();

        // Zero count 1 (int64), one bucket (int32), then bucket index 0 (ln 1 = 0) with count 2 (int64).
        byte[] expected = [1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0];
        Assert.Equal(expected, bytes);
    }

    [Fact]
    public void FromBytes_HandWrittenLayout_ReadsCountsAndBuckets()
    {
        // Zero count 2, one bucket: index 0 with count 3.
        byte[] bytes = [2, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0];

        var sketch = LatencySketch.FromBytes(bytes);

        Assert.Equal(5, sketch.Count);
        Assert.Equal(0, sketch.Quantile(0.4));
        Assert.Equal(0.99, sketch.Quantile(0.6)!.Value, 1e-12);
    }

    public static TheoryData<byte[]> InvalidSketchBytes => new()
    {
        Array.Empty<byte>(),
        new byte[11],
        // Declares one bucket but carries none.
        new byte[] { 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0 },
        // Declares no buckets but carries one.
        new byte[24],
        // Negative bucket count.
        new byte[] { 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF },
        // One bucket plus a stray byte.
        new byte[] { 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0 },
        // A bucket count so large that 12 + 12n would overflow 32-bit arithmetic.
        new byte[] { 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0x7F },
    };

    [Theory]
    [MemberData(nameof(InvalidSketchBytes))]
    public void FromBytes_InvalidBytes_ThrowsFormatException(byte[] bytes)
    {
        Assert.Throws<FormatException>(() => LatencySketch.FromBytes(bytes));
    }

    [Fact]
    public void MergeBytes_InvalidBytes_LeavesSketchUnchanged()
    {
        var sketch = SketchOf([1, 2, 3]);
        var before = sketch.ToBytes();

        Assert.Throws<FormatException>(() => sketch.MergeBytes(new byte[] { 5, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0 }));

        Assert.Equal(3, sketch.Count);
        Assert.Equal(before, sketch.ToBytes());
    }

    private static double[] Generate(Func<double> next)
    {
        var values = new double[SampleSize];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = next();
        }
        return values;
    }

    private static double LogNormal(Random random, double medianMs, double sigma)
    {
        // Box–Muller; 1 − u keeps the logarithm's argument in (0, 1].
        var standardNormal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        return medianMs * Math.Exp(sigma * standardNormal);
    }

    private static LatencySketch SketchOf(IEnumerable<double> values)
    {
        var sketch = new LatencySketch();
        foreach (var value in values)
        {
            sketch.Add(value);
        }
        return sketch;
    }

    private static void AssertQuantilesWithinAccuracy(double[] values) => AssertQuantilesWithinAccuracy(values, SketchOf(values));

    private static void AssertQuantilesWithinAccuracy(double[] values, LatencySketch sketch)
    {
        var sorted = values.Order().ToArray();
        foreach (var q in Quantiles)
        {
            var exact = ExactNearestRank(sorted, q);
            var actual = sketch.Quantile(q);
            if (exact <= 0.001)
            {
                Assert.Equal(0, actual);
            }
            else
            {
                AssertWithinAccuracy(exact, actual!.Value, $"q = {q}");
            }
        }
    }

    // Decimal arithmetic so that, say, 0.07 × 100 is exactly rank 7 and not 7.000000000000001.
    private static double ExactNearestRank(double[] sorted, double q) =>
        sorted[(int)Math.Max(1, Math.Ceiling((decimal)q * sorted.Length)) - 1];

    private static void AssertWithinAccuracy(double expected, double actual, string because)
    {
        // A hair of slack over 1% for the rounding of logarithms at bucket edges.
        var tolerance = expected * (LatencySketch.RelativeAccuracy + 1e-9);
        Assert.True(
            Math.Abs(actual - expected) <= tolerance,
            $"{because}: expected {expected} ± 1%, got {actual} (relative error {Math.Abs(actual - expected) / expected:P3}).");
    }
}
