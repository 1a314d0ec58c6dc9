using System.Text;

namespace Vigil.Core.Experiments;

/// <summary>Deterministic assignment of users to arms, the same in .NET and in the browser snippet.</summary>
public static class VariantAssignment
{
    private const uint FnvOffsetBasis = 0x811C9DC5;

    private const uint FnvPrime = 0x01000193;

    /// <summary>
    /// FNV-1a 32-bit (Fowler, Noll, Vo; IETF draft-eastlake-fnv) over the UTF-8 bytes of experimentKey + "\n" + userId,
    /// then MurmurHash3's 32-bit finaliser (fmix32); point = hash ÷ 2³² in [0, 1); the arm is the first i with
    /// point &lt; (w0 + … + wi) ÷ (sum of weights), sums taken left to right. The browser snippet implements exactly this.
    /// </summary>
    /// <exception cref="ArgumentException">No weights, or a weight that is not a positive number.</exception>
    public static int Assign(string experimentKey, string userId, IReadOnlyList<double> weights)
    {
        if (weights.Count == 0 || weights.Any(weight => !double.IsFinite(weight) || weight <= 0))
        {
            throw new ArgumentException("Weights must be one or more positive numbers.", nameof(weights));
        }

        var point = Finalize(Fnv1a32(Encoding.UTF8.GetBytes(experimentKey + "\n" + userId))) / 4294967296.0;
        var total = 0.0;
        foreach (var weight in weights)
        {
            total += weight;
        }

        // The last arm's cumulative share is total ÷ total = 1 > point, so it takes whatever the others did not.
        var cumulative = 0.0;
        for (var arm = 0; arm < weights.Count - 1; arm++)
        {
            cumulative += weights[arm];
            if (point < cumulative / total)
            {
                return arm;
            }
        }

        return weights.Count - 1;
    }

    internal static uint Fnv1a32(ReadOnlySpan<byte> bytes)
    {
        var hash = FnvOffsetBasis;
        foreach (var value in bytes)
        {
            hash = unchecked((hash ^ value) * FnvPrime);
        }

        return hash;
    }

    /// <summary>
    /// MurmurHash3's fmix32. FNV-1a alone barely moves the high bits when only the last character differs, so ids that
    /// count up ("u0" … "u19", database ids) would fall into one arm together; the finaliser spreads them.
    /// </summary>
    internal static uint Finalize(uint hash)
    {
        hash ^= hash >> 16;
        hash = unchecked(hash * 0x85EBCA6B);
        hash ^= hash >> 13;
        hash = unchecked(hash * 0xC2B2AE35);
        return hash ^ (hash >> 16);
    }
}
