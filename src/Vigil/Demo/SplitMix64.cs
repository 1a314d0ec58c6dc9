namespace Vigil.Demo;

/// <summary>
/// SplitMix64 (Steele, Lea and Flood): a tiny generator whose output for a seed never changes between runtimes,
/// which <see cref="Random"/> does not promise.
/// </summary>
internal sealed class SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public ulong NextUInt64()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public int Next(int maxExclusive) => (int)(NextDouble() * maxExclusive);

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    /// <summary>An index drawn in proportion to the weights; at least one weight must be positive.</summary>
    public int NextWeighted(IReadOnlyList<double> weights)
    {
        var total = 0.0;
        for (var index = 0; index < weights.Count; index++)
        {
            total += weights[index];
        }

        var target = NextDouble() * total;
        var last = 0;
        for (var index = 0; index < weights.Count; index++)
        {
            if (weights[index] <= 0)
            {
                continue;
            }

            last = index;
            target -= weights[index];
            if (target < 0)
            {
                return index;
            }
        }

        return last;
    }

    public double NextGaussian()
    {
        var radius = Math.Sqrt(-2.0 * Math.Log(1.0 - NextDouble()));
        return radius * Math.Cos(2.0 * Math.PI * NextDouble());
    }

    public double NextExponential(double mean) => -mean * Math.Log(1.0 - NextDouble());

    public double NextLogNormal(double median, double sigma) => median * Math.Exp(sigma * NextGaussian());

    /// <summary>1, 2, 3 … with the given mean (at least 1).</summary>
    public int NextGeometric(double mean)
    {
        var stop = 1.0 / Math.Max(1.0, mean);
        var count = 1;
        while (NextDouble() >= stop && count < 1000)
        {
            count++;
        }

        return count;
    }

    public int NextPoisson(double mean)
    {
        if (mean <= 0)
        {
            return 0;
        }

        if (mean > 30)
        {
            // The normal approximation is close enough above 30 and costs one draw instead of ~mean.
            return Math.Max(0, (int)Math.Round(mean + Math.Sqrt(mean) * NextGaussian()));
        }

        var limit = Math.Exp(-mean);
        var count = 0;
        var product = NextDouble();
        while (product > limit)
        {
            count++;
            product *= NextDouble();
        }

        return count;
    }
}
