namespace Vigil.Core.Experiments;

/// <summary>Deterministic assignment of users to arms, the same in .NET and in the browser snippet.</summary>
public static class VariantAssignment
{
    /// <summary>
    /// FNV-1a 32-bit over the UTF-8 bytes of experimentKey + "\n" + userId; point = hash ÷ 2³² in [0, 1); the arm is
    /// the first i with point &lt; (w0 + … + wi) ÷ (sum of weights). The browser snippet implements exactly this.
    /// </summary>
    public static int Assign(string experimentKey, string userId, IReadOnlyList<double> weights) =>
        throw new NotImplementedException();
}
