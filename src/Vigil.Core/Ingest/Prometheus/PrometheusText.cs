using System.Globalization;
using System.Text;

namespace Vigil.Core.Ingest.Prometheus;

/// <summary>One sample line: the sample's own name (a histogram's <c>_bucket</c>, say), its labels, value and optional time (Unix ms).</summary>
public sealed record TextSample(string Name, IReadOnlyList<KeyValuePair<string, string>> Labels, double Value, long? TimestampMs);

/// <summary>A metric family: its name, type (<c>counter</c>, <c>gauge</c>, <c>histogram</c>, <c>summary</c> or <c>untyped</c>), help and samples.</summary>
public sealed record TextFamily(string Name, string Type, string? Help, IReadOnlyList<TextSample> Samples);

/// <summary>A line that could not be read, 1-based.</summary>
public sealed record TextProblem(int Line, string Error);

/// <summary>
/// The Prometheus text exposition format (version 0.0.4): <c># HELP</c> and <c># TYPE</c> lines, samples
/// <c>name{label="value",…} value [timestamp]</c> with <c>\\</c>, <c>\"</c> and <c>\n</c> escapes in label values,
/// <c>+Inf</c>, <c>-Inf</c> and <c>NaN</c>. A sample belongs to the family of the last TYPE line when its name is the
/// family's name or that name plus <c>_bucket</c>, <c>_sum</c>, <c>_count</c>, <c>_total</c> or <c>_created</c>;
/// other samples make an untyped family of their own. Bad lines are reported and skipped.
/// </summary>
public static class PrometheusText
{
    private static readonly string[] FamilySuffixes = ["_bucket", "_sum", "_count", "_total", "_created"];

    public static (IReadOnlyList<TextFamily> Families, IReadOnlyList<TextProblem> Problems) Parse(string text)
    {
        var families = new List<(string Name, string Type, string? Help, List<TextSample> Samples)>();
        var problems = new List<TextProblem>();
        var helps = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = text.Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            var line = lines[index].TrimEnd('\r').Trim();
            if (line.Length == 0)
            {
                continue;
            }
            if (line.StartsWith('#'))
            {
                var parts = line[1..].TrimStart().Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length >= 3 && parts[0] == "TYPE")
                {
                    families.Add((parts[1], parts[2].Trim(), helps.GetValueOrDefault(parts[1]), []));
                }
                else if (parts.Length >= 2 && parts[0] == "HELP")
                {
                    helps[parts[1]] = parts.Length == 3 ? UnescapeHelp(parts[2]) : "";
                }
                continue;
            }
            if (!TryParseSample(line, out var sample, out var error))
            {
                problems.Add(new TextProblem(index + 1, error));
                continue;
            }
            if (families.Count > 0 && BelongsTo(sample.Name, families[^1].Name))
            {
                families[^1].Samples.Add(sample);
            }
            else
            {
                families.Add((sample.Name, "untyped", helps.GetValueOrDefault(sample.Name), [sample]));
            }
        }
        return (families.Select(family => new TextFamily(family.Name, family.Type, family.Help ?? helps.GetValueOrDefault(family.Name), family.Samples)).ToList(), problems);
    }

    private static bool BelongsTo(string sampleName, string family) =>
        sampleName == family || FamilySuffixes.Any(suffix => sampleName.Length == family.Length + suffix.Length && sampleName.StartsWith(family, StringComparison.Ordinal) && sampleName.EndsWith(suffix, StringComparison.Ordinal));

    public static bool TryParseSample(string line, out TextSample sample, out string error)
    {
        sample = null!;
        var at = 0;
        while (at < line.Length && (char.IsAsciiLetterOrDigit(line[at]) || line[at] is '_' or ':'))
        {
            at++;
        }
        var name = line[..at];
        if (name.Length == 0 || char.IsAsciiDigit(name[0]))
        {
            error = "expected a metric name at the start of the line.";
            return false;
        }
        var labels = new List<KeyValuePair<string, string>>();
        if (at < line.Length && line[at] == '{')
        {
            at++;
            while (true)
            {
                SkipSpaces(line, ref at);
                if (at < line.Length && line[at] == '}')
                {
                    at++;
                    break;
                }
                var labelStart = at;
                while (at < line.Length && (char.IsAsciiLetterOrDigit(line[at]) || line[at] == '_'))
                {
                    at++;
                }
                var labelName = line[labelStart..at];
                SkipSpaces(line, ref at);
                if (labelName.Length == 0 || at >= line.Length || line[at] != '=')
                {
                    error = $"expected label=\"value\" at column {at + 1}.";
                    return false;
                }
                at++;
                SkipSpaces(line, ref at);
                if (!TryReadQuoted(line, ref at, out var labelValue))
                {
                    error = $"expected a double-quoted value for {labelName} at column {at + 1}.";
                    return false;
                }
                labels.Add(KeyValuePair.Create(labelName, labelValue));
                SkipSpaces(line, ref at);
                if (at < line.Length && line[at] == ',')
                {
                    at++;
                }
                else if (at >= line.Length || line[at] != '}')
                {
                    error = $"expected ',' or '}}' at column {at + 1}.";
                    return false;
                }
            }
        }
        var rest = line[at..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (rest.Length is 0 or > 2 || ParseValue(rest[0]) is not { } value)
        {
            error = $"expected a value (a number, +Inf, -Inf or NaN) and an optional timestamp after {name}.";
            return false;
        }
        long? timestamp = null;
        if (rest.Length == 2)
        {
            if (!long.TryParse(rest[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var milliseconds))
            {
                error = $"the timestamp '{rest[1]}' is not whole milliseconds.";
                return false;
            }
            timestamp = milliseconds;
        }
        sample = new TextSample(name, labels, value, timestamp);
        error = "";
        return true;
    }

    public static double? ParseValue(string text) => text switch
    {
        "+Inf" or "Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null,
    };

    private static void SkipSpaces(string text, ref int at)
    {
        while (at < text.Length && text[at] is ' ' or '\t')
        {
            at++;
        }
    }

    private static bool TryReadQuoted(string text, ref int at, out string value)
    {
        value = "";
        if (at >= text.Length || text[at] != '"')
        {
            return false;
        }
        var builder = new StringBuilder();
        for (at++; at < text.Length; at++)
        {
            switch (text[at])
            {
                case '"':
                    at++;
                    value = builder.ToString();
                    return true;
                case '\\' when at + 1 < text.Length:
                    at++;
                    builder.Append(text[at] == 'n' ? '\n' : text[at]);
                    break;
                default:
                    builder.Append(text[at]);
                    break;
            }
        }
        return false;
    }

    /// <summary>HELP text escapes only backslash and newline.</summary>
    private static string UnescapeHelp(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var index = 0; index < text.Length; index++)
        {
            if (text[index] == '\\' && index + 1 < text.Length && text[index + 1] is '\\' or 'n')
            {
                index++;
                builder.Append(text[index] == 'n' ? '\n' : text[index]);
            }
            else
            {
                builder.Append(text[index]);
            }
        }
        return builder.ToString();
    }
}
