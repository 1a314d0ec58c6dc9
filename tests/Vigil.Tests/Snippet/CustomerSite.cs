using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Vigil.Tests.Support;

namespace Vigil.Tests.Snippet;

/// <summary>
/// The team's own app on its own origin, with the one-line snippet in its pages (<c>?flush=</c> sets
/// <c>data-flush-ms</c>, <c>?nps=</c> <c>data-nps-delay-ms</c>) and its own script, <c>/static/shop.js</c>, whose functions throw in the ways apps do.
/// </summary>
internal static class CustomerSite
{
    /// <summary>Named functions, so stack traces have something to show; each throws outside the caller's stack.</summary>
    public const string ShopScript = """
        function placeOrder(cart) {
          return cart.items.length;
        }
        function checkout() {
          placeOrder(null);
        }
        function loadPrices() {
          return Promise.reject(new Error("price service unavailable"));
        }
        function renderRow(index) {
          throw new RangeError("row out of range");
        }
        window.shop = {
          checkout: function () { setTimeout(checkout, 0); },
          loadPrices: function () { setTimeout(loadPrices, 0); },
          renderRows: function (count) {
            for (var index = 0; index < count; index++) setTimeout(renderRow, 0, index);
          },
          fail: function (message) { setTimeout(function () { throw new Error(message); }, 0); },
          throwText: function (text) { setTimeout(function () { throw text; }, 0); },
        };
        """;

    public static async Task<WebApplication> StartAsync(VigilServer vigil)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var site = builder.Build();
        site.MapGet("/static/shop.js", () => Results.Content(ShopScript, "text/javascript"));
        site.MapGet("/{**path}", (HttpContext context) => Results.Content(
            $"""
            <!doctype html>
            <html><head><title>Shop</title>
            <script src="{vigil.BaseAddress}vigil.js" data-key="{vigil.IngestKey}" data-flush-ms="{context.Request.Query["flush"]}" data-nps-delay-ms="{context.Request.Query["nps"]}"
                    data-release="shop@2.0.1" data-environment="staging"></script>
            <script src="/static/shop.js"></script>
            </head><body><h1>Shop</h1></body></html>
            """,
            "text/html"));
        await site.StartAsync();
        return site;
    }
}
