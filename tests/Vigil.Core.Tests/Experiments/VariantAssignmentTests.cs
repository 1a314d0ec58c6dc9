using System.Text;
using Vigil.Core.Experiments;

namespace Vigil.Core.Tests.Experiments;

public sealed class VariantAssignmentTests
{
    [Theory]
    // Test vectors of the FNV reference code (draft-eastlake-fnv): FNV-1a 32 of "", "a", "foobar".
    [InlineData("", 0x811C9DC5u)]
    [InlineData("a", 0xE40C292Cu)]
    [InlineData("foobar", 0xBF9CF968u)]
    public void Fnv1a32_KnownVectors_MatchReference(string text, uint expected) =>
        Assert.Equal(expected, VariantAssignment.Fnv1a32(Encoding.UTF8.GetBytes(text)));

    [Theory]
    // From an independent Python implementation of MurmurHash3's fmix32.
    [InlineData(0u, 0u)]
    [InlineData(1u, 0x514E28B7u)]
    [InlineData(0xE40C292Cu, 0x1A80B1B3u)]
    public void Finalize_KnownValues_MatchReference(uint hash, uint expected) => Assert.Equal(expected, VariantAssignment.Finalize(hash));

    [Theory]
    // From an independent Python implementation: fmix32(FNV-1a of "checkout-button\n" + user) ÷ 2³² = 0.8538, 0.4461, 0.1850.
    [InlineData("user-1", 1, 2)]
    [InlineData("한글-사용자", 0, 1)]
    [InlineData("alice", 0, 0)]
    public void Assign_KnownUsers_LandWhereTheirPointFalls(string userId, int evenSplit, int twentyThirtyFifty)
    {
        Assert.Equal(evenSplit, VariantAssignment.Assign("checkout-button", userId, [1, 1]));
        Assert.Equal(twentyThirtyFifty, VariantAssignment.Assign("checkout-button", userId, [0.2, 0.3, 0.5]));
    }

    [Fact]
    public void Assign_CountingUpIds_SplitNearTheWeights()
    {
        var counts = new int[2];
        foreach (var user in Enumerable.Range(0, 10000))
        {
            counts[VariantAssignment.Assign("checkout-button", user.ToString(System.Globalization.CultureInfo.InvariantCulture), [1, 1])]++;
        }
        var prefixed = Enumerable.Range(0, 20).Count(user => VariantAssignment.Assign("checkout-button", $"u{user}", [1, 1]) == 0);

        // Four binomial standard deviations (50 users) of 5,000; without the finaliser "0" … "9999" split 5,190 / 4,810.
        Assert.InRange(counts[0], 5000 - 200, 5000 + 200);
        // Without it "u0" … "u19" all fell into one arm.
        Assert.InRange(prefixed, 4, 16);
    }

    [Fact]
    public void Assign_SameUserAgain_SameArm()
    {
        var first = VariantAssignment.Assign("pricing", "anonymous-42", [1, 2, 3]);

        Assert.All(Enumerable.Range(0, 10), _ => Assert.Equal(first, VariantAssignment.Assign("pricing", "anonymous-42", [1, 2, 3])));
    }

    [Fact]
    public void Assign_WeightsScaled_SameArm()
    {
        foreach (var user in RandomUserIds(200))
        {
            Assert.Equal(VariantAssignment.Assign("pricing", user, [1, 3]), VariantAssignment.Assign("pricing", user, [25, 75]));
        }
    }

    [Fact]
    public void Assign_TenThousandRandomUsers_SplitNearTheWeights()
    {
        double[] weights = [0.2, 0.3, 0.5];
        var counts = new int[weights.Length];

        foreach (var user in RandomUserIds(10000))
        {
            counts[VariantAssignment.Assign("checkout-button", user, weights)]++;
        }

        // Binomial standard deviations are 40, 46 and 50 users; allow four of them.
        Assert.InRange(counts[0], 2000 - 160, 2000 + 160);
        Assert.InRange(counts[1], 3000 - 184, 3000 + 184);
        Assert.InRange(counts[2], 5000 - 200, 5000 + 200);
    }

    [Fact]
    public void Assign_SingleArm_AlwaysZero() => Assert.Equal(0, VariantAssignment.Assign("only", "anyone", [3]));

    [Fact]
    public void Assign_NoOrNonPositiveWeights_Throws()
    {
        Assert.Throws<ArgumentException>(() => VariantAssignment.Assign("k", "u", []));
        Assert.Throws<ArgumentException>(() => VariantAssignment.Assign("k", "u", [1, 0]));
        Assert.Throws<ArgumentException>(() => VariantAssignment.Assign("k", "u", [1, double.NaN]));
    }

    /// <summary>Random GUIDs, like the anonymous ids browsers get, from a fixed seed.</summary>
    private static IEnumerable<string> RandomUserIds(int count)
    {
        var random = new Random(5);
        var bytes = new byte[16];
        for (var index = 0; index < count; index++)
        {
            random.NextBytes(bytes);
            yield return new Guid(bytes).ToString();
        }
    }
}
