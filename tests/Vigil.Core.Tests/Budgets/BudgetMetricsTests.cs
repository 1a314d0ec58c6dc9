using Vigil.Core.Budgets;
using Vigil.Core.Ingest.Otlp;
using Vigil.Core.Series;

namespace Vigil.Core.Tests.Budgets;

public sealed class BudgetMetricsTests
{
    private static readonly DateTimeOffset CheckedAt = new(2026, 11, 21, 5, 30, 0, TimeSpan.Zero);

    [Fact]
    public void ToExport_ReadByTheOtlpReceiver_GaugesPerBudgetTotalAndOverCount()
    {
        var report = BudgetCheck.Check(
            [new BundleFile("assets/main.1a.js", 900_000), new BundleFile("assets/chunk.js", 70_000), new BundleFile("assets/more.js", 90_000)],
            new BundleBudgetSet(SizeCompression.Gzip, 1_500_000, [new BundleBudget("main*.js", 800_000), new BundleBudget("**/*.js", 100_000)]));

        var batch = OtlpMetrics.ToPoints(BudgetMetrics.ToExport(report, CheckedAt), 7, CheckedAt);

        Assert.Empty(batch.Rejected);
        Assert.All(batch.Points, point => Assert.Equal((SeriesKind.Gauge, "bundle", CheckedAt), (point.Series.Kind, point.Series.Label("job"), point.Time)));
        Assert.Equal(
            [
                "bundle_budget_bytes{budget=**/*.js,compression=gzip} = 100000",
                "bundle_budget_bytes{budget=main*.js,compression=gzip} = 800000",
                "bundle_over_budget{} = 1",
                "bundle_size_bytes{budget=**/*.js,compression=gzip} = 90000",
                "bundle_size_bytes{budget=main*.js,compression=gzip} = 900000",
                "bundle_total_budget_bytes{compression=gzip} = 1500000",
                "bundle_total_bytes{compression=gzip} = 1060000",
            ],
            batch.Points.Select(Describe).Order(StringComparer.Ordinal));
        Assert.Equal("By", batch.Points.First(point => point.Series.Name == "bundle_size_bytes").Series.Unit);
    }

    [Fact]
    public void ToExport_NoBudgetMatchedAndNoTotalBudget_TotalAndOverCountOnly()
    {
        var report = BudgetCheck.Check([new BundleFile("index.html", 500)], new BundleBudgetSet(SizeCompression.Raw, null, [new BundleBudget("main*.js", 1)]));

        var batch = OtlpMetrics.ToPoints(BudgetMetrics.ToExport(report, CheckedAt), 7, CheckedAt);

        Assert.Equal(["bundle_over_budget{} = 0", "bundle_total_bytes{compression=raw} = 500"], batch.Points.Select(Describe).Order(StringComparer.Ordinal));
    }

    private static string Describe(MetricPoint point) =>
        $"{point.Series.Name}{{{string.Join(",", point.Series.Labels.Where(label => label.Key != "job").Select(label => $"{label.Key}={label.Value}"))}}} = {point.Value}";
}
