using Vigil.Core.Storage;

namespace Vigil.Testing.Contracts;

/// <summary>Scrape targets in the metadata store.</summary>
public abstract partial class MetadataStoreContract
{
    [Fact]
    public async Task ScrapeTargets_AddedListedPerProjectAndAllThenDeleted()
    {
        var store = await CreateStoreAsync();
        var shop = await store.CreateProjectAsync("Shop", "UTC", None);
        var blog = await store.CreateProjectAsync("Blog", "UTC", None);
        var targets = (IScrapeTargetStore)store;

        var node = await targets.AddScrapeTargetAsync(shop.Id, "http://10.0.0.5:9100/metrics", TimeSpan.FromSeconds(15), "s3cret", None);
        var other = await targets.AddScrapeTargetAsync(blog.Id, "https://blog.example/metrics", TimeSpan.FromMinutes(1), null, None);

        Assert.Equal([node], await targets.ListScrapeTargetsAsync(shop.Id, None));
        Assert.Equal([node, other], await targets.ListScrapeTargetsAsync(null, None));
        Assert.Equal((TimeSpan.FromSeconds(15), "s3cret"), (node.Interval, node.BearerToken));
        Assert.False(await targets.DeleteScrapeTargetAsync(blog.Id, node.Id, None));
        Assert.True(await targets.DeleteScrapeTargetAsync(shop.Id, node.Id, None));
        Assert.Equal([other], await targets.ListScrapeTargetsAsync(null, None));
    }
}
