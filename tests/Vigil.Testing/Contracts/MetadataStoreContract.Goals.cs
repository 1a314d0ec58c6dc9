using Vigil.Core.Goals;
using Vigil.Core.Revenue;
using Vigil.Core.Storage;

namespace Vigil.Testing.Contracts;

/// <summary>Goals and revenue settings in the metadata store.</summary>
public abstract partial class MetadataStoreContract
{
    [Fact]
    public async Task Goals_AddedListedUpdatedAndDeletedPerProject()
    {
        var store = await CreateStoreAsync();
        var shop = await store.CreateProjectAsync("Shop", "UTC", None);
        var blog = await store.CreateProjectAsync("Blog", "UTC", None);
        var goals = (IGoalStore)store;

        var signups = await goals.AddGoalAsync(shop.Id, GoalMetric.Signups, GoalPeriodKind.Week, 500, "주간 가입", None);
        var revenue = await goals.AddGoalAsync(shop.Id, GoalMetric.Revenue, GoalPeriodKind.Month, 10_000_000.5, null, None);
        var other = await goals.AddGoalAsync(blog.Id, GoalMetric.Visitors, GoalPeriodKind.Day, 100, null, None);

        Assert.Equal([signups, revenue], await goals.ListGoalsAsync(shop.Id, None));
        Assert.Equal(Time.GetUtcNow(), signups.CreatedAt);
        var changed = signups with { Metric = GoalMetric.ActiveUsers, Period = GoalPeriodKind.Quarter, Target = 1000, Label = null };
        Assert.True(await goals.UpdateGoalAsync(changed, None));
        Assert.False(await goals.UpdateGoalAsync(other with { ProjectId = shop.Id }, None));
        Assert.False(await goals.DeleteGoalAsync(blog.Id, revenue.Id, None));
        Assert.True(await goals.DeleteGoalAsync(shop.Id, revenue.Id, None));
        Assert.Equal([changed], await goals.ListGoalsAsync(shop.Id, None));
        Assert.Equal([other], await goals.ListGoalsAsync(blog.Id, None));
    }

    [Fact]
    public async Task RevenueSettings_DefaultUntilSaved_ThenReplacedPerProject()
    {
        var store = await CreateStoreAsync();
        var shop = await store.CreateProjectAsync("Shop", "UTC", None);
        var blog = await store.CreateProjectAsync("Blog", "UTC", None);
        var settings = (IGoalStore)store;

        Assert.Equal(RevenueSettings.Default, await settings.GetRevenueSettingsAsync(shop.Id, None));
        await settings.SaveRevenueSettingsAsync(shop.Id, new RevenueSettings("revenue", "USD"), None);
        await settings.SaveRevenueSettingsAsync(shop.Id, new RevenueSettings("price", "EUR"), None);

        Assert.Equal(new RevenueSettings("price", "EUR"), await settings.GetRevenueSettingsAsync(shop.Id, None));
        Assert.Equal(RevenueSettings.Default, await settings.GetRevenueSettingsAsync(blog.Id, None));
    }
}
