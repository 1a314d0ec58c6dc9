using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using Vigil.Core.Projects;

namespace Vigil.Core.Alerts;

/// <summary>
/// A rule test file, in the shape of Prometheus's <c>promtool test rules</c> (README "Testing rules"): the rule files
/// under test, and test groups of input series and the alerts expected firing at given evaluation times.
/// </summary>
public sealed record RuleTestFile(IReadOnlyList<string> RuleFiles, TimeSpan EvaluationInterval, IReadOnlyList<RuleTestGroup> Groups);

public sealed record RuleTestGroup(string Name, TimeSpan Interval, IReadOnlyList<InputSeries> Series, IReadOnlyList<AlertExpectation> Expectations);

/// <summary>A metric's values at 0, interval, 2 × interval…; a missing sample (<c>_</c>) is null, a stale marker <see cref="double.NaN"/>.</summary>
public sealed record InputSeries(MetricReference Metric, bool AnyWindow, IReadOnlyList<double?> Samples);

/// <param name="Expected">The labels each expected firing alert must carry; empty means the alert must not be firing.</param>
public sealed record AlertExpectation(TimeSpan EvalTime, string AlertName, IReadOnlyList<IReadOnlyDictionary<string, string>> Expected, int Line, int Column);

public static class RuleTestParser
{
    /// <summary>How far back an evaluation looks for a sample when the one at its time is missing, as Prometheus does.</summary>
    public static readonly TimeSpan Lookback = TimeSpan.FromMinutes(5);

