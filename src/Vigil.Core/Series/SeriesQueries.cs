using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Vigil.Core.Series;

public enum MatchOperator
{
    Equal,
    NotEqual,
    Matches,
    DoesNotMatch,
}

/// <summary>A Prometheus label matcher; a series without the label has it as the empty string, as in PromQL.</summary>
public sealed record LabelMatcher(string Name, MatchOperator Operator, string Value)
{
    private readonly Regex? _pattern = Operator is MatchOperator.Matches or MatchOperator.DoesNotMatch
        ? new Regex($"^(?:{Value})$", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(50))
        : null;

    public bool Equals(LabelMatcher? other) => other is not null && (Name, Operator, Value) == (other.Name, other.Operator, other.Value);

    public override int GetHashCode() => HashCode.Combine(Name, Operator, Value);

    /// <summary>How PromQL writes the operator: <c>=</c>, <c>!=</c>, <c>=~</c>, <c>!~</c>.</summary>
    public static string Symbol(MatchOperator matchOperator) => matchOperator switch
    {
        MatchOperator.Equal => "=",
        MatchOperator.NotEqual => "!=",
        MatchOperator.Matches => "=~",
        _ => "!~",
    };

    public override string ToString() => $"{Name}{Symbol(Operator)}\"{Value}\"";

    public bool Matches(NamedSeries series)
    {
        var value = series.Label(Name) ?? "";
        return Operator switch
        {
            MatchOperator.Equal => value == Value,
            MatchOperator.NotEqual => value != Value,
            MatchOperator.Matches => _pattern!.IsMatch(value),
            _ => !_pattern!.IsMatch(value),
        };
    }

    /// <summary>
    /// Reads <c>method="GET",status=~"5.."</c>, with or without the surrounding braces; values are double-quoted
    /// with <c>\"</c> and <c>\\</c> escapes. On failure, <paramref name="problem"/> says what is wrong where.
    /// </summary>
    public static bool TryParseList(string? text, [NotNullWhen(true)] out IReadOnlyList<LabelMatcher>? matchers, [NotNullWhen(false)] out string? problem)
    {
        var list = new List<LabelMatcher>();
        matchers = list;
        problem = null;
        var body = (text ?? "").Trim();
        if (body.StartsWith('{') && body.EndsWith('}'))
        {
            body = body[1..^1];
        }
        var at = 0;
        while (true)
        {
            SkipSpaces(body, ref at);
            if (at >= body.Length)
            {
                return true;
            }
            var nameStart = at;
            while (at < body.Length && (char.IsAsciiLetterOrDigit(body[at]) || body[at] == '_'))
            {
                at++;
            }
            var name = body[nameStart..at];
            SkipSpaces(body, ref at);
            MatchOperator? matchOperator = Remaining(body, at, "=~") ? MatchOperator.Matches
                : Remaining(body, at, "!~") ? MatchOperator.DoesNotMatch
                : Remaining(body, at, "!=") ? MatchOperator.NotEqual
                : Remaining(body, at, "=") ? MatchOperator.Equal
                : null;
            if (name.Length == 0 || matchOperator is null)
            {
                return Fail(out matchers, out problem, $"expected label=\"value\" (or !=, =~, !~) at character {at + 1}");
            }
            at += matchOperator == MatchOperator.Equal ? 1 : 2;
            SkipSpaces(body, ref at);
            if (!TryReadQuoted(body, ref at, out var value))
            {
                return Fail(out matchers, out problem, $"expected a double-quoted value after {name} at character {at + 1}");
            }
            try
            {
                list.Add(new LabelMatcher(name, matchOperator.Value, value));
            }
            catch (ArgumentException exception)
            {
                return Fail(out matchers, out problem, $"the pattern for {name} is not a regular expression: {exception.Message}");
            }
            SkipSpaces(body, ref at);
            if (at < body.Length && body[at] != ',')
            {
                return Fail(out matchers, out problem, $"expected ',' at character {at + 1}");
            }
            at++;
        }
    }

    private static bool Fail(out IReadOnlyList<LabelMatcher>? matchers, out string? problem, string message)
    {
        (matchers, problem) = (null, message);
        return false;
    }

    private static bool Remaining(string text, int at, string prefix) => text.AsSpan(at).StartsWith(prefix, StringComparison.Ordinal);

