using Vigil.Core.Errors;

namespace Vigil.Core.Tests.Errors;

public sealed class ErrorFramesTests
{
    [Theory]
    [InlineData("Shop.Orders.OrderService.<PlaceAsync>d__4.MoveNext", "Shop.Orders.OrderService.PlaceAsync")]
    [InlineData("Shop.Api.OrdersEndpoint.<>c__DisplayClass3_0.<<Map>b__0>d.MoveNext", "Shop.Api.OrdersEndpoint.Map.lambda")]
    [InlineData("Shop.Api.Program.<>c.<Main>b__0_1", "Shop.Api.Program.Main.lambda")]
    [InlineData("Shop.Cache`1.Get", "Shop.Cache.Get")]
    [InlineData("Layer.handle [as handle_request]", "Layer.handle")]
    [InlineData("async placeOrder", "placeOrder")]
    [InlineData("new Cart", "Cart")]
    [InlineData("<anonymous>", "")]
    [InlineData(null, "")]
    public void NormalizeFunction_SourceName(string? function, string expected)
    {
        Assert.Equal(expected, ErrorFrames.NormalizeFunction(function));
    }

    [Theory]
    [InlineData("https://shop.example/static/js/main.3f2a1b9c.js", "main.js")]
    [InlineData("https://shop.example/assets/index-BxT3a9Zk.js", "index.js")]
    [InlineData("https://shop.example/static/js/787.4f3e2a1b.chunk.js", "787.chunk.js")]
    [InlineData("/app/src/api-handlers.js?v=3#top", "api-handlers.js")]
    [InlineData(@"C:\src\Shop\Orders\OrderService.cs", "OrderService.cs")]
    public void Key_FileBaseNameWithoutContentHash(string file, string expectedPlace)
    {
        Assert.Equal($"{expectedPlace}:f", ErrorFrames.Key(new ErrorFrame(null, file, "f", 1, 1, null)));
    }

    [Fact]
    public void Key_ModuleWhenGiven_InsteadOfTheFile()
    {
        Assert.Equal("shop.orders:place", ErrorFrames.Key(new ErrorFrame("shop.orders", "/app/shop/orders.py", "place", 3, null, null)));
    }

    [Theory]
    [InlineData("/app/node_modules/express/lib/router/layer.js", "handle", false)]
    [InlineData("node:internal/process/task_queues", "processTicksAndRejections", false)]
    [InlineData("chrome-extension://abcdef/content.js", "inject", false)]
    [InlineData("native", "Array.map", false)]
    [InlineData(null, "System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw", false)]
    [InlineData(null, "Microsoft.AspNetCore.Routing.EndpointMiddleware.Invoke", false)]
    [InlineData("/src/Shop/Orders/OrderService.cs", "Shop.Orders.OrderService.Place", true)]
    [InlineData("https://shop.example/static/js/main.3f2a1b9c.js", "submitOrder", true)]
    [InlineData(null, null, false)]
    public void IsInApp_WithoutTheSdksFlag_JudgedByPathAndNamespace(string? file, string? function, bool expected)
    {
        Assert.Equal(expected, ErrorFrames.IsInApp(new ErrorFrame(null, file, function, null, null, null)));
    }
}
