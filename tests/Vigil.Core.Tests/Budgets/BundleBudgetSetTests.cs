using Vigil.Core.Budgets;

namespace Vigil.Core.Tests.Budgets;

public sealed class BundleBudgetSetTests
{
    [Theory]
    [InlineData("main*.js=800KB", "main*.js", 800_000)]
    [InlineData("  assets/**/*.css = 100 KiB ", "assets/**/*.css", 102_400)]
    public void ParseLine_PatternEqualsSize_Budget(string line, string pattern, long bytes) =>
        Assert.Equal((new BundleBudget(pattern, bytes), (string?)null), BundleBudget.ParseLine(line));

    [Theory]
    [InlineData("main*.js 800KB", "PATTERN = SIZE")]
    [InlineData("main*.js = big", "the size must be")]
    [InlineData(" = 800KB", "pattern is required")]
    public void ParseLine_Malformed_SaysWhy(string line, string expected)
    {
        var (budget, problem) = BundleBudget.ParseLine(line);
        Assert.Null(budget);
        Assert.Contains(expected, problem);
    }

    [Fact]
    public void ToString_ParsesBackToTheSameBudget()
    {
        var budget = new BundleBudget("main*.js", 812_345);

        Assert.Equal("main*.js = 812.345 KB", budget.ToString());
        Assert.Equal(budget, BundleBudget.ParseLine(budget.ToString()).Budget);
    }

    [Fact]
    public void Validate_EveryProblem_NamedByField()
    {
        var set = new BundleBudgetSet((SizeCompression)7, 0,
            [new BundleBudget("main*.js", 800_000), new BundleBudget("/x", 0), new BundleBudget("main*.js", 5)]);

        var errors = set.Validate();

        Assert.Equal(["budgets[1].maxBytes", "budgets[1].pattern", "budgets[2].pattern", "compression", "totalMaxBytes"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("same as budgets[0]", errors["budgets[2].pattern"][0]);
    }

    [Fact]
    public void Validate_DefaultsAndNoTotal_Valid()
    {
        Assert.Empty(BundleBudgetSet.Default.Validate());
        Assert.Empty(new BundleBudgetSet(SizeCompression.Brotli, null, []).Validate());
        Assert.Equal("budgets", Assert.Single(new BundleBudgetSet(SizeCompression.Raw, null,
            Enumerable.Range(0, 101).Select(index => new BundleBudget($"f{index}.js", 1)).ToList()).Validate()).Key);
    }
}
