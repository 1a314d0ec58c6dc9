using Vigil.Core.Metrics;

namespace Vigil.Core.Series;

/// <summary>
/// Histograms as they arrive (OTLP explicit bounds, OTLP exponential buckets, Prometheus <c>le</c> buckets) mapped
/// into the <see cref="LatencySketch"/> the request rollups use, so per-minute histograms merge by adding counts and
/// answer quantiles the same way. The sketch holds value × <see cref="Scale"/>: it counts values at or below 0.001 as
/// zero, which for a histogram in seconds would swallow everything under a millisecond, so values are scaled up
/// a thousandfold and that floor becomes a millionth of the histogram's unit.
/// </summary>
public static class HistogramSketches
{
    public const double Scale = 1000;

    public const int MinExponentialScale = -10;
    public const int MaxExponentialScale = 20;

    /// <summary>
    /// Explicit buckets: <paramref name="counts"/>[i] counts values in (bounds[i−1], bounds[i]], the last one above
    /// every bound. Each bucket's count goes to its upper bound (as Prometheus's <c>le</c>), or to
    /// <paramref name="max"/> where that is lower; the open top bucket goes to <paramref name="max"/>, or to the
    /// highest bound when the maximum is unknown. A quantile is then never below the true value and at most one
    /// bucket width above it (plus the sketch's 1%). Values at or below zero count as zero.
    /// </summary>
    public static LatencySketch FromExplicit(IReadOnlyList<double> bounds, IReadOnlyList<ulong> counts, double? max)
    {
        var sketch = new LatencySketch();
        for (var index = 0; index < counts.Count; index++)
        {
            if (counts[index] == 0)
            {
                continue;
            }
            double value = index < bounds.Count ? bounds[index] : max ?? (bounds.Count > 0 ? bounds[^1] : 0);
            if (max is { } highest && highest < value)
            {
                value = highest;
            }
            sketch.Add(value * Scale, (long)counts[index]);
        }
        return sketch;
    }

    /// <summary>
    /// Exponential buckets: with base = 2^(2^−scale), bucket index i covers (base^i, base^(i+1)] and index i is
    /// <paramref name="offset"/> + its position. Each bucket's count goes to 2·base^(i+1)/(base+1), the value within
    /// relative error (base−1)/(base+1) of everything in the bucket (33% at scale 0, 4.3% at scale 3, 1.1% at scale
    /// 5, under 0.2% from scale 8, the .NET SDK's default 20 is far finer); the sketch adds its own 1%.
    /// The zero bucket and every negative value count as zero.
    /// </summary>
    public static LatencySketch FromExponential(int scale, ulong zeroCount, int offset, IReadOnlyList<ulong> counts, ulong negativeCount)
    {
        var sketch = new LatencySketch();
        sketch.AddToBucket(LatencySketch.ZeroBucket, (long)(zeroCount + negativeCount));
        for (var position = 0; position < counts.Count; position++)
        {
            if (counts[position] != 0)
            {
                sketch.Add(ExponentialBucketValue(scale, offset + (long)position) * Scale, (long)counts[position]);
            }
        }
        return sketch;
    }

    /// <summary>
    /// The value exponential bucket <paramref name="index"/> counts at, 2·base^(i+1)/(base+1), computed as
    /// 2^(i·2^−scale + 1)/(1 + 2^−(2^−scale)) so that coarse scales, whose base is beyond a double (2^1024 at −10),
    /// still give the bucket's value. Infinite for a bucket above the largest double, which no value can be in.
    /// </summary>
    public static double ExponentialBucketValue(int scale, long index)
    {
        var exponentStep = Math.Pow(2, -scale);
        return Math.Pow(2, index * exponentStep + 1) / (1 + Math.Pow(2, -exponentStep));
    }

    /// <summary>The q-quantile in the histogram's own unit, or null for an empty sketch.</summary>
    public static double? Quantile(LatencySketch sketch, double q) => sketch.Quantile(q) / Scale;
}