    public static (RuleTestFile? File, IReadOnlyList<RuleFileError> Errors) Parse(string yaml)
    {
        var diagnostics = new RuleFileDiagnostics();
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException exception)
        {
            diagnostics.Add(exception.Start, $"YAML syntax: {exception.Message}");
            return (null, diagnostics.Sorted());
        }
        if (stream.Documents.Count == 0 || diagnostics.Mapping(stream.Documents[0].RootNode, "a rule test file", "rule_files: [rules.yaml]") is not { } root)
        {
            diagnostics.Add(1, 1, "a rule test file needs rule_files: and tests:");
            return (null, diagnostics.Sorted());
        }
        var ruleFiles = new List<string>();
        var evaluationInterval = TimeSpan.FromSeconds(15);
        var groups = new List<RuleTestGroup>();
        foreach (var (key, value) in diagnostics.Entries(root))
        {
            switch (key.Value)
            {
                case "rule_files":
                    ruleFiles.AddRange((diagnostics.Sequence(value, "rule_files", "[rules.yaml]") ?? []).Select(node => diagnostics.Text(node, "a rule file")).OfType<string>());
                    break;
                case "evaluation_interval":
                    evaluationInterval = Duration(diagnostics, value, "evaluation_interval") ?? evaluationInterval;
                    break;
                case "tests":
                    foreach (var node in diagnostics.Sequence(value, "tests", "- input_series: […]") ?? [])
                    {
                        if (diagnostics.Mapping(node, "a test", "{input_series: […], alert_rule_test: […]}") is { } test)
                        {
                            groups.Add(ReadGroup(diagnostics, test, evaluationInterval, groups.Count + 1));
                        }
                    }
                    break;
                default:
                    diagnostics.UnknownKey(key, "a rule test file", ["rule_files", "evaluation_interval", "tests"]);
                    break;
            }
        }
        if (ruleFiles.Count == 0)
        {
            diagnostics.Add(root, "rule_files: name at least one rule file, relative to this file");
        }
        return diagnostics.Count == 0 ? (new RuleTestFile(ruleFiles, evaluationInterval, groups), []) : (null, diagnostics.Sorted());
    }

    private static RuleTestGroup ReadGroup(RuleFileDiagnostics diagnostics, YamlMappingNode test, TimeSpan evaluationInterval, int number)
    {
        var name = $"test {number}";
        var interval = evaluationInterval;
        var series = new List<InputSeries>();
        var expectations = new List<AlertExpectation>();
        var seriesNodes = new List<(YamlScalarNode Key, YamlNode Value)>();
        foreach (var (key, value) in diagnostics.Entries(test))
        {
            switch (key.Value)
            {
                case "name":
                    name = diagnostics.Text(value, "name") ?? name;
                    break;
                case "interval":
                    interval = Duration(diagnostics, value, "interval") ?? interval;
                    break;
                case "input_series":
                    seriesNodes.Add((key, value));
                    break;
                case "alert_rule_test":
                    foreach (var node in diagnostics.Sequence(value, "alert_rule_test", "- {eval_time: 10m, alertname: …, exp_alerts: […]}") ?? [])
                    {
                        if (diagnostics.Mapping(node, "an alert test", "{eval_time: 10m, alertname: …, exp_alerts: […]}") is { } check)
                        {
                            expectations.AddRange(ReadExpectation(diagnostics, check));
                        }
                    }
                    break;
                default:
                    diagnostics.UnknownKey(key, "a test", ["name", "interval", "input_series", "alert_rule_test"]);
                    break;
            }
        }
        // The interval may come after the series in the file; values are read against the group's final interval.
        foreach (var (_, value) in seriesNodes)
        {
            foreach (var node in diagnostics.Sequence(value, "input_series", "- {series: error_rate, values: '0 0 5x10'}") ?? [])
            {
                if (diagnostics.Mapping(node, "an input series", "{series: error_rate, values: '0 0 5x10'}") is { } entry && ReadSeries(diagnostics, entry) is { } read)
                {
                    series.Add(read);
                }
            }
        }
        return new RuleTestGroup(name, interval, series, expectations);
    }

    private static InputSeries? ReadSeries(RuleFileDiagnostics diagnostics, YamlMappingNode entry)
    {
        MetricReference? metric = null;
        var anyWindow = false;
        IReadOnlyList<double?>? samples = null;
        foreach (var (key, value) in diagnostics.Entries(entry))
        {
            switch (key.Value)
            {
                case "series" when diagnostics.Text(value, "series") is { } text:
                    // A series names a metric exactly as a condition does, so the condition parser reads it.
                    var parsed = ConditionParser.Parse(text + " > 0");
                    if (parsed.Condition is Comparison comparison)
                    {
                        metric = comparison.Metric;
                        anyWindow = !text.Contains('[', StringComparison.Ordinal);
                    }
                    else
                    {
                        diagnostics.Add(value, $"'{text}' is not a metric: {parsed.Errors.FirstOrDefault()?.Message}");
                    }
                    break;
                case "values" when diagnostics.Text(value, "values") is { } text:
                    if (SeriesValues.TryParse(text, out var values, out var error))
                    {
                        samples = values;
                    }
                    else
                    {
                        diagnostics.Add(value, error);
                    }
                    break;
                case "series" or "values":
                    break;
                default:
                    diagnostics.UnknownKey(key, "an input series", ["series", "values"]);
                    break;
            }
        }
        if (metric is null || samples is null)
        {
            if (metric is null && samples is null)
            {
                diagnostics.Add(entry, "an input series needs series: and values:");
            }
            return null;
        }
        return new InputSeries(metric, anyWindow, samples);
    }

    private static IEnumerable<AlertExpectation> ReadExpectation(RuleFileDiagnostics diagnostics, YamlMappingNode check)
    {
        TimeSpan? evalTime = null;
        string? alertName = null;
        var expected = new List<IReadOnlyDictionary<string, string>>();
        foreach (var (key, value) in diagnostics.Entries(check))
        {
            switch (key.Value)
            {
                case "eval_time":
                    evalTime = Duration(diagnostics, value, "eval_time");
                    break;
                case "alertname":
                    alertName = diagnostics.Text(value, "alertname");
                    break;
                case "exp_alerts":
                    var alerts = diagnostics.Sequence(value, "exp_alerts", "[] or - exp_labels: {severity: critical}") ?? [];
                    if (alerts.Count > 1)
                    {
                        diagnostics.Add(alerts[1], "a rule fires at most one alert per project: list one expected alert, or none");
                    }
                    foreach (var alert in alerts.Take(1))
                    {
                        expected.Add(ReadLabels(diagnostics, alert));
                    }
                    break;
                default:
                    diagnostics.UnknownKey(key, "an alert test", ["eval_time", "alertname", "exp_alerts"]);
                    break;
            }
        }
        if (evalTime is null || alertName is null)
        {
            diagnostics.Add(check, "an alert test needs eval_time: and alertname:");
            yield break;
        }
        yield return new AlertExpectation(evalTime.Value, alertName, expected, (int)check.Start.Line, (int)check.Start.Column);
    }

    private static IReadOnlyDictionary<string, string> ReadLabels(RuleFileDiagnostics diagnostics, YamlNode alert)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (RuleFileDiagnostics.IsNull(alert) || diagnostics.Mapping(alert, "an expected alert", "{exp_labels: {severity: critical}}") is not { } mapping)
        {
            return labels;
        }
        foreach (var (key, value) in diagnostics.Entries(mapping))
        {
            if (key.Value != "exp_labels")
            {
                diagnostics.UnknownKey(key, "an expected alert", ["exp_labels"]);
                continue;
            }
            if (diagnostics.Mapping(value, "exp_labels", "{severity: critical}") is { } labelMap)
            {
                foreach (var (label, text) in diagnostics.Entries(labelMap))
                {
                    labels[label.Value!] = diagnostics.Text(text, $"label {label.Value}") ?? "";
                }
            }
        }
        return labels;
    }

    private static TimeSpan? Duration(RuleFileDiagnostics diagnostics, YamlNode node, string what)
    {
        if (diagnostics.Text(node, what) is not { } text)
        {
            return null;
        }
        if (DurationText.TryParse(text, out var duration))
        {
            return duration;
        }
        diagnostics.Add(node, $"{what}: '{text}' is not a duration such as 30s, 5m, 1h");
        return null;
    }
}

