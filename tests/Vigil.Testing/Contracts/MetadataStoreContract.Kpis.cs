using Vigil.Core.Kpis;
using Vigil.Core.Storage;

namespace Vigil.Testing.Contracts;

/// <summary>KPI settings in the metadata store.</summary>
public abstract partial class MetadataStoreContract
{
    [Fact]
    public async Task KpiSettings_DefaultUntilSavedThenReplacedPerProject()
    {
        var store = await CreateStoreAsync();
        var shop = await store.CreateProjectAsync("Shop", "UTC", None);
        var blog = await store.CreateProjectAsync("Blog", "UTC", None);
        var settings = (IKpiSettingsStore)store;

        Assert.Equal(KpiSettings.Default, await settings.GetKpiSettingsAsync(shop.Id, None));
        await settings.SaveKpiSettingsAsync(shop.Id, new KpiSettings("subscription_started", null, null), None);
        await settings.SaveKpiSettingsAsync(shop.Id, new KpiSettings("subscription_started", "tier", "basic"), None);

        Assert.Equal(new KpiSettings("subscription_started", "tier", "basic"), await settings.GetKpiSettingsAsync(shop.Id, None));
        Assert.Equal(KpiSettings.Default, await settings.GetKpiSettingsAsync(blog.Id, None));
    }
}
