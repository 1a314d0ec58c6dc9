using System.Text.RegularExpressions;

namespace Vigil.Core.Alerts;

public enum MatchOperator
{
    Equal,
    NotEqual,
    Regex,
}

/// <summary>
/// A label matcher as Alertmanager writes them: <c>severity="critical"</c>, <c>alertname!="Slow Response"</c>,
/// <c>team=~"web|api"</c> (a regular expression anchored at both ends). Every rule has the labels <c>alertname</c>
/// and <c>severity</c> besides its own.
/// </summary>
public sealed partial record Matcher(string Label, MatchOperator Operator, string Value)
{
    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        var actual = labels.GetValueOrDefault(Label, "");
        return Operator switch
        {
            MatchOperator.Equal => actual == Value,
            MatchOperator.NotEqual => actual != Value,
            _ => Regex.IsMatch(actual, $"^(?:{Value})$", RegexOptions.None, TimeSpan.FromMilliseconds(100)),
        };
    }

    public static bool TryParse(string text, out Matcher? matcher, out string error)
    {
        matcher = null;
        var match = Syntax().Match(text);
        if (!match.Success)
        {
            error = $"'{text}' is not a matcher: write label=\"value\", label!=\"value\" or label=~\"regex\".";
            return false;
        }
        var op = match.Groups["op"].Value switch
        {
            "=" => MatchOperator.Equal,
            "!=" => MatchOperator.NotEqual,
            _ => MatchOperator.Regex,
        };
        var value = match.Groups["quoted"].Success ? match.Groups["quoted"].Value.Replace("\\\"", "\"") : match.Groups["bare"].Value.Trim();
        if (op == MatchOperator.Regex)
        {
            try
            {
                _ = new Regex(value, RegexOptions.None, TimeSpan.FromMilliseconds(100));
            }
            catch (ArgumentException exception)
            {
                error = $"'{value}' is not a regular expression: {exception.Message}";
                return false;
            }
        }
        matcher = new Matcher(match.Groups["label"].Value, op, value);
        error = "";
        return true;
    }

    /// <summary>
    /// Reads matchers as one line, the way Alertmanager's tools take them: <c>alertname="Slow Response", severity=~"warn.*"</c>,
    /// optionally inside braces. Commas inside quotes belong to the value.
    /// </summary>
    public static bool TryParseList(string text, out IReadOnlyList<Matcher> matchers, out string error)
    {
        matchers = [];
        var trimmed = text.Trim();
        if (trimmed.StartsWith('{') && trimmed.EndsWith('}'))
        {
            trimmed = trimmed[1..^1];
        }
        var parts = new List<string>();
        var start = 0;
        var quoted = false;
        for (var index = 0; index < trimmed.Length; index++)
        {
            switch (trimmed[index])
            {
                case '\\' when quoted:
                    index++;
                    break;
                case '"':
                    quoted = !quoted;
                    break;
                case ',' when !quoted:
                    parts.Add(trimmed[start..index]);
                    start = index + 1;
                    break;
            }
        }
        parts.Add(trimmed[start..]);
        // A trailing comma is harmless; an empty list or an empty part between commas is not.
        if (parts.Count > 1 && string.IsNullOrWhiteSpace(parts[^1]))
        {
            parts.RemoveAt(parts.Count - 1);
        }
        if (parts.All(string.IsNullOrWhiteSpace))
        {
            error = "at least one matcher is required, e.g. alertname=\"Slow Response\".";
            return false;
        }
        var parsed = new List<Matcher>();
        foreach (var part in parts)
        {
            if (!TryParse(part, out var matcher, out error))
            {
                return false;
            }
            parsed.Add(matcher!);
        }
        matchers = parsed;
        error = "";
        return true;
    }

    public override string ToString() =>
        $"{Label}{Operator switch { MatchOperator.Equal => "=", MatchOperator.NotEqual => "!=", _ => "=~" }}\"{Value.Replace("\"", "\\\"")}\"";

    [GeneratedRegex("""^\s*(?<label>[A-Za-z_][A-Za-z0-9_]*)\s*(?<op>=~|!=|=)\s*(?:"(?<quoted>(?:[^"\\]|\\.)*)"|(?<bare>[^"]+))\s*$""")]
    private static partial Regex Syntax();
}

/// <summary>While active, alerts matching every matcher still change state and show in the panel, but send nothing.</summary>
public sealed record Silence(
    long Id,
    long ProjectId,
    IReadOnlyList<Matcher> Matchers,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string Reason,
    string CreatedBy,
    DateTimeOffset CreatedAt)
{
    public bool IsActive(DateTimeOffset now) => StartsAt <= now && now < EndsAt;

    public bool Silences(IReadOnlyDictionary<string, string> labels, DateTimeOffset now) =>
        IsActive(now) && Matchers.All(matcher => matcher.Matches(labels));
}

/// <summary>Planned work on a project: while it runs, none of the project's alerts send anything.</summary>
public sealed record MaintenanceWindow(long Id, long ProjectId, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string Reason, DateTimeOffset CreatedAt)
{
    public bool IsActive(DateTimeOffset now) => StartsAt <= now && now < EndsAt;
}
