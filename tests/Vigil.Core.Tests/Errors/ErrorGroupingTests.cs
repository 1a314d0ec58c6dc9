using Vigil.Core.Errors;

namespace Vigil.Core.Tests.Errors;

public sealed class ErrorGroupingTests
{
    private const string DotNetOrderTrace = """
        System.InvalidOperationException: Order 12345 has no lines
           at Shop.Orders.OrderService.<PlaceAsync>d__4.MoveNext() in /src/Shop/Orders/OrderService.cs:line 42
        --- End of stack trace from previous location ---
           at System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw()
           at System.Runtime.CompilerServices.TaskAwaiter.HandleNonSuccessAndDebuggerNotification(Task task)
           at Shop.Api.OrdersEndpoint.<>c__DisplayClass3_0.<<Map>b__0>d.MoveNext() in /src/Shop/Api/OrdersEndpoint.cs:line 17
           at Microsoft.AspNetCore.Http.RequestDelegateFactory.<ExecuteTaskResult>g__ExecuteAwaited|140_0[T](Task`1 task, HttpContext httpContext)
        """;

    // The same bug after an edit moved every line, in a build from another checkout directory, for another order.
    private const string DotNetOrderTraceLater = """
        System.InvalidOperationException: Order 98 has no lines
           at Shop.Orders.OrderService.<PlaceAsync>d__5.MoveNext() in /home/ci/work/Shop/Orders/OrderService.cs:line 57
        --- End of stack trace from previous location ---
           at System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw()
           at Shop.Api.OrdersEndpoint.<>c__DisplayClass4_0.<<Map>b__0>d.MoveNext() in /home/ci/work/Shop/Api/OrdersEndpoint.cs:line 21
        """;

    private const string DotNetRefundTrace = """
        System.InvalidOperationException: Order 12345 has no lines
           at Shop.Orders.RefundService.<RefundAsync>d__2.MoveNext() in /src/Shop/Orders/RefundService.cs:line 30
           at Shop.Api.OrdersEndpoint.<>c__DisplayClass3_0.<<Map>b__1>d.MoveNext() in /src/Shop/Api/OrdersEndpoint.cs:line 25
        """;

    private const string NodeTrace = """
        TypeError: Cannot read properties of undefined (reading 'id')
            at placeOrder (/app/src/orders.js:42:17)
            at Layer.handle [as handle_request] (/app/node_modules/express/lib/router/layer.js:95:5)
            at next (/app/node_modules/express/lib/router/route.js:149:13)
            at async processTicksAndRejections (node:internal/process/task_queues:95:5)
        """;

    private const string NodeTraceLater = """
        TypeError: Cannot read properties of undefined (reading 'id')
            at placeOrder (/srv/shop/src/orders.js:48:21)
            at Layer.handle [as handle_request] (/srv/shop/node_modules/express/lib/router/layer.js:95:5)
        """;

    private const string ChromeTrace = """
        TypeError: Cannot read properties of null (reading 'value')
            at HTMLFormElement.submitOrder (https://shop.example/static/js/main.3f2a1b9c.js:2:10423)
            at https://shop.example/static/js/main.3f2a1b9c.js:2:8812
        """;

    // The next deploy: new content hash, new columns, a cache-busting query.
    private const string ChromeTraceNextBuild = """
        TypeError: Cannot read properties of null (reading 'value')
            at HTMLFormElement.submitOrder (https://shop.example/static/js/main.9e8d7c6b.js?v=2:2:11876)
            at https://shop.example/static/js/main.9e8d7c6b.js?v=2:2:9104
        """;

    private const string ChromeCartTrace = """
        TypeError: Cannot read properties of null (reading 'value')
            at HTMLButtonElement.addToCart (https://shop.example/static/js/main.3f2a1b9c.js:2:4410)
        """;

    private const string NodeCancelTrace = """
        TypeError: Cannot read properties of undefined (reading 'id')
            at cancelOrder (/app/src/cancellations.js:12:30)
            at Layer.handle [as handle_request] (/app/node_modules/express/lib/router/layer.js:95:5)
            at next (/app/node_modules/express/lib/router/route.js:149:13)
        """;

