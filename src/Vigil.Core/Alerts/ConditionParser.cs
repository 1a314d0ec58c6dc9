using System.Diagnostics;
using System.Globalization;
using Vigil.Core.Series;
// Silences have a MatchOperator of their own.
using SeriesMatchOperator = Vigil.Core.Series.MatchOperator;

namespace Vigil.Core.Alerts;

/// <summary>A problem in a condition, at a zero-based character offset into the condition text.</summary>
public sealed record ConditionError(int Offset, string Message);

/// <summary><see cref="Condition"/> is set exactly when <see cref="Errors"/> is empty.</summary>
public sealed record ConditionParseResult(Condition? Condition, IReadOnlyList<ConditionError> Errors);

/// <summary>
/// Reads conditions such as <c>uptime &lt; 99%</c>, <c>error_rate[15m] &gt; 1% and p95_response_time &gt; 3s</c>,
/// <c>events{name="checkout"} &lt; 10</c>, <c>monitor_up{name="api"} &lt; 1</c> or <c>signups &lt; 60% of last_week</c>. <c>and</c> binds tighter than
/// <c>or</c>; parentheses group. Thresholds come out in the metric's base unit (see <see cref="Threshold"/>).
/// </summary>
public static class ConditionParser
{
    public static ConditionParseResult Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var errors = new List<ConditionError>();
        try
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                throw new ConditionSyntaxException(0, "the condition is empty; write e.g. uptime < 99%");
            }
            var reader = new ConditionReader(ConditionTokenizer.Tokenize(text), errors);
            var condition = reader.ReadWhole();
            return new ConditionParseResult(errors.Count == 0 ? condition : null, errors.OrderBy(error => error.Offset).ToList());
        }
        catch (ConditionSyntaxException exception)
        {
            // Errors found before the one the parser cannot read past are still worth reporting.
            errors.Add(new ConditionError(exception.Offset, exception.Message));
            return new ConditionParseResult(null, errors.OrderBy(error => error.Offset).ToList());
        }
    }

    /// <summary>Recursive descent over the tokens; meaning errors are collected and reading goes on, syntax errors throw.</summary>
    private sealed class ConditionReader(IReadOnlyList<ConditionToken> tokens, List<ConditionError> errors)
    {
        private static readonly string KnownMetrics = string.Join(", ", AlertMetrics.ByName.Keys);

        private int _position;

        private ConditionToken Current => tokens[_position];

        public Condition ReadWhole()
        {
            var condition = ReadAnyOf();
            return Current.Kind switch
            {
                ConditionTokenKind.End => condition,
                ConditionTokenKind.CloseParenthesis => throw new ConditionSyntaxException(Current.Offset, "')' without a matching '('"),
                _ => throw new ConditionSyntaxException(Current.Offset, $"unexpected {Describe(Current)}; join comparisons with 'and' or 'or'"),
            };
        }

        private Condition ReadAnyOf()
        {
            var condition = ReadAllOf();
            while (AcceptKeyword("or"))
            {
                condition = new AnyOf(condition, ReadAllOf());
            }
            return condition;
        }

        private Condition ReadAllOf()
        {
            var condition = ReadOperand();
            while (AcceptKeyword("and"))
            {
                condition = new AllOf(condition, ReadOperand());
            }
            return condition;
        }

        private Condition ReadOperand()
        {
            if (Current.Kind != ConditionTokenKind.OpenParenthesis)
            {
                return ReadComparison();
            }
            Take();
            var condition = ReadAnyOf();
            if (Current.Kind != ConditionTokenKind.CloseParenthesis)
            {
                throw new ConditionSyntaxException(Current.Offset, $"expected ')' to close an earlier '(', found {Describe(Current)}");
            }
            Take();
            return condition;
        }

        private Comparison ReadComparison()
        {
            var metric = ReadMetric();
            var comparisonOperator = ReadOperator();
            var number = Current.Kind == ConditionTokenKind.Number
                ? Take()
                : throw new ConditionSyntaxException(Current.Offset, $"expected a number after the operator, found {Describe(Current)}");
            var unit = ReadUnit(number);
            var baseline = ReadBaseline();
            var value = double.Parse(number.Text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
            if (metric is null)
            {
                // The unknown metric is already reported, so this comparison never reaches a result; it only lets reading go on.
                return new Comparison(new MetricReference(AlertMetric.Uptime), comparisonOperator, new Threshold(value));
            }
            return new Comparison(metric, comparisonOperator, ToThreshold(metric.Metric, value, number, unit, baseline));
        }

        /// <returns>Null when the name is not a metric (already reported), so the rest can still be read.</returns>
        private MetricReference? ReadMetric()
        {
            if (Current.Kind != ConditionTokenKind.Identifier || IsKeyword(Current))
            {
                throw new ConditionSyntaxException(Current.Offset, $"expected a metric such as uptime or error_rate, found {Describe(Current)}");
            }
            var name = Take();
            var known = AlertMetrics.ByName.TryGetValue(name.Text, out var metric);
            if (!known)
            {
                errors.Add(new ConditionError(name.Offset, $"unknown metric '{name.Text}'; known metrics: {KnownMetrics}"));
            }
            var hasLabels = Current.Kind == ConditionTokenKind.OpenBrace;
            var isSeries = known && metric == AlertMetric.Series;
            var selector = hasLabels && isSeries ? ReadSeriesSelector() : null;
            var labelName = hasLabels && !isSeries ? ReadNameLabel(known ? metric : null) : null;
            if (known && !hasLabels && (isSeries || AlertMetrics.TakesName(metric)))
            {
                errors.Add(new ConditionError(name.Offset, isSeries ? SeriesNeedsName : NeedsName(metric)));
            }
            var window = Current.Kind == ConditionTokenKind.Window ? ReadWindow(Take()) : null;
            return known ? new MetricReference(metric, labelName, window, selector) : null;
        }

        private string? ReadNameLabel(AlertMetric? metric)
        {
            var open = Take();
            if (metric is { } unlabelled && !AlertMetrics.TakesName(unlabelled))
            {
                errors.Add(new ConditionError(open.Offset, $"only events, monitor_up and monitor_response_time take labels; {AlertMetrics.NameOf(unlabelled)} has none"));
            }
            var errorsBefore = errors.Count;
            string? labelName = null;
            while (Current.Kind != ConditionTokenKind.CloseBrace)
            {
                var label = Expect(ConditionTokenKind.Identifier, "a label name such as name");
                Expect(ConditionTokenKind.Equals, $"'=' after {label.Text}");
                var value = Expect(ConditionTokenKind.String, $"a quoted value after {label.Text}=");
                var unquoted = value.Text[1..^1];
                if (label.Text != "name")
                {
                    var owner = metric is { } known && AlertMetrics.TakesName(known) ? AlertMetrics.NameOf(known) : "events";
                    errors.Add(new ConditionError(label.Offset, $"unknown label '{label.Text}'; {owner} takes only name, e.g. {owner}{{name=\"{(owner == "events" ? "checkout" : "api")}\"}}"));
                }
                else if (labelName is not null)
                {
                    errors.Add(new ConditionError(label.Offset, "name is given twice"));
                }
                else if (string.IsNullOrWhiteSpace(unquoted))
                {
                    errors.Add(new ConditionError(value.Offset, metric is AlertMetric.MonitorUp or AlertMetric.MonitorResponseTime ? "the monitor name is empty" : "the event name is empty"));
                }
                else
                {
                    labelName = unquoted;
                }
                if (Current.Kind != ConditionTokenKind.CloseBrace)
                {
                    Expect(ConditionTokenKind.Comma, "',' or '}'");
                }
            }
            var close = Take();
            if (metric is { } named && AlertMetrics.TakesName(named) && labelName is null && errors.Count == errorsBefore)
            {
                errors.Add(new ConditionError(close.Offset, NeedsName(named)));
            }
            return labelName;
        }

        private static string NeedsName(AlertMetric metric) => metric == AlertMetric.Events
            ? "events needs the event's name: events{name=\"checkout\"}"
            : $"{AlertMetrics.NameOf(metric)} needs the monitor's name: {AlertMetrics.NameOf(metric)}{{name=\"api\"}}";
        private const string SeriesNeedsName = "series needs the metric's name: series{name=\"queue_depth\"}";

        /// <summary>
        /// <c>{name="…", agg="…", label="value", label!="value", label=~"regex", label!~"regex", …}</c>: the metric
        /// name (required), the aggregation (optional; the kind's default otherwise) and label matchers every series
        /// read must pass, as in PromQL (a missing label is "", a regex must match the whole value).
        /// </summary>
        private SeriesSelector? ReadSeriesSelector()
        {
            Take();
            var errorsBefore = errors.Count;
            string? seriesName = null;
            SeriesAggregation? aggregation = null;
            var matchers = new List<LabelMatcher>();
            while (Current.Kind != ConditionTokenKind.CloseBrace)
            {
                var label = Expect(ConditionTokenKind.Identifier, "a label name such as name");
                var matchOperator = ReadMatchOperator(label);
                var value = Expect(ConditionTokenKind.String, $"a quoted value after {label.Text}{LabelMatcher.Symbol(matchOperator.Operator)}");
                var unquoted = value.Text[1..^1];
                switch (label.Text)
                {
                    case "name" or "agg" when matchOperator.Operator != SeriesMatchOperator.Equal:
                        errors.Add(new ConditionError(matchOperator.Offset, $"{label.Text} takes only '=': {label.Text}=\"…\""));
                        break;
                    case "name" when !SeriesLabels.IsValidName(unquoted):
                        errors.Add(new ConditionError(value.Offset, $"'{unquoted}' is not a metric name: letters, digits, _ and : (OpenTelemetry's dots become _)"));
                        break;
                    case "name" when seriesName is not null:
                    case "agg" when aggregation is not null:
                        errors.Add(new ConditionError(label.Offset, $"{label.Text} is given twice"));
                        break;
                    case "name":
                        seriesName = unquoted;
                        break;
                    case "agg":
                        aggregation = SeriesQueries.Parse(unquoted);
                        if (aggregation is null)
                        {
                            errors.Add(new ConditionError(value.Offset, $"unknown agg '{unquoted}'; use one of {string.Join(", ", Enum.GetValues<SeriesAggregation>().Select(SeriesQueries.NameOf))}"));
                        }
                        break;
                    default:
                        if (LabelMatcherAt(label.Text, matchOperator.Operator, unquoted, value.Offset) is { } matcher)
                        {
                            matchers.Add(matcher);
                        }
                        break;
                }
                if (Current.Kind != ConditionTokenKind.CloseBrace)
                {
                    Expect(ConditionTokenKind.Comma, "',' or '}'");
                }
            }
            var close = Take();
            if (seriesName is null && errors.Count == errorsBefore)
            {
                errors.Add(new ConditionError(close.Offset, SeriesNeedsName));
            }
            return seriesName is null ? null : SeriesSelector.Of(seriesName, aggregation, matchers);
        }

        private (SeriesMatchOperator Operator, int Offset) ReadMatchOperator(ConditionToken label)
        {
            var offset = Current.Offset;
            SeriesMatchOperator? matchOperator = Current switch
            {
                { Kind: ConditionTokenKind.Equals } => SeriesMatchOperator.Equal,
                { Kind: ConditionTokenKind.Operator, Text: "!=" } => SeriesMatchOperator.NotEqual,
                { Kind: ConditionTokenKind.Operator, Text: "=~" } => SeriesMatchOperator.Matches,
                { Kind: ConditionTokenKind.Operator, Text: "!~" } => SeriesMatchOperator.DoesNotMatch,
                _ => null,
            };
            if (matchOperator is null)
            {
                throw new ConditionSyntaxException(offset, $"expected =, !=, =~ or !~ after {label.Text}, found {Describe(Current)}");
            }
            Take();
            return (matchOperator.Value, offset);
        }

        /// <returns>Null when the regex does not compile (reported at the value).</returns>
        private LabelMatcher? LabelMatcherAt(string name, SeriesMatchOperator matchOperator, string value, int valueOffset)
        {
            try
            {
                return new LabelMatcher(name, matchOperator, value);
            }
            catch (ArgumentException exception)
            {
                errors.Add(new ConditionError(valueOffset, $"the pattern for {name} is not a regular expression: {exception.Message}"));
                return null;
            }
        }

        private TimeSpan? ReadWindow(ConditionToken window)
        {
            var text = window.Text.Trim();
            if (!DurationText.TryParse(text, out var span) || span <= TimeSpan.Zero)
            {
                errors.Add(new ConditionError(window.Offset, $"invalid window '{window.Text}'; write a duration longer than zero, e.g. [15m] or [1h]"));
                return null;
            }
            return span;
        }

        private ComparisonOperator ReadOperator()
        {
            if (Current.Kind == ConditionTokenKind.Equals)
            {
                throw new ConditionSyntaxException(Current.Offset, "'=' is not a comparison; use == (or >=, <=)");
            }
            if (Current.Kind != ConditionTokenKind.Operator)
            {
                throw new ConditionSyntaxException(Current.Offset, $"expected a comparison (>, >=, <, <=, ==, !=), found {Describe(Current)}");
            }
            var token = Take();
            return token.Text switch
            {
                ">" => ComparisonOperator.Greater,
                ">=" => ComparisonOperator.GreaterOrEqual,
                "<" => ComparisonOperator.Less,
                "<=" => ComparisonOperator.LessOrEqual,
                "==" => ComparisonOperator.Equal,
                "!=" => ComparisonOperator.NotEqual,
                "=~" or "!~" => throw new ConditionSyntaxException(token.Offset, "=~ and !~ match labels inside series{…}; compare with >, >=, <, <=, == or !="),
                var other => throw new UnreachableException($"The tokenizer made an operator of '{other}'."),
            };
        }

        /// <returns>The unit token, or null when the number has none or one already reported as unknown.</returns>
        private ConditionToken? ReadUnit(ConditionToken number)
        {
            if (Current.Kind == ConditionTokenKind.Percent
                || Current.Kind == ConditionTokenKind.Identifier && Current.Text is "ms" or "s" or "m" or "min")
            {
                return Take();
            }
            // "3sec" or "5k": letters glued to the number are a unit we do not know, not the next keyword.
            if (Current.Kind == ConditionTokenKind.Identifier && Current.Offset == number.End)
            {
                var unknown = Take();
                errors.Add(new ConditionError(unknown.Offset, $"unknown unit '{unknown.Text}'; use % for rates and uptime, ms, s or min for response times, none for counts"));
            }
            return null;
        }

        private (Baseline Baseline, int Offset) ReadBaseline()
        {
            if (!IsKeyword(Current, "of"))
            {
                return (Baseline.None, -1);
            }
            var of = Take();
            var baseline = Current.Kind == ConditionTokenKind.Identifier
                ? Current.Text switch
                {
                    "last_week" => Baseline.LastWeek,
                    "yesterday" => Baseline.Yesterday,
                    _ => (Baseline?)null,
                }
                : null;
            if (baseline is null)
            {
                throw new ConditionSyntaxException(Current.Offset, $"expected last_week or yesterday after 'of', found {Describe(Current)}");
            }
            Take();
            return (baseline.Value, of.Offset);
        }

        private Threshold ToThreshold(AlertMetric metric, double value, ConditionToken number, ConditionToken? unit, (Baseline Baseline, int Offset) baseline)
        {
            var name = AlertMetrics.NameOf(metric);
            var unitText = unit?.Text;
            var unitOffset = unit?.Offset ?? number.Offset;
            if (baseline.Baseline != Baseline.None)
            {
                if (!AlertMetrics.IsProductMetric(metric))
                {
                    errors.Add(new ConditionError(baseline.Offset, $"only counts such as signups or orders compare with last_week or yesterday; {name} does not"));
                }
                else if (unitText != "%")
                {
                    errors.Add(new ConditionError(unitOffset, "write the share of the baseline as a percentage, e.g. 60% of last_week"));
                }
                return new Threshold(value / 100, baseline.Baseline);
            }

            if (metric == AlertMetric.Series)
            {
                // A series' own unit is known only when it is read: times compare in milliseconds, anything else as a plain number.
                if (unitText == "%")
                {
                    errors.Add(new ConditionError(unitOffset, "series compares plain numbers, or times with ms, s or min; write a ratio as 0.9, not 90%"));
                }
                return new Threshold(unitText switch
                {
                    "s" => value * 1_000,
                    "m" or "min" => value * 60_000,
                    _ => value,
                });
            }
            switch (AlertMetrics.UnitOf(metric))
            {
                case MetricUnit.Percent when unitText is not (null or "%"):
                    errors.Add(new ConditionError(unitOffset, $"{name} is a percentage; write e.g. {name} < 99.9%"));
                    break;
                case MetricUnit.Percent when value > 100:
                    errors.Add(new ConditionError(number.Offset, $"{name} is a percentage between 0 and 100, not {number.Text}"));
                    break;
                case MetricUnit.Milliseconds when unitText is not (null or "ms" or "s" or "m" or "min"):
                    errors.Add(new ConditionError(unitOffset, $"{name} is a time; use ms, s or min"));
                    break;
                case MetricUnit.Milliseconds:
                    return new Threshold(unitText switch
                    {
                        "s" => value * 1_000,
                        "m" or "min" => value * 60_000,
                        _ => value,
                    });
                case MetricUnit.UpOrDown when unitText is not null:
                    errors.Add(new ConditionError(unitOffset, $"{name} is 1 (up) or 0 (down) and takes no unit; write e.g. {name}{{name=\"api\"}} < 1"));
                    break;
                case MetricUnit.UpOrDown when value > 1:
                    errors.Add(new ConditionError(number.Offset, $"{name} is 1 (up) or 0 (down), never {number.Text}"));
                    break;
                case MetricUnit.Count when unitText == "%":
                    errors.Add(new ConditionError(unitOffset, $"{name} is a count; a percentage needs a baseline, e.g. {name} < 60% of last_week"));
                    break;
                case MetricUnit.Count when unitText is not null:
                    errors.Add(new ConditionError(unitOffset, $"{name} is a count and takes no unit"));
                    break;
            }
            return new Threshold(value);
        }

        private ConditionToken Expect(ConditionTokenKind kind, string what) =>
            Current.Kind == kind ? Take() : throw new ConditionSyntaxException(Current.Offset, $"expected {what}, found {Describe(Current)}");

        private bool AcceptKeyword(string keyword)
        {
            if (!IsKeyword(Current, keyword))
            {
                return false;
            }
            Take();
            return true;
        }

        private ConditionToken Take() => tokens[_position++];

        private static bool IsKeyword(ConditionToken token) => IsKeyword(token, "and") || IsKeyword(token, "or") || IsKeyword(token, "of");

        private static bool IsKeyword(ConditionToken token, string keyword) =>
            token.Kind == ConditionTokenKind.Identifier && token.Text == keyword;

        private static string Describe(ConditionToken token) =>
            token.Kind == ConditionTokenKind.End ? "the end of the condition" : $"'{token.Text}'";
    }
}
