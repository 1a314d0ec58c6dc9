using Vigil.Core.Budgets;

namespace Vigil.Core.Tests.Budgets;

public sealed class BudgetCheckTests
{
    private static readonly BundleBudgetSet Budgets = new(SizeCompression.Raw, 1_000_000,
        [new BundleBudget("main*.js", 500_000), new BundleBudget("**/*.js", 200_000), new BundleBudget("*.woff2", 50_000)]);

    [Fact]
    public void Check_FirstMatchingBudgetApplies_OverOnlyWhenLarger()
    {
        var report = BudgetCheck.Check(
            [
                new BundleFile("assets/main.3f2a.js", 500_000),
                new BundleFile("assets/chunk-a.js", 200_001),
                new BundleFile("assets/chunk-b.js", 150_000),
                new BundleFile("index.html", 2_000),
            ],
            Budgets);

        Assert.Equal(
            [
                ("assets/chunk-a.js", "**/*.js", true),
                ("assets/chunk-b.js", "**/*.js", false),
                ("assets/main.3f2a.js", "main*.js", false),
                ("index.html", (string?)null, false),
            ],
            report.Files.Select(file => (file.Path, file.Budget?.Pattern, file.Over)));
        Assert.Equal((852_001L, false, 1), (report.TotalBytes, report.TotalOver, report.OverCount));
        Assert.Equal([new BundleBudget("*.woff2", 50_000)], report.Unmatched);
    }

    [Fact]
    public void Check_TotalOverItsBudget_CountsAsOneMore()
    {
        var report = BudgetCheck.Check(
            [new BundleFile("main.js", 600_000), new BundleFile("vendor.js", 150_000), new BundleFile("hero.png", 400_000)], Budgets);

        Assert.Equal((1_150_000L, true), (report.TotalBytes, report.TotalOver));
        Assert.Equal(2, report.OverCount);
    }

    [Fact]
    public void Check_SourceMapsAndPrecompressedCopies_LeftOutOfFilesAndTotal()
    {
        var report = BudgetCheck.Check(
            [new BundleFile("main.js", 100), new BundleFile("main.js.map", 900_000), new BundleFile("main.js.gz", 40), new BundleFile("main.js.br", 30)],
            Budgets);

        Assert.Equal(["main.js"], report.Files.Select(file => file.Path));
        Assert.Equal((100L, 3), (report.TotalBytes, report.Skipped));
    }

    [Fact]
    public void Check_NoTotalBudget_TotalNeverOver()
    {
        var report = BudgetCheck.Check([new BundleFile("main.js", 400_000)], Budgets with { TotalMaxBytes = null });

        Assert.Equal((false, 0), (report.TotalOver, report.OverCount));
    }

    [Fact]
    public void LargestPerBudget_TheBiggestFileOfEachMatchedBudget()
    {
        var report = BudgetCheck.Check(
            [new BundleFile("a.js", 10), new BundleFile("b.js", 30), new BundleFile("c.js", 20), new BundleFile("main.js", 5), new BundleFile("x.txt", 99)], Budgets);

        Assert.Equal([("**/*.js", "b.js"), ("main*.js", "main.js")],
            report.LargestPerBudget().Select(file => (file.Budget!.Pattern, file.Path)).OrderBy(pair => pair.Pattern, StringComparer.Ordinal));
    }
}