    private const string FirefoxTrace = """
        submitOrder@https://shop.example/static/js/main.3f2a1b9c.js:2:10423
        handleSubmit@https://shop.example/static/js/main.3f2a1b9c.js:2:8812
        dispatchEvent@https://shop.example/static/js/vendor.5e6f7a8b.js:1:40211
        """;

    // The next build moved every line and column and gave the bundles new hashes.
    private const string FirefoxTraceNextBuild = """
        submitOrder@https://shop.example/static/js/main.9e8d7c6b.js:3:2210
        handleSubmit@https://shop.example/static/js/main.9e8d7c6b.js:3:977
        dispatchEvent@https://shop.example/static/js/vendor.5e6f7a8b.js:1:40211
        """;

    private const string FirefoxCartTrace = """
        addToCart@https://shop.example/static/js/main.3f2a1b9c.js:2:4410
        handleSubmit@https://shop.example/static/js/main.3f2a1b9c.js:2:8812
        dispatchEvent@https://shop.example/static/js/vendor.5e6f7a8b.js:1:40211
        """;

    // Safari prints frames of built-in functions as "name@[native code]"; here JSON.parse threw inside loadCart.
    private const string SafariTrace = """
        parse@[native code]
        loadCart@https://shop.example/static/js/cart.js:14:27
        global code@https://shop.example/checkout:40:9
        """;

    private const string SafariTraceLater = """
        parse@[native code]
        loadCart@https://shop.example/static/js/cart.js?v=7:19:31
        global code@https://shop.example/checkout:44:9
        """;

    private const string SafariPricesTrace = """
        parse@[native code]
        loadPrices@https://shop.example/static/js/prices.js:8:20
        global code@https://shop.example/checkout:40:9
        """;

    // Native AOT prints no file or line, but the offset of the return address inside each method.
    private const string NativeAotTrace = """
        System.InvalidOperationException: Order 12345 has no lines
           at Shop.Orders.OrderService.Place(Order) + 0x1a
           at Shop.Api.OrdersEndpoint.Handle(HttpContext) + 0x5c
           at System.Threading.ExecutionContext.RunInternal(ExecutionContext, ContextCallback, Object) + 0x3d
        """;

    private const string NativeAotTraceNextBuild = """
        System.InvalidOperationException: Order 98 has no lines
           at Shop.Orders.OrderService.Place(Order) + 0x2f
           at Shop.Api.OrdersEndpoint.Handle(HttpContext) + 0x71
           at System.Threading.ExecutionContext.RunInternal(ExecutionContext, ContextCallback, Object) + 0x3d
        """;

    // Mono (Unity, Xamarin) prints the IL offset and the assembly's id instead of a file without symbols.
    private const string MonoTrace = """
        System.InvalidOperationException: Order 12345 has no lines
          at Shop.Orders.OrderService.Place (Shop.Order order) [0x0001a] in <3c8e5f2a9b7d4e1f8a6b2c0d9e8f7a6b>:0
          at Shop.Api.OrdersEndpoint.Handle (Microsoft.AspNetCore.Http.HttpContext context) [0x00042] in <3c8e5f2a9b7d4e1f8a6b2c0d9e8f7a6b>:0
        """;

    private const string MonoTraceNextBuild = """
        System.InvalidOperationException: Order 98 has no lines
          at Shop.Orders.OrderService.Place (Shop.Order order) [0x00031] in <9a1b2c3d4e5f60718293a4b5c6d7e8f9>:0
          at Shop.Api.OrdersEndpoint.Handle (Microsoft.AspNetCore.Http.HttpContext context) [0x00050] in <9a1b2c3d4e5f60718293a4b5c6d7e8f9>:0
        """;

