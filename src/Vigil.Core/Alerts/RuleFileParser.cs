using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Vigil.Core.Alerts;

/// <summary>A problem in a rule file, at a 1-based line and column.</summary>
public sealed record RuleFileError(int Line, int Column, string Message);

/// <summary><see cref="RuleSet"/> is set exactly when <see cref="Errors"/> is empty; errors are sorted by position.</summary>
public sealed record RuleFileResult(RuleSet? RuleSet, IReadOnlyList<RuleFileError> Errors);

/// <summary>
/// Reads an alert rule file (YAML with <c>alerts:</c>, <c>channels:</c>, <c>contacts:</c> and <c>route:</c>) into a
/// <see cref="RuleSet"/>, reporting every error it finds rather than only the first. Pure: the caller reads the file.
/// </summary>
public static class RuleFileParser
{
    // An alias reads its anchor's node again wherever it appears, so a few nested aliases can expand to billions of
    // nodes ("billion laughs"); no real rule file comes near this many.
    private const int MaxNodes = 100_000;

    public static RuleFileResult Parse(string yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var diagnostics = new RuleFileDiagnostics();
        var stream = new YamlStream();
        var parser = new Parser(new StringReader(yaml));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException exception)
        {
            diagnostics.Add(exception.Start, $"YAML syntax: {exception.Message}");
            return new RuleFileResult(null, diagnostics.Sorted());
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet 16.3 fails this way, without a position, on some unclosed flow collections ("[1, 2" then a
            // new line); the last event it did read is the nearest position there is.
            var at = parser.Current?.End ?? Mark.Empty;
            diagnostics.Add(at, "YAML syntax error after this point: is a [ or { not closed?");
            return new RuleFileResult(null, diagnostics.Sorted());
        }

        var ruleSet = stream.Documents.Count switch
        {
            0 => RuleSet.Empty,
            > 1 => Reject(diagnostics, stream.Documents[1].RootNode, "a rule file holds one YAML document; remove the second ---"),
            _ when !IsWithinSize(stream.Documents[0]) => Reject(
                diagnostics,
                stream.Documents[0].RootNode,
                $"the file expands to more than {MaxNodes} YAML nodes: are aliases (*name) nested, or inside their own anchor?"),
            _ => new RuleFileReader(diagnostics).Read(stream.Documents[0].RootNode),
        };
        return diagnostics.Count == 0 ? new RuleFileResult(ruleSet, []) : new RuleFileResult(null, diagnostics.Sorted());
    }

    /// <summary>False when aliases expand the document past <see cref="MaxNodes"/>, or without end (an alias inside its own anchor).</summary>
    private static bool IsWithinSize(YamlDocument document)
    {
        try
        {
            return document.AllNodes.Take(MaxNodes + 1).Count() <= MaxNodes;
        }
        catch (MaximumRecursionLevelReachedException)
        {
            return false;
        }
    }

    private static RuleSet? Reject(RuleFileDiagnostics diagnostics, YamlNode at, string message)
    {
        diagnostics.Add(at, message);
        return null;
    }
}
