using System.Text;
using System.Text.RegularExpressions;

namespace Vigil.Core.Budgets;

/// <summary>
/// A file pattern of a budget, matched against a path relative to the checked folder with <c>/</c> between folders.
/// <c>*</c> is any run of characters within a name, <c>?</c> one character, <c>**</c> as a whole segment any number
/// of folders (<c>assets/**/*.css</c>). A pattern without <c>/</c> matches the file name in any folder, as in
/// <c>.gitignore</c>: <c>main*.js</c> matches <c>assets/main.3f2a1c.js</c>. Case matters, as on the build machine.
/// </summary>
public sealed class FilePattern
{
    public const int MaxLength = 200;

    private readonly Regex _regex;
    private readonly bool _matchesName;

    private FilePattern(string text)
    {
        Text = text;
        _matchesName = !text.Contains('/');
        _regex = new Regex(ToRegex(text), RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
    }

    public string Text { get; }

    /// <summary>Why <paramref name="text"/> is no pattern, or null when it is one.</summary>
    public static string? Problem(string? text) => text switch
    {
        null or { Length: 0 } => "pattern is required",
        { Length: > MaxLength } => $"pattern is longer than {MaxLength} characters",
        _ when text.Trim() != text => "pattern starts or ends with a space",
        _ when text.StartsWith('/') || text.EndsWith('/') || text.Contains("//", StringComparison.Ordinal) => "pattern has an empty folder name (a leading, trailing or double /)",
        _ when text.Contains('\\') => @"pattern has a \; folders are separated by /",
        _ when text.Contains('=') => "pattern has a =, which separates a budget's pattern from its size",
        _ => null,
    };

    /// <exception cref="ArgumentException">The text is no pattern (see <see cref="Problem"/>).</exception>
    public static FilePattern Parse(string text) =>
        Problem(text) is { } problem ? throw new ArgumentException(problem, nameof(text)) : new FilePattern(text);

    public bool Matches(string relativePath) =>
        _regex.IsMatch(_matchesName ? relativePath[(relativePath.LastIndexOf('/') + 1)..] : relativePath);

    private static string ToRegex(string pattern)
    {
        var regex = new StringBuilder("^");
        for (var index = 0; index < pattern.Length;)
        {
            var segmentStart = index == 0 || pattern[index - 1] == '/';
            if (segmentStart && pattern.AsSpan(index).StartsWith("**/"))
            {
                regex.Append("(?:[^/]*/)*");
                index += 3;
            }
            else if (segmentStart && pattern.AsSpan(index).SequenceEqual("**"))
            {
                regex.Append(".*");
                index += 2;
            }
            else
            {
                regex.Append(pattern[index] switch
                {
                    '*' => "[^/]*",
                    '?' => "[^/]",
                    var other => Regex.Escape(other.ToString()),
                });
                index++;
            }
        }
        return regex.Append('$').ToString();
    }
}
