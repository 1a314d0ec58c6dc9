using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Vigil.Core.Errors;

/// <summary>What groups an error into an issue, and how the issue is named.</summary>
/// <param name="Fingerprint">16 hex digits; equal for the same bug wherever its lines moved.</param>
/// <param name="Title">"Type: first line of the message", for lists.</param>
/// <param name="Culprit">The innermost in-app frame, "function (file)", when there is one.</param>
public sealed record ErrorGroup(string Fingerprint, string Title, string? Culprit);

/// <summary>
/// Groups errors into issues. The fingerprint is built from the in-app frames (file or module name and function, never
/// line or column, which move with every edit and build), with the exception type; without in-app frames it falls back
/// to the type and the message with its variable parts (numbers, ids, addresses, e-mails, URLs) replaced.
/// </summary>
public static partial class ErrorGrouping
{
    private const int MaxTitleLength = 200;

    /// <param name="report">The error.</param>
    /// <param name="byMessage">
    /// Group by the message even when the report has in-app frames: they only say where a message was logged (Sentry's
    /// <c>captureMessage</c> attaches the caller's stack), and one place logs many different messages.
    /// </param>
    public static ErrorGroup Group(ErrorReport report, bool byMessage = false)
    {
        ArgumentNullException.ThrowIfNull(report);
        var type = report.Type?.Trim() ?? "";
        var inApp = report.Frames.Where(ErrorFrames.IsInApp).ToList();
        var parts = inApp.Count > 0 && !byMessage
            ? ["frames", type, .. CollapseRecursion(inApp.Select(ErrorFrames.Key))]
            : new List<string> { "message", type, NormalizeMessage(report.Message ?? "") };
        return new ErrorGroup(Hash(parts), Title(type, report.Message), inApp.Count > 0 ? ErrorFrames.Describe(inApp[^1]) : null);
    }

    /// <summary>The message with the parts that differ between occurrences of one bug replaced by placeholders.</summary>
    public static string NormalizeMessage(string message)
    {
        var normalized = Url().Replace(message, "<url>");
        normalized = Email().Replace(normalized, "<email>");
        normalized = Uuid().Replace(normalized, "<uuid>");
        normalized = HexNumber().Replace(normalized, "<hex>");
        normalized = IpAddress().Replace(normalized, "<ip>");
        normalized = HexId().Replace(normalized, "<hex>");
        normalized = Number().Replace(normalized, "<num>");
        return Whitespace().Replace(normalized, " ").Trim();
    }

    private static string Title(string type, string? message)
    {
        var firstLine = (message ?? "").Split('\n', 2)[0].Trim();
        var title = (type, firstLine) switch
        {
            ("", "") => "Error",
            ("", _) => firstLine,
            (_, "") => type,
            _ => $"{type}: {firstLine}",
        };
        return title.Length <= MaxTitleLength ? title : title[..(MaxTitleLength - 1)] + "…";
    }

    // A recursion's depth differs between occurrences of one bug; its frames count once.
    private static IEnumerable<string> CollapseRecursion(IEnumerable<string> keys)
    {
        string? previous = null;
        foreach (var key in keys)
        {
            if (key != previous)
            {
                yield return key;
            }
            previous = key;
        }
    }

    private static string Hash(IEnumerable<string> parts)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', parts)));
        return Convert.ToHexStringLower(bytes.AsSpan(0, 8));
    }

    [GeneratedRegex(@"\b[a-zA-Z][a-zA-Z0-9+.-]*://\S+")]
    private static partial Regex Url();

    [GeneratedRegex(@"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")]
    private static partial Regex Email();

    [GeneratedRegex(@"\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b")]
    private static partial Regex Uuid();

    [GeneratedRegex(@"\b0x[0-9a-fA-F]+\b")]
    private static partial Regex HexNumber();

    [GeneratedRegex(@"\b\d{1,3}(?:\.\d{1,3}){3}\b")]
    private static partial Regex IpAddress();

    // Object ids and hashes (MongoDB ids, commit hashes): long hex runs with at least one digit.
    [GeneratedRegex(@"\b(?=[a-fA-F]*\d)[0-9a-fA-F]{8,}\b")]
    private static partial Regex HexId();

    [GeneratedRegex(@"\d+(?:\.\d+)?")]
    private static partial Regex Number();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
