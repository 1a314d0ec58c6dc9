using System.Globalization;
using System.Text.RegularExpressions;

namespace Vigil.Core.Errors;

/// <summary>
/// Reads the stack traces that arrive as text (OTLP's <c>exception.stacktrace</c>, a browser's <c>error.stack</c>) in
/// the shapes in use: .NET's <c>Exception.ToString()</c> (and Mono's, with IL offsets), V8's (Node, Chrome, Edge) and
/// Firefox/Safari's. Lines in none of these shapes (the message, "--- End of stack trace ---" markers) are skipped.
/// </summary>
public static partial class StackTraceParser
{
    /// <summary>Frames outermost first, as <see cref="ErrorFrame"/> lists run.</summary>
    public static IReadOnlyList<ErrorFrame> Parse(string? stackTrace)
    {
        if (string.IsNullOrWhiteSpace(stackTrace))
        {
            return [];
        }
        var frames = new List<ErrorFrame>();
        foreach (var rawLine in stackTrace.Split('\n'))
        {
            var line = rawLine.Trim();
            if (ParseLine(line) is { } frame)
            {
                frames.Add(frame);
            }
        }
        // Printed traces list the throwing frame first.
        frames.Reverse();
        return frames;
    }

    private static ErrorFrame? ParseLine(string line)
    {
        if (DotNetFrame().Match(line) is { Success: true } dotNet)
        {
            return new ErrorFrame(
                Module: null,
                File: dotNet.Groups["file"].Success ? dotNet.Groups["file"].Value : null,
                Function: dotNet.Groups["function"].Value,
                Line: dotNet.Groups["line"].Success ? ParseNumber(dotNet.Groups["line"].Value) : null,
                Column: null,
                InApp: null);
        }
        if (MonoFrame().Match(line) is { Success: true } mono)
        {
            // Without symbols Mono names the assembly's id or "<filename unknown>" at line 0: no place in the source.
            var hasSource = mono.Groups["file"].Success && !mono.Groups["file"].Value.StartsWith('<');
            return new ErrorFrame(
                Module: null,
                File: hasSource ? mono.Groups["file"].Value : null,
                Function: mono.Groups["function"].Value,
                Line: hasSource ? ParseNumber(mono.Groups["line"].Value) : null,
                Column: null,
                InApp: null);
        }
        if (V8Frame().Match(line) is { Success: true } v8)
        {
            var function = v8.Groups["function"].Success ? v8.Groups["function"].Value : null;
            return WithLocation(function, v8.Groups["location"].Value);
        }
        if (GeckoFrame().Match(line) is { Success: true } gecko)
        {
            return WithLocation(gecko.Groups["function"].Value, gecko.Groups["location"].Value);
        }
        return null;
    }

    private static ErrorFrame WithLocation(string? function, string location)
    {
        var position = LineAndColumn().Match(location);
        return position.Success
            ? new ErrorFrame(null, position.Groups["file"].Value, NullIfEmpty(function), ParseNumber(position.Groups["line"].Value),
                position.Groups["column"].Success ? ParseNumber(position.Groups["column"].Value) : null, null)
            : new ErrorFrame(null, location, NullIfEmpty(function), null, null, null);
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    private static int? ParseNumber(string digits) =>
        int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;

    // "at Shop.Orders.OrderService.Place(Order order) in /src/Shop/Orders/OrderService.cs:line 42"; no space before the
    // parameter list tells it from V8's "at place (file:1:2)". Native AOT adds " + 0x1a" offsets.
    [GeneratedRegex(@"^at (?<function>[^\s(]+)\((?<parameters>[^)]*)\)(?: \+ 0x[0-9a-fA-F]+)?(?: in (?<file>.+):line (?<line>\d+))?$")]
    private static partial Regex DotNetFrame();

    // Mono's (Unity, Xamarin): "at Shop.Orders.OrderService.Place (Shop.Order order) [0x0001a] in <3c8e…>:0", or
    // "… in /src/Shop/Orders/OrderService.cs:42" with symbols. The IL offset in brackets tells it from a V8 frame.
    [GeneratedRegex(@"^at (?<function>[^\s(]+) ?\((?<parameters>[^)]*)\) \[0x[0-9a-fA-F]+\](?: in (?<file>.+):(?<line>\d+))?$")]
    private static partial Regex MonoFrame();

    // "at place (/app/src/orders.js:10:15)", "at async place (file:///app/orders.mjs:1:2)", "at /app/orders.js:10:15".
    [GeneratedRegex(@"^at (?:async )?(?:(?<function>.+?) \((?<location>.+)\)|(?<location>\S+))$")]
    private static partial Regex V8Frame();

    // "place@https://shop.example/static/main.3f2a1b9c.js:1:2345", Safari's "global code@…"; a message line such as
    // "Error: no user a@b.example" has spaces before its @ and is not taken for a frame.
    [GeneratedRegex(@"^(?<function>[^@\s]*|global code|eval code|module code)@(?<location>\S.*)$")]
    private static partial Regex GeckoFrame();

    [GeneratedRegex(@"^(?<file>.+?):(?<line>\d+)(?::(?<column>\d+))?$")]
    private static partial Regex LineAndColumn();
}
