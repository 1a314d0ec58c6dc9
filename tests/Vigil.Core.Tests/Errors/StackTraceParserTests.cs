using Vigil.Core.Errors;

namespace Vigil.Core.Tests.Errors;

public sealed class StackTraceParserTests
{
    [Fact]
    public void Parse_DotNetTrace_FramesOutermostFirstWithFileAndLine()
    {
        var frames = StackTraceParser.Parse("""
            System.InvalidOperationException: Order 12345 has no lines
               at Shop.Orders.OrderService.Place(Order order) in /src/Shop/Orders/OrderService.cs:line 42
            --- End of stack trace from previous location ---
               at Shop.Api.Program.Main(String[] args) + 0x1a
            """);

        Assert.Equal(
            [
                new ErrorFrame(null, null, "Shop.Api.Program.Main", null, null, null),
                new ErrorFrame(null, "/src/Shop/Orders/OrderService.cs", "Shop.Orders.OrderService.Place", 42, null, null),
            ],
            frames);
    }

    [Fact]
    public void Parse_NodeTrace_NamedAnonymousAndAsyncFrames()
    {
        var frames = StackTraceParser.Parse("""
            TypeError: Cannot read properties of undefined (reading 'id')
                at placeOrder (/app/src/orders.js:42:17)
                at /app/src/routes.js:8:3
                at async processTicksAndRejections (node:internal/process/task_queues:95:5)
            """);

        Assert.Equal(
            [
                new ErrorFrame(null, "node:internal/process/task_queues", "processTicksAndRejections", 95, 5, null),
                new ErrorFrame(null, "/app/src/routes.js", null, 8, 3, null),
                new ErrorFrame(null, "/app/src/orders.js", "placeOrder", 42, 17, null),
            ],
            frames);
    }

    [Fact]
    public void Parse_FirefoxAndSafariTrace_FunctionAtLocation()
    {
        var frames = StackTraceParser.Parse("""
            submitOrder@https://shop.example/static/js/main.3f2a1b9c.js:2:10423
            @https://shop.example/static/js/main.3f2a1b9c.js:2:8812
            global code@https://shop.example/:12:9
            """);

        Assert.Equal(
            [
                new ErrorFrame(null, "https://shop.example/", "global code", 12, 9, null),
                new ErrorFrame(null, "https://shop.example/static/js/main.3f2a1b9c.js", null, 2, 8812, null),
                new ErrorFrame(null, "https://shop.example/static/js/main.3f2a1b9c.js", "submitOrder", 2, 10423, null),
            ],
            frames);
    }

    [Fact]
    public void Parse_MonoTrace_IlOffsetsWithAndWithoutSymbols()
    {
        var frames = StackTraceParser.Parse("""
            System.InvalidOperationException: Order 12345 has no lines
              at Shop.Orders.OrderService.Place (Shop.Order order) [0x0001a] in /src/Shop/Orders/OrderService.cs:42
              at Shop.Api.OrdersEndpoint.Handle (Microsoft.AspNetCore.Http.HttpContext context) [0x00042] in <3c8e5f2a9b7d4e1f8a6b2c0d9e8f7a6b>:0
              at UnityEngine.Events.InvokableCall.Invoke () [0x00010] in <filename unknown>:0
            """);

        Assert.Equal(
            [
                new ErrorFrame(null, null, "UnityEngine.Events.InvokableCall.Invoke", null, null, null),
                new ErrorFrame(null, null, "Shop.Api.OrdersEndpoint.Handle", null, null, null),
                new ErrorFrame(null, "/src/Shop/Orders/OrderService.cs", "Shop.Orders.OrderService.Place", 42, null, null),
            ],
            frames);
    }

    [Fact]
    public void Parse_SafariNativeFrame_KeptWithoutALocation()
    {
        var frame = Assert.Single(StackTraceParser.Parse("parse@[native code]"));

        Assert.Equal(new ErrorFrame(null, "[native code]", "parse", null, null, null), frame);
        Assert.False(ErrorFrames.IsInApp(frame));
    }

    [Fact]
    public void Parse_MessageLineWithAnAtSign_IsNotAFrame()
    {
        Assert.Empty(StackTraceParser.Parse("Error: no account for jane@example.com"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \n  ")]
    public void Parse_NothingGiven_NoFrames(string? stackTrace)
    {
        Assert.Empty(StackTraceParser.Parse(stackTrace));
    }
}