    private static void SkipSpaces(string text, ref int at)
    {
        while (at < text.Length && text[at] == ' ')
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
        var builder = new System.Text.StringBuilder();
        for (at++; at < text.Length; at++)
        {
            if (text[at] == '"')
            {
                at++;
                value = builder.ToString();
                return true;
            }
            if (text[at] == '\\' && at + 1 < text.Length)
            {
                at++;
            }
            builder.Append(text[at]);
        }
        return false;
    }
}

/// <summary>How a query turns the minute rollups of a step (and of the series of a group) into one number.</summary>
public enum SeriesAggregation
{
    Avg,
    Min,
    Max,
    Sum,
    Last,
    Increase,
    Rate,
    P50,
    P90,
    P95,
    P99,
}

/// <summary>One series' rollup of one minute, as a store reads it.</summary>
public sealed record SeriesMinute(long ProjectId, long SeriesId, DateTimeOffset Minute, MinuteRollup Rollup);

/// <summary>One line of a chart: the values of the labels it is grouped by, and one value (or null: no data) per step.</summary>
public sealed record SeriesGroup(IReadOnlyList<KeyValuePair<string, string>> Labels, IReadOnlyList<SeriesValue> Points);

public readonly record struct SeriesValue(DateTimeOffset Start, double? Value);

/// <summary>
/// Aggregations over series rollups (README "Metrics from your services"). Per step and group: gauges answer
/// <c>avg</c> (mean of every point), <c>min</c>, <c>max</c>, <c>last</c> (the newest point of any series) and
/// <c>sum</c> (each series' newest value, added up: connections over all instances); counters answer
/// <c>increase</c> and <c>rate</c> (per second); histograms answer <c>p50</c>, <c>p90</c>, <c>p95</c>, <c>p99</c>
/// and <c>avg</c> from their merged sketches and sums, and <c>increase</c> and <c>rate</c> of their observations.
/// </summary>
public static class SeriesQueries
{
    public static string NameOf(SeriesAggregation aggregation) => aggregation.ToString().ToLowerInvariant();

    public static SeriesAggregation? Parse(string? name) =>
        Enum.GetValues<SeriesAggregation>().Select(value => (SeriesAggregation?)value).FirstOrDefault(value => NameOf(value!.Value) == name);

    public static IReadOnlyList<SeriesAggregation> AllowedFor(SeriesKind kind) => kind switch
    {
        SeriesKind.Gauge => [SeriesAggregation.Avg, SeriesAggregation.Min, SeriesAggregation.Max, SeriesAggregation.Sum, SeriesAggregation.Last],
        SeriesKind.Counter => [SeriesAggregation.Increase, SeriesAggregation.Rate],
        _ => [SeriesAggregation.P50, SeriesAggregation.P90, SeriesAggregation.P95, SeriesAggregation.P99, SeriesAggregation.Avg, SeriesAggregation.Increase, SeriesAggregation.Rate],
    };

    /// <summary>What a query without <c>agg</c> answers: a gauge's mean, a counter's increase, a histogram's p95.</summary>
    public static SeriesAggregation DefaultFor(SeriesKind kind) => AllowedFor(kind)[kind == SeriesKind.Histogram ? 2 : 0];

    /// <summary>Whether the answer is in the series' unit (so a time unit applies) rather than a count of points or observations.</summary>
    public static bool KeepsUnit(SeriesAggregation aggregation) => aggregation is not (SeriesAggregation.Increase or SeriesAggregation.Rate);

    /// <summary>How many milliseconds one of <paramref name="unit"/> is, for time units (UCUM as OTLP sends them); null otherwise.</summary>
    public static double? MillisecondsPer(string unit) => unit switch
    {
        "ns" => 1e-6,
        "us" or "µs" => 1e-3,
        "ms" => 1,
        "s" => 1_000,
        "min" => 60_000,
        "h" => 3_600_000,
        _ => null,
    };

