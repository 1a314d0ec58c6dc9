using System.Buffers.Binary;

namespace Vigil.Core.Metrics;

/// <summary>
/// A DDSketch over positive latencies in milliseconds: every quantile it answers is within
/// <see cref="RelativeAccuracy"/> of the true value, and two sketches merge by adding bucket counts,
/// so per-minute sketches roll up into hours, days and multi-node totals without raw rows.
/// </summary>
public sealed class LatencySketch
{
    public const double RelativeAccuracy = 0.01;

    /// <summary>The bucket of values at or below a microsecond, which carry no signal.</summary>
    public const int ZeroBucket = int.MinValue;

    private const double MinimumTrackedMs = 1e-3;
    private static readonly double Gamma = (1 + RelativeAccuracy) / (1 - RelativeAccuracy);
    private static readonly double LogGamma = Math.Log(Gamma);

    private readonly SortedDictionary<int, long> _buckets = new();
    private long _zeroCount;

    public long Count { get; private set; }

    public bool IsEmpty => Count == 0;

    public void Add(double valueMs) => Add(valueMs, 1);

    public void Add(double valueMs, long count)
    {
        if (!double.IsNaN(valueMs))
        {
            AddToBucket(BucketOf(valueMs), count);
        }
    }

    /// <summary>
    /// The bucket a value is counted in. A store that sums counts per bucket itself (ClickHouse) stores this with each
    /// request and rebuilds the sketch with <see cref="AddToBucket"/>.
    /// </summary>
    public static int BucketOf(double valueMs) =>
        valueMs <= MinimumTrackedMs ? ZeroBucket : (int)Math.Ceiling(Math.Log(valueMs) / LogGamma);

    public void AddToBucket(int bucket, long count)
    {
        if (count <= 0)
        {
            return;
        }
        if (bucket == ZeroBucket)
        {
            _zeroCount += count;
        }
        else
        {
            _buckets[bucket] = _buckets.GetValueOrDefault(bucket) + count;
        }
        Count += count;
    }

    public void Merge(LatencySketch other)
    {
        foreach (var (index, count) in other._buckets)
        {
            _buckets[index] = _buckets.GetValueOrDefault(index) + count;
        }
        _zeroCount += other._zeroCount;
        Count += other.Count;
    }

    /// <summary>
    /// What was added since <paramref name="earlier"/> (a cumulative histogram's previous state), or null when
    /// <paramref name="earlier"/> holds counts this sketch does not: the histogram was reset in between.
    /// </summary>
    public LatencySketch? Minus(LatencySketch earlier)
    {
        if (earlier._zeroCount > _zeroCount)
        {
            return null;
        }
        var difference = new LatencySketch();
        difference.AddToBucket(ZeroBucket, _zeroCount - earlier._zeroCount);
        foreach (var (index, count) in earlier._buckets)
        {
            if (count > _buckets.GetValueOrDefault(index))
            {
                return null;
            }
        }
        foreach (var (index, count) in _buckets)
        {
            difference.AddToBucket(index, count - earlier._buckets.GetValueOrDefault(index));
        }
        return difference;
    }

    /// <summary>The q-quantile (0 ≤ q ≤ 1) by the nearest-rank definition, or null when empty.</summary>
    public double? Quantile(double q)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(q, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(q, 1);
        if (Count == 0)
        {
            return null;
        }
        // Nearest rank: the smallest value whose rank (1-based) is at least ceil(q * n), in decimal because
        // q * n in doubles lands a hair above whole numbers (0.07 * 100 = 7.000000000000001) and skips a rank.
        var rank = Math.Max(1, (long)Math.Ceiling((decimal)q * Count));
        var seen = _zeroCount;
        if (seen >= rank)
        {
            return 0;
        }
        foreach (var (index, count) in _buckets)
        {
            seen += count;
            if (seen >= rank)
            {
                return 2 * Math.Pow(Gamma, index) / (Gamma + 1);
            }
        }
        return 2 * Math.Pow(Gamma, _buckets.Keys.Last()) / (Gamma + 1);
    }

    /// <summary>Layout: zero count (int64), bucket count (int32), then (index int32, count int64) pairs, little-endian.</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[12 + _buckets.Count * 12];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, _zeroCount);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8), _buckets.Count);
        var offset = 12;
        foreach (var (index, count) in _buckets)
        {
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(offset), index);
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(offset + 4), count);
            offset += 12;
        }
        return bytes;
    }

    public static LatencySketch FromBytes(ReadOnlySpan<byte> bytes)
    {
        var sketch = new LatencySketch();
        sketch.MergeBytes(bytes);
        return sketch;
    }

    /// <summary>Merges a serialized sketch without allocating an intermediate one.</summary>
    public void MergeBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 12)
        {
            throw new FormatException("A latency sketch needs at least 12 bytes.");
        }
        var zeroCount = BinaryPrimitives.ReadInt64LittleEndian(bytes);
        var bucketCount = BinaryPrimitives.ReadInt32LittleEndian(bytes[8..]);
        if (bucketCount < 0 || bytes.Length != 12 + (long)bucketCount * 12)
        {
            throw new FormatException("The latency sketch's length does not match its bucket count.");
        }
        _zeroCount += zeroCount;
        Count += zeroCount;
        for (var offset = 12; offset < bytes.Length; offset += 12)
        {
            var index = BinaryPrimitives.ReadInt32LittleEndian(bytes[offset..]);
            var count = BinaryPrimitives.ReadInt64LittleEndian(bytes[(offset + 4)..]);
            _buckets[index] = _buckets.GetValueOrDefault(index) + count;
            Count += count;
        }
    }
}