    private const string MonoRefundTrace = """
        System.InvalidOperationException: Order 12345 has no lines
          at Shop.Orders.RefundService.Refund (Shop.Order order) [0x0001a] in <3c8e5f2a9b7d4e1f8a6b2c0d9e8f7a6b>:0
          at Shop.Api.OrdersEndpoint.Handle (Microsoft.AspNetCore.Http.HttpContext context) [0x00042] in <3c8e5f2a9b7d4e1f8a6b2c0d9e8f7a6b>:0
        """;

    [Fact]
    public void Group_DotNetBugAfterLinesAndPathsMoved_SameFingerprint()
    {
        var first = GroupText("System.InvalidOperationException", "Order 12345 has no lines", DotNetOrderTrace);
        var later = GroupText("System.InvalidOperationException", "Order 98 has no lines", DotNetOrderTraceLater);

        Assert.Equal(first.Fingerprint, later.Fingerprint);
    }

    [Fact]
    public void Group_DotNetDifferentMethodSameMessage_DifferentFingerprint()
    {
        var order = GroupText("System.InvalidOperationException", "Order 12345 has no lines", DotNetOrderTrace);
        var refund = GroupText("System.InvalidOperationException", "Order 12345 has no lines", DotNetRefundTrace);

        Assert.NotEqual(order.Fingerprint, refund.Fingerprint);
    }

    [Fact]
    public void Group_DotNet_CulpritIsTheThrowingInAppMethodByItsSourceName()
    {
        var group = GroupText("System.InvalidOperationException", "Order 12345 has no lines", DotNetOrderTrace);

        Assert.Equal("Shop.Orders.OrderService.PlaceAsync (OrderService.cs)", group.Culprit);
        Assert.Equal("System.InvalidOperationException: Order 12345 has no lines", group.Title);
    }

    [Fact]
    public void Group_NodeBugAtOtherLinesAndDeployPath_SameFingerprint()
    {
        var first = GroupText("TypeError", "Cannot read properties of undefined (reading 'id')", NodeTrace);
        var later = GroupText("TypeError", "Cannot read properties of undefined (reading 'id')", NodeTraceLater);

        Assert.Equal(first.Fingerprint, later.Fingerprint);
        Assert.Equal("placeOrder (orders.js)", first.Culprit);
    }

    [Fact]
    public void Group_NodeBugsInOtherFunctionsWithTheSameMessage_DifferentFingerprints()
    {
        var placing = GroupText("TypeError", "Cannot read properties of undefined (reading 'id')", NodeTrace);
        var cancelling = GroupText("TypeError", "Cannot read properties of undefined (reading 'id')", NodeCancelTrace);

        Assert.NotEqual(placing.Fingerprint, cancelling.Fingerprint);
        Assert.Equal("cancelOrder (cancellations.js)", cancelling.Culprit);
    }

    [Fact]
    public void Group_FirefoxBugInTheNextBuild_SameFingerprint()
    {
        var first = GroupText("TypeError", "form.elements.email is undefined", FirefoxTrace);
        var next = GroupText("TypeError", "form.elements.email is undefined", FirefoxTraceNextBuild);

        Assert.Equal(first.Fingerprint, next.Fingerprint);
        Assert.Equal("submitOrder (main.js)", first.Culprit);
    }

    [Fact]
    public void Group_FirefoxBugsInOtherFunctionsOfOneBundle_DifferentFingerprints()
    {
        var submit = GroupText("TypeError", "form.elements.email is undefined", FirefoxTrace);
        var cart = GroupText("TypeError", "form.elements.email is undefined", FirefoxCartTrace);

        Assert.NotEqual(submit.Fingerprint, cart.Fingerprint);
    }

    [Fact]
    public void Group_SafariBugAtOtherLinesAndColumns_SameFingerprintAndTheAppsFrameIsTheCulprit()
    {
        var first = GroupText("SyntaxError", "JSON Parse error: Unexpected identifier \"undefined\"", SafariTrace);
        var later = GroupText("SyntaxError", "JSON Parse error: Unexpected identifier \"undefined\"", SafariTraceLater);

        Assert.Equal(first.Fingerprint, later.Fingerprint);
        // Safari's built-in frame is not the app's code.
        Assert.Equal("loadCart (cart.js)", first.Culprit);
    }