    /// <summary>
    /// Lines of a chart: <paramref name="series"/> (all of one kind) grouped by the values of <paramref name="by"/>,
    /// one value per step starting at <paramref name="from"/> (every step that starts before <paramref name="to"/>).
    /// </summary>
    public static IReadOnlyList<SeriesGroup> Aggregate(
        IReadOnlyList<NamedSeries> series, IEnumerable<SeriesMinute> minutes, SeriesAggregation aggregation, IReadOnlyList<string> by,
        DateTimeOffset from, DateTimeOffset to, TimeSpan step)
    {
        var steps = (int)Math.Ceiling((to - from) / step);
        var groupOf = series.ToDictionary(one => (one.ProjectId, one.Id), one => GroupLabels(one, by));
        var cells = new Dictionary<(string Group, int Step), Dictionary<(long, long), MinuteRollup>>();
        foreach (var minute in minutes)
        {
            if (!groupOf.TryGetValue((minute.ProjectId, minute.SeriesId), out var labels) || minute.Minute < from || minute.Minute >= to)
            {
                continue;
            }
            var cellKey = (SeriesLabels.ToJson(labels), (int)((minute.Minute - from) / step));
            if (!cells.TryGetValue(cellKey, out var perSeries))
            {
                cells[cellKey] = perSeries = [];
            }
            if (!perSeries.TryGetValue((minute.ProjectId, minute.SeriesId), out var merged))
            {
                perSeries[(minute.ProjectId, minute.SeriesId)] = merged = new MinuteRollup();
            }
            merged.Merge(minute.Rollup);
        }
        return groupOf.Values
            .DistinctBy(SeriesLabels.ToJson)
            .Select(labels =>
            {
                var group = SeriesLabels.ToJson(labels);
                var points = Enumerable.Range(0, steps)
                    .Select(index => new SeriesValue(from + index * step, cells.TryGetValue((group, index), out var perSeries) ? Value(aggregation, perSeries.Values, step) : null))
                    .ToList();
                return new SeriesGroup(labels, points);
            })
            .OrderBy(group => SeriesLabels.ToJson(group.Labels), StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>One number from the rollups of a step, one merged rollup per series; null when they hold no data.</summary>
    public static double? Value(SeriesAggregation aggregation, IReadOnlyCollection<MinuteRollup> perSeries, TimeSpan step)
    {
        if (perSeries.Count == 0)
        {
            return null;
        }
        var count = perSeries.Sum(rollup => rollup.Count);
        switch (aggregation)
        {
            case SeriesAggregation.Avg:
                return count == 0 ? null : perSeries.Sum(rollup => rollup.Sum) / count;
            case SeriesAggregation.Min:
                return perSeries.Min(rollup => rollup.Min);
            case SeriesAggregation.Max:
                return perSeries.Max(rollup => rollup.Max);
            case SeriesAggregation.Sum:
                return perSeries.Sum(rollup => rollup.Last);
            case SeriesAggregation.Last:
                return perSeries.MaxBy(rollup => rollup.LastTime)!.Last;
            case SeriesAggregation.Increase or SeriesAggregation.Rate:
                var increase = perSeries.All(rollup => rollup.Sketch is null && rollup.Buckets is null) ? perSeries.Sum(rollup => rollup.Sum) : count;
                return aggregation == SeriesAggregation.Rate ? increase / step.TotalSeconds : increase;
            case SeriesAggregation.P50 or SeriesAggregation.P90 or SeriesAggregation.P95 or SeriesAggregation.P99 when perSeries.Any(rollup => rollup.Buckets is not null):
                var buckets = new MinuteRollup();
                foreach (var rollup in perSeries)
                {
                    buckets.Merge(rollup);
                }
                return ClassicHistograms.BucketQuantile(QuantileOf(aggregation), buckets.Buckets!);
            default:
                var sketch = new Metrics.LatencySketch();
                foreach (var rollup in perSeries.Where(rollup => rollup.Sketch is not null))
                {
                    sketch.Merge(rollup.Sketch!);
                }
                return HistogramSketches.Quantile(sketch, QuantileOf(aggregation));
        }
    }

    private static double QuantileOf(SeriesAggregation aggregation) => aggregation switch
    {
        SeriesAggregation.P50 => 0.5,
        SeriesAggregation.P90 => 0.9,
        SeriesAggregation.P95 => 0.95,
        _ => 0.99,
    };

    private static IReadOnlyList<KeyValuePair<string, string>> GroupLabels(NamedSeries series, IReadOnlyList<string> by) =>
        by.Distinct().Order(StringComparer.Ordinal).Select(name => KeyValuePair.Create(name, series.Label(name) ?? "")).ToList();
}
