using Vigil.Core.Budgets;
using Vigil.Core.Storage;

namespace Vigil.Testing.Contracts;

/// <summary>Bundle-size budgets in the metadata store.</summary>
public abstract partial class MetadataStoreContract
{
    [Fact]
    public async Task BundleBudgets_NewProject_HasTheDefaultsUntilItSavesItsOwn()
    {
        var store = await CreateStoreAsync();
        var shop = await store.CreateProjectAsync("Shop", "UTC", None);
        var budgets = (IBundleBudgetStore)store;

        Assert.Equal(BundleBudgetSet.Default, await budgets.ReadBundleBudgetsAsync(shop.Id, None));
        Assert.Equal([new BundleBudget("main*.js", 800_000)], BundleBudgetSet.Default.Budgets);
        Assert.Equal(1_500_000, BundleBudgetSet.Default.TotalMaxBytes);
    }

    [Fact]
    public async Task BundleBudgets_SavedThenReplaced_ReadBackInOrderPerProject()
    {
        var store = await CreateStoreAsync();
        var shop = await store.CreateProjectAsync("Shop", "UTC", None);
        var blog = await store.CreateProjectAsync("Blog", "UTC", None);
        var budgets = (IBundleBudgetStore)store;
        var first = new BundleBudgetSet(SizeCompression.Gzip, 400_000,
            [new BundleBudget("vendor*.js", 250_000), new BundleBudget("main*.js", 120_000), new BundleBudget("**/*.css", 30_000)]);
        var second = new BundleBudgetSet(SizeCompression.Brotli, null, [new BundleBudget("app.js", 1)]);

        await budgets.SaveBundleBudgetsAsync(shop.Id, first, None);
        Assert.Equal(first, await budgets.ReadBundleBudgetsAsync(shop.Id, None));
        await budgets.SaveBundleBudgetsAsync(shop.Id, second, None);
        await budgets.SaveBundleBudgetsAsync(blog.Id, first with { Budgets = [] }, None);

        Assert.Equal(second, await budgets.ReadBundleBudgetsAsync(shop.Id, None));
        // An empty list is a choice the project made, not a return to the defaults.
        Assert.Equal(first with { Budgets = [] }, await budgets.ReadBundleBudgetsAsync(blog.Id, None));
    }
}