/// <summary>
/// promtool's expanding notation for input series: <c>a</c>; <c>a+bxn</c> and <c>a-bxn</c> (n + 1 values from a, in
/// steps of b); <c>axn</c> (a, n + 1 times); <c>_</c> (missing) and <c>_xn</c> (n missing); <c>stale</c>.
/// </summary>
public static class SeriesValues
{
    public static bool TryParse(string text, out IReadOnlyList<double?> samples, out string error)
    {
        var values = new List<double?>();
        samples = values;
        error = "";
        foreach (var token in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (token == "stale")
            {
                values.Add(double.NaN);
                continue;
            }
            var times = token.IndexOf('x', StringComparison.Ordinal);
            var start = times < 0 ? token : token[..times];
            var count = 0;
            if (times >= 0 && (!int.TryParse(token[(times + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out count) || count > 1_000_000))
            {
                error = $"'{token}': the count after x must be a whole number up to 1,000,000";
                return false;
            }
            if (start == "_")
            {
                values.AddRange(Enumerable.Repeat<double?>(null, times < 0 ? 1 : count));
                continue;
            }
            // The step's sign is the last + or - that is not the number's own leading sign.
            var stepAt = start.LastIndexOfAny(['+', '-']);
            var (first, step) = stepAt > 0 ? (start[..stepAt], start[stepAt..]) : (start, "0");
            if (!double.TryParse(first, NumberStyles.Float, CultureInfo.InvariantCulture, out var a) || !double.TryParse(step, NumberStyles.Float, CultureInfo.InvariantCulture, out var b))
            {
                error = $"'{token}' is not a value: write a number, a+bxn, a-bxn, axn, _, _xn or stale";
                return false;
            }
            if (times < 0 && stepAt > 0)
            {
                error = $"'{token}': a step needs a count, e.g. {first}{step}x10";
                return false;
            }
            for (var index = 0; index <= (times < 0 ? 0 : count); index++)
            {
                values.Add(a + index * b);
            }
        }
        if (values.Count == 0)
        {
            error = "values is empty: give at least one sample";
            return false;
        }
        return true;
    }
}

/// <summary>Runs one test group against a rule set and says what did not go as expected; no output means it passed.</summary>
public static class RuleTestRunner
{
    private static readonly Project TestProject = new(0, "rule test", "UTC", KeyEvents.Default, Targets.Default, "http://rule.test/health", DateTimeOffset.UnixEpoch);

    public static IReadOnlyList<string> Run(RuleSet rules, RuleTestGroup group, TimeSpan evaluationInterval)
    {
        var failures = new List<string>();
        foreach (var expectation in group.Expectations.Where(expectation => rules.Alerts.All(rule => rule.Name != expectation.AlertName)))
        {
            failures.Add($"{expectation.Line}:{expectation.Column}: no rule is named '{expectation.AlertName}'");
        }
        if (group.Expectations.Count == 0)
        {
            return failures;
        }
        // Evaluations run at 0, interval, 2 × interval… measured from the first sample, as promtool does.
        var end = group.Expectations.Max(expectation => expectation.EvalTime);
        var states = new Dictionary<string, AlertState>();
        var firing = new Dictionary<TimeSpan, IReadOnlyDictionary<string, AlertState>>();
        var origin = DateTimeOffset.UnixEpoch;
        for (var at = TimeSpan.Zero; at <= end; at += evaluationInterval)
        {
            var now = at;
            var result = AlertCycle.Run(TestProject, rules, states, query => ValueAt(group, query, now), [], [], new Uri("http://rule.test/"), origin + at);
            states = result.Snapshots.ToDictionary(snapshot => snapshot.RuleName, snapshot => snapshot.State);
            firing[at] = states;
        }
        foreach (var expectation in group.Expectations)
        {
            var evaluated = firing.Keys.Where(at => at <= expectation.EvalTime).Max();
            var state = firing[evaluated].GetValueOrDefault(expectation.AlertName) ?? AlertState.Inactive;
            var rule = rules.Alerts.FirstOrDefault(rule => rule.Name == expectation.AlertName);
            if (rule is null)
            {
                continue;
            }
            var isFiring = state.Status == AlertStatus.Firing;
            var where = $"{expectation.Line}:{expectation.Column}: {group.Name}, eval_time {DurationText.Format(expectation.EvalTime)}, alertname '{expectation.AlertName}'";
            if (expectation.Expected.Count == 0 && isFiring)
            {
                failures.Add($"{where}: expected no alert, got it firing since {DurationText.Format(state.FiringSince!.Value - origin)}");
            }
            else if (expectation.Expected.Count > 0 && !isFiring)
            {
                var detail = state.Status == AlertStatus.Pending ? $"pending since {DurationText.Format(state.ActiveAt!.Value - origin)}" : "not firing";
                failures.Add($"{where}: expected it firing, got {detail}");
            }
            else if (expectation.Expected.Count > 0)
            {
                var labels = AlertCycle.LabelsOf(rule);
                var wrong = expectation.Expected[0].Where(label => labels.GetValueOrDefault(label.Key) != label.Value).ToList();
                if (wrong.Count > 0)
                {
                    failures.Add($"{where}: expected labels {Format(expectation.Expected[0])}, got {Format(labels)}");
                }
            }
        }
        return failures;
    }

    private static string Format(IReadOnlyDictionary<string, string> labels) =>
        "{" + string.Join(", ", labels.OrderBy(label => label.Key, StringComparer.Ordinal).Select(label => $"{label.Key}=\"{label.Value}\"")) + "}";

    /// <summary>
    /// The value a query reads at an evaluation: the matching series' latest sample at or before that time (for a
    /// baseline, that many days earlier), looking back at most five minutes past missing samples; stale means none.
    /// </summary>
    private static double? ValueAt(RuleTestGroup group, MetricQuery query, TimeSpan at)
    {
        var series = group.Series.FirstOrDefault(series => Matches(series, query, exactWindow: true))
            ?? group.Series.FirstOrDefault(series => Matches(series, query, exactWindow: false));
        var time = at - TimeSpan.FromDays(query.DaysBack);
        if (series is null || time < TimeSpan.Zero)
        {
            return null;
        }
        for (var index = (int)(time / group.Interval); index >= 0 && time - index * group.Interval <= RuleTestParser.Lookback; index--)
        {
            if (index >= series.Samples.Count)
            {
                continue;
            }
            var sample = series.Samples[index];
            if (sample is { } value)
            {
                return double.IsNaN(value) ? null : value;
            }
        }
        return null;
    }

    private static bool Matches(InputSeries series, MetricQuery query, bool exactWindow) =>
        series.Metric.Metric == query.Metric
        && series.Metric.Name == query.Name
        && series.Metric.Selector == query.Selector
        && (exactWindow ? !series.AnyWindow && MetricQuery.For(series.Metric).Window == query.Window : series.AnyWindow);
}
