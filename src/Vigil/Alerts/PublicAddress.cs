using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Vigil.Hosting;

namespace Vigil.Alerts;

/// <summary>Where people reach this installation, for links in notifications and reports.</summary>
internal sealed class PublicAddress(VigilOptions options, IServer server)
{
    public Uri Root
    {
        get
        {
            var address = options.PublicUrl ?? server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? options.Urls.Split(';')[0];
            // A wildcard listening address is no place to send a person to.
            var builder = new UriBuilder(address.Replace("://+", "://localhost").Replace("://*", "://localhost"));
            if (builder.Host is "0.0.0.0" or "[::]" or "::")
            {
                builder.Host = "localhost";
            }
            // Links are resolved against the root, so an installation under a path (https://example.com/vigil) keeps it.
            if (!builder.Path.EndsWith('/'))
            {
                builder.Path += "/";
            }
            return builder.Uri;
        }
    }

    public Uri Dashboard(long projectId) => new(Root, $"projects/{projectId}");

    public Uri Alerts(long projectId) => new(Root, $"projects/{projectId}/alerts");
}
