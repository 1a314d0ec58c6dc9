using Microsoft.AspNetCore.Builder;
using Vigil.Tests.Support;

namespace Vigil.Tests.Snippet;

/// <summary>A Vigil server, a customer's site on another origin that loads the snippet from it, and Debian's Chromium, per test class.</summary>
public abstract class CustomerSiteTests : IAsyncLifetime
{
    protected VigilServer Server { get; private set; } = null!;

    protected WebApplication Site { get; private set; } = null!;

    protected Browser Chromium { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        Server = await VigilServer.StartAsync();
        Site = await CustomerSite.StartAsync(Server);
        Chromium = await Browser.LaunchAsync();
    }

    public virtual async Task DisposeAsync()
    {
        await Chromium.DisposeAsync();
        await Site.DisposeAsync();
        await Server.DisposeAsync();
    }
}
