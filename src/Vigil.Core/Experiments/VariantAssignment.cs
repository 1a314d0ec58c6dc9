using System.Text;

namespace Vigil.Core.Experiments;

/// <summary>Deterministic assignment of users to arms, the same in .NET and in the browser snippet.</summary>
public static class VariantAssignment
{
    private const uint FnvOffsetBasis = 0x811C9DC5;

    private const uint FnvPrime = 0x01000193;

    /// <summary>
    /// FNV-1a 32-bit (Fowler, Noll, Vo; IETF draft-eastlake-fnv) over the UTF-8 bytes of experimentKey + "\n" + userId;
    /// point = hash ÷ 2³² in [0, 1); the arm is the first i with point &lt; (w0 + … + wi) ÷ (sum of weights), sums taken
    /// left to right. The browser snippet implements exactly this.
    /// </summary>
    /// <exception cref="ArgumentException">No weights, or a weight that is not a positive number.</exception>
    public static int Assign(string experimentKey, string userId, IReadOnlyList<double> weights)
    {
        if (weights.Count == 0 || weights.Any(weight => !double.IsFinite(weight) || weight <= 0))
        {
            throw new ArgumentException("Weights must be one or more positive numbers.", nameof(weights));
        }

        var point = Fnv1a32(Encoding.UTF8.GetBytes(experimentKey + "\n" + userId)) / 4294967296.0;
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
}
