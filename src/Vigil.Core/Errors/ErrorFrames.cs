using System.Text.RegularExpressions;

namespace Vigil.Core.Errors;

/// <summary>How a frame counts for grouping: whether it is the team's own code, and what of it stays put across builds.</summary>
public static partial class ErrorFrames
{
    private static readonly string[] LibraryPathMarkers =
        ["node_modules/", "node_modules\\", "node:", "internal/", "<anonymous>", "chrome-extension://", "moz-extension://", "safari-extension://", "webpack/bootstrap",
        // Safari's frames of built-in functions ("parse@[native code]").
        "[native code]"];

    private static readonly string[] LibraryNamespaces = ["System.", "Microsoft.", "Npgsql.", "Dapper."];

    /// <summary>The frame's own flag when the SDK sent one; otherwise not in a dependency, the runtime, or an extension.</summary>
    public static bool IsInApp(ErrorFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (frame.InApp is { } inApp)
        {
            return inApp;
        }
        if (frame.File is null && frame.Function is null)
        {
            return false;
        }
        if (frame.File is { } file && (file == "native" || LibraryPathMarkers.Any(marker => file.Contains(marker, StringComparison.Ordinal))))
        {
            return false;
        }
        return frame.Function is not { } function || !LibraryNamespaces.Any(prefix => function.StartsWith(prefix, StringComparison.Ordinal));
    }

    /// <summary>"file-or-module:function", without line, column, directories, content hashes or compiler-made names.</summary>
    public static string Key(ErrorFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return $"{Place(frame)}:{NormalizeFunction(frame.Function)}";
    }

    /// <summary>"function (file)" for showing where an issue happens.</summary>
    public static string Describe(ErrorFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var function = NormalizeFunction(frame.Function);
        var place = Place(frame);
        return function.Length == 0 ? place : place.Length == 0 ? function : $"{function} ({place})";
    }

    private static string Place(ErrorFrame frame)
    {
        if (!string.IsNullOrEmpty(frame.Module))
        {
            return frame.Module;
        }
        if (string.IsNullOrEmpty(frame.File))
        {
            return "";
        }
        var path = frame.File;
        var cut = path.IndexOfAny(['?', '#']);
        if (cut >= 0)
        {
            path = path[..cut];
        }
        var name = path[(path.LastIndexOfAny(['/', '\\']) + 1)..];
        return ContentHash().Replace(name, "");
    }

    /// <summary>
    /// The function as written in the source: .NET's async state machines ("&lt;PlaceAsync&gt;d__4.MoveNext") and
    /// lambdas ("&lt;&gt;c__DisplayClass3_0.&lt;Handle&gt;b__0") get their method's name; generic arity, V8's
    /// "[as alias]" and JS's "async "/"new " go.
    /// </summary>
    public static string NormalizeFunction(string? function)
    {
        if (string.IsNullOrEmpty(function) || function is "<anonymous>" or "?")
        {
            return "";
        }
        var normalized = Lambda().Replace(function, "$1.lambda");
        normalized = AsyncStateMachine().Replace(normalized, "$1");
        normalized = DisplayClass().Replace(normalized, "");
        normalized = V8MethodAlias().Replace(normalized, "");
        normalized = GenericArity().Replace(normalized, "");
        if (normalized.StartsWith("async ", StringComparison.Ordinal))
        {
            normalized = normalized["async ".Length..];
        }
        if (normalized.StartsWith("new ", StringComparison.Ordinal))
        {
            normalized = normalized["new ".Length..];
        }
        return normalized;
    }

    // "main.3f2a1b9c.js", "index-BxT3a9Zk.js", "chunk.4f3e.abc12345.js": a run of 8 or more letters and digits with at
    // least one of each, between the name and the extension. "api-handlers.js" keeps its name (no digit).
    [GeneratedRegex(@"[.-](?=[A-Za-z_-]*\d)(?=[\d_-]*[A-Za-z])[A-Za-z0-9_-]{8,}(?=(?:\.[A-Za-z]+)+$)")]
    private static partial Regex ContentHash();

    // "<PlaceAsync>d__4.MoveNext", and async lambdas' "<<Map>b__0>d.MoveNext" once the lambda is named.
    [GeneratedRegex(@"<([^<>]+)>d(?:__\d+)?\.MoveNext")]
    private static partial Regex AsyncStateMachine();

    [GeneratedRegex(@"<([^<>]+)>b__[\d_]+")]
    private static partial Regex Lambda();

    [GeneratedRegex(@"<>c(?:__DisplayClass[\d_]+)?\.")]
    private static partial Regex DisplayClass();

    // V8's "Layer.handle [as handle_request]": the alias depends on how the function was reached.
    [GeneratedRegex(@" \[as [^\]]+\]$")]
    private static partial Regex V8MethodAlias();

    [GeneratedRegex(@"`\d+")]
    private static partial Regex GenericArity();
}