    [Fact]
    public void Group_SafariBugsInOtherFunctions_DifferentFingerprints()
    {
        var cart = GroupText("SyntaxError", "JSON Parse error: Unexpected identifier \"undefined\"", SafariTrace);
        var prices = GroupText("SyntaxError", "JSON Parse error: Unexpected identifier \"undefined\"", SafariPricesTrace);

        Assert.NotEqual(cart.Fingerprint, prices.Fingerprint);
    }

    [Fact]
    public void Group_NativeAotBugAtOtherOffsets_SameFingerprint()
    {
        var first = GroupText("System.InvalidOperationException", "Order 12345 has no lines", NativeAotTrace);
        var next = GroupText("System.InvalidOperationException", "Order 98 has no lines", NativeAotTraceNextBuild);

        Assert.Equal(first.Fingerprint, next.Fingerprint);
        Assert.Equal("Shop.Orders.OrderService.Place", first.Culprit);
    }

    [Fact]
    public void Group_MonoBugAtOtherIlOffsetsAndAssemblyIds_SameFingerprint()
    {
        var first = GroupText("System.InvalidOperationException", "Order 12345 has no lines", MonoTrace);
        var next = GroupText("System.InvalidOperationException", "Order 98 has no lines", MonoTraceNextBuild);

        Assert.Equal(first.Fingerprint, next.Fingerprint);
        Assert.Equal("Shop.Orders.OrderService.Place", first.Culprit);
    }

    [Fact]
    public void Group_MonoBugsInOtherMethodsWithTheSameMessage_DifferentFingerprints()
    {
        var order = GroupText("System.InvalidOperationException", "Order 12345 has no lines", MonoTrace);
        var refund = GroupText("System.InvalidOperationException", "Order 12345 has no lines", MonoRefundTrace);

        Assert.NotEqual(order.Fingerprint, refund.Fingerprint);
    }

    [Fact]
    public void Group_BrowserBugInTheNextBuild_SameFingerprint()
    {
        var first = GroupText("TypeError", "Cannot read properties of null (reading 'value')", ChromeTrace);
        var next = GroupText("TypeError", "Cannot read properties of null (reading 'value')", ChromeTraceNextBuild);

        Assert.Equal(first.Fingerprint, next.Fingerprint);
    }

    [Fact]
    public void Group_BrowserBugsInOtherHandlersOfOneBundle_DifferentFingerprints()
    {
        var submit = GroupText("TypeError", "Cannot read properties of null (reading 'value')", ChromeTrace);
        var cart = GroupText("TypeError", "Cannot read properties of null (reading 'value')", ChromeCartTrace);

        Assert.NotEqual(submit.Fingerprint, cart.Fingerprint);
    }

    [Fact]
    public void Group_SameFramesOtherExceptionType_DifferentFingerprint()
    {
        var invalid = GroupText("System.InvalidOperationException", "Order 12345 has no lines", DotNetOrderTrace);
        var missing = GroupText("System.Collections.Generic.KeyNotFoundException", "Order 12345 has no lines", DotNetOrderTrace);

        Assert.NotEqual(invalid.Fingerprint, missing.Fingerprint);
    }

    [Fact]
    public void Group_NoInAppFrames_GroupsByTypeAndNormalisedMessage()
    {
        var libraryOnly = """
            Error: connect ECONNREFUSED 10.0.0.12:5432
                at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16)
            """;
        var first = GroupText("Error", "connect ECONNREFUSED 10.0.0.12:5432", libraryOnly);
        var second = GroupText("Error", "connect ECONNREFUSED 10.0.0.40:6543", libraryOnly);
        var other = GroupText("Error", "getaddrinfo ENOTFOUND db.internal", libraryOnly);

        Assert.Equal(first.Fingerprint, second.Fingerprint);
        Assert.NotEqual(first.Fingerprint, other.Fingerprint);
        Assert.Null(first.Culprit);
    }

