using System.Globalization;
using Vigil.Core.Series;

namespace Vigil.Core.Alerts;

/// <summary>
/// One number a condition needs: a metric over a window ending now, or over the same window
/// <paramref name="DaysBack"/> days earlier (the baseline of <c>of yesterday</c> / <c>of last_week</c>).
/// </summary>
/// <param name="Window">The span; null means today so far in the project's zone.</param>
/// <param name="Name">The event or monitor the <c>name</c> label names.</param>
public readonly record struct MetricQuery(AlertMetric Metric, string? Name, TimeSpan? Window, int DaysBack = 0, SeriesSelector? Selector = null)
{
    public static MetricQuery For(MetricReference reference, int daysBack = 0) =>
        new(reference.Metric, reference.Name, reference.Window ?? AlertMetrics.DefaultWindow(reference.Metric), daysBack, reference.Selector);
}

/// <summary>
/// Evaluates conditions over values read beforehand, with three-valued logic: a comparison without a value (no
/// requests, no probes, no baseline) is <see cref="Outcome.NoData"/>; <c>and</c> is false when either side is false,
/// <c>or</c> true when either side is true, and otherwise no data wins over a definite answer.
/// </summary>
public static class ConditionEvaluator
{
    public static IEnumerable<MetricQuery> Queries(Condition condition) => condition switch
    {
        Comparison { Threshold.Baseline: var baseline } comparison when baseline != Baseline.None =>
            [MetricQuery.For(comparison.Metric), MetricQuery.For(comparison.Metric, DaysBack(baseline))],
        Comparison comparison => [MetricQuery.For(comparison.Metric)],
        AllOf all => Queries(all.Left).Concat(Queries(all.Right)),
        AnyOf any => Queries(any.Left).Concat(Queries(any.Right)),
        _ => throw new ArgumentOutOfRangeException(nameof(condition)),
    };

    public static Outcome Evaluate(Condition condition, Func<MetricQuery, double?> values) => condition switch
    {
        Comparison comparison => Compare(comparison, values),
        AllOf all => And(Evaluate(all.Left, values), Evaluate(all.Right, values)),
        AnyOf any => Or(Evaluate(any.Left, values), Evaluate(any.Right, values)),
        _ => throw new ArgumentOutOfRangeException(nameof(condition)),
    };

    /// <summary>The values behind a condition for people, e.g. <c>p95_response_time = 3,420 ms</c> or <c>signups = 12 (last week 40)</c>.</summary>
    public static string Describe(Condition condition, Func<MetricQuery, double?> values)
    {
        var parts = new List<string>();
        foreach (var comparison in Comparisons(condition))
        {
            var reference = comparison.Metric;
            var text = $"{Name(reference)} = {Format(values(MetricQuery.For(reference)), reference.Metric)}";
            if (comparison.Threshold.Baseline != Baseline.None)
            {
                var baseline = values(MetricQuery.For(reference, DaysBack(comparison.Threshold.Baseline)));
                text += $" ({(comparison.Threshold.Baseline == Baseline.LastWeek ? "last week" : "yesterday")} {Format(baseline, reference.Metric)})";
            }
            if (!parts.Contains(text))
            {
                parts.Add(text);
            }
        }
        return string.Join(", ", parts);
    }

    public static string Format(double? value, AlertMetric metric) => value switch
    {
        null => "no data",
        { } number => AlertMetrics.UnitOf(metric) switch
        {
            MetricUnit.Percent => number.ToString("0.##", CultureInfo.InvariantCulture) + "%",
            MetricUnit.Milliseconds => number.ToString("#,0", CultureInfo.InvariantCulture) + " ms",
            MetricUnit.UpOrDown => number >= 1 ? "1 (up)" : "0 (down)",
            _ => number.ToString("#,0.##", CultureInfo.InvariantCulture),
        },
    };

    public static int DaysBack(Baseline baseline) => baseline switch
    {
        Baseline.Yesterday => 1,
        Baseline.LastWeek => 7,
        _ => 0,
    };

    private static IEnumerable<Comparison> Comparisons(Condition condition) => condition switch
    {
        Comparison comparison => [comparison],
        AllOf all => Comparisons(all.Left).Concat(Comparisons(all.Right)),
        AnyOf any => Comparisons(any.Left).Concat(Comparisons(any.Right)),
        _ => [],
    };

    private static string Name(MetricReference reference)
    {
        var name = AlertMetrics.NameOf(reference.Metric);
        var selector = reference.Selector?.ToString() ?? (reference.Name is null ? "" : $"{{name=\"{reference.Name}\"}}");
        // "error_rate = 2%, error_rate[15min] = 0.8%": a condition may read one metric over two windows.
        var window = reference.Window is { } span ? $"[{DurationText.Format(span)}]" : "";
        return name + selector + window;
    }

    private static Outcome Compare(Comparison comparison, Func<MetricQuery, double?> values)
    {
        if (values(MetricQuery.For(comparison.Metric)) is not { } value)
        {
            return Outcome.NoData;
        }
        var threshold = comparison.Threshold.Value;
        if (comparison.Threshold.Baseline != Baseline.None)
        {
            if (values(MetricQuery.For(comparison.Metric, DaysBack(comparison.Threshold.Baseline))) is not { } baseline)
            {
                return Outcome.NoData;
            }
            threshold *= baseline;
        }
        var holds = comparison.Operator switch
        {
            ComparisonOperator.Greater => value > threshold,
            ComparisonOperator.GreaterOrEqual => value >= threshold,
            ComparisonOperator.Less => value < threshold,
            ComparisonOperator.LessOrEqual => value <= threshold,
            ComparisonOperator.Equal => value == threshold,
            ComparisonOperator.NotEqual => value != threshold,
            _ => throw new ArgumentOutOfRangeException(nameof(comparison)),
        };
        return holds ? Outcome.True : Outcome.False;
    }

    private static Outcome And(Outcome left, Outcome right) =>
        left == Outcome.False || right == Outcome.False ? Outcome.False
        : left == Outcome.NoData || right == Outcome.NoData ? Outcome.NoData
        : Outcome.True;

    private static Outcome Or(Outcome left, Outcome right) =>
        left == Outcome.True || right == Outcome.True ? Outcome.True
        : left == Outcome.NoData || right == Outcome.NoData ? Outcome.NoData
        : Outcome.False;
}