    [Fact]
    public void Group_NoFramesAtAll_MessagesDifferingInIdsAndAddressesGroupTogether()
    {
        var first = ErrorGrouping.Group(new ErrorReport("SegfaultError", "read at 0x7ffd5e3a10 for user 4f1c2a9e-0b7d-4c1e-9a2b-3c4d5e6f7a8b", []));
        var second = ErrorGrouping.Group(new ErrorReport("SegfaultError", "read at 0x7ffd9999ff for user 0b7d4c1e-9a2b-4c1e-8a2b-aaaabbbbcccc", []));

        Assert.Equal(first.Fingerprint, second.Fingerprint);
    }

    [Fact]
    public void Group_DeepAndShallowRecursionOfOneBug_SameFingerprint()
    {
        static ErrorFrame Walk(int line) => new(null, "/app/src/tree.js", "walk", line, 3, null);
        var shallow = new ErrorReport("RangeError", "Maximum call stack size exceeded", [new(null, "/app/src/main.js", "render", 1, 1, null), Walk(10), Walk(12)]);
        var deep = new ErrorReport("RangeError", "Maximum call stack size exceeded", [new(null, "/app/src/main.js", "render", 1, 1, null), .. Enumerable.Range(0, 500).Select(Walk)]);

        Assert.Equal(ErrorGrouping.Group(shallow).Fingerprint, ErrorGrouping.Group(deep).Fingerprint);
    }

    [Fact]
    public void Group_SdkSaysFrameIsInApp_FlagWinsOverThePath()
    {
        var ownPackage = new ErrorFrame(null, "/app/node_modules/@shop/core/cart.js", "total", 5, 1, InApp: true);
        var other = new ErrorFrame(null, "/app/node_modules/@shop/core/cart.js", "subtotal", 9, 1, InApp: true);

        var first = ErrorGrouping.Group(new ErrorReport("Error", "x", [ownPackage]));
        var second = ErrorGrouping.Group(new ErrorReport("Error", "x", [other]));

        Assert.NotEqual(first.Fingerprint, second.Fingerprint);
        Assert.Equal("total (cart.js)", first.Culprit);
    }

    [Fact]
    public void Group_Fingerprint_IsSixteenLowercaseHexDigits()
    {
        var group = ErrorGrouping.Group(new ErrorReport(null, null, []));

        Assert.Matches("^[0-9a-f]{16}$", group.Fingerprint);
        Assert.Equal("Error", group.Title);
    }

    [Fact]
    public void Group_LongMessage_TitleIsCutToTwoHundredCharactersOfItsFirstLine()
    {
        var group = ErrorGrouping.Group(new ErrorReport("Error", new string('x', 500) + "\nsecond line", []));

        Assert.Equal(200, group.Title.Length);
        Assert.EndsWith("…", group.Title);
    }

    [Theory]
    [InlineData("Order 12345 has no lines", "Order <num> has no lines")]
    [InlineData("Timeout after 30.5s calling https://api.example.com/v1/pay?id=9", "Timeout after <num>s calling <url>")]
    [InlineData("No account for jane.doe+test@example.co.kr", "No account for <email>")]
    [InlineData("Lock 550e8400-e29b-41d4-a716-446655440000 held", "Lock <uuid> held")]
    [InlineData("Bad pointer 0x7FFD5E3A", "Bad pointer <hex>")]
    [InlineData("Document 507f1f77bcf86cd799439011 missing", "Document <hex> missing")]
    [InlineData("connect ECONNREFUSED 10.0.0.12:5432", "connect ECONNREFUSED <ip>:<num>")]
    [InlineData("  spaced \t out\nmessage ", "spaced out message")]
    [InlineData("deadbeef is not hex-with-digit, cafe too", "deadbeef is not hex-with-digit, cafe too")]
    public void NormalizeMessage_ReplacesVariableParts(string message, string expected)
    {
        Assert.Equal(expected, ErrorGrouping.NormalizeMessage(message));
    }

    private static ErrorGroup GroupText(string type, string message, string stackTrace) =>
        ErrorGrouping.Group(new ErrorReport(type, message, StackTraceParser.Parse(stackTrace)));
}
