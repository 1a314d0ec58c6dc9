using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Vigil.Core.Alerts;

/// <summary>Reads one YAML document into a <see cref="RuleSet"/>, reporting each problem and reading on past it.</summary>
internal sealed class RuleFileReader(RuleFileDiagnostics diagnostics)
{
    private static readonly string[] Sections = ["alerts", "channels", "contacts", "route"];

    private static readonly string[] RuleKeys =
        ["name", "severity", "condition", "duration", "keep_firing_for", "clear", "no_data", "notify", "labels", "repeat_interval"];

    private static readonly string[] RouteKeys = ["repeat_interval", "group_wait", "send_resolved"];

    // Set by the rule itself; a label of the same name would make silences match ambiguously.
    private static readonly string[] ReservedLabels = ["alertname", "severity"];

    private readonly DestinationReader _destinations = new(diagnostics);

    /// <returns>Null when anything was reported.</returns>
    public RuleSet? Read(YamlNode root)
    {
        if (RuleFileDiagnostics.IsNull(root))
        {
            return RuleSet.Empty;
        }
        if (diagnostics.Mapping(root, "a rule file", "alerts: [...]") is not { } mapping)
        {
            return null;
        }
        var sections = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (key, value) in diagnostics.Entries(mapping))
        {
            if (Sections.Contains(key.Value))
            {
                sections[key.Value!] = value;
            }
            else
            {
                diagnostics.UnknownKey(key, "the rule file", Sections);
            }
        }

        // Notify lines resolve against channels and contacts, which a file may well define after its alerts.
        _destinations.ReadChannels(sections.GetValueOrDefault("channels"));
        _destinations.ReadContacts(sections.GetValueOrDefault("contacts"));
        var alerts = ReadAlerts(sections.GetValueOrDefault("alerts"));
        var route = sections.TryGetValue("route", out var routeNode) ? ReadRoute(routeNode) : RouteSettings.Default;
        return diagnostics.Count == 0 ? new RuleSet(alerts, _destinations.Channels, _destinations.Contacts, route) : null;
    }

    private List<AlertRule> ReadAlerts(YamlNode? section)
    {
        var rules = new List<AlertRule>();
        if (section is null)
        {
            return rules;
        }
        var firstLineOfName = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var item in diagnostics.Sequence(section, "alerts", "- name: Service Down") ?? [])
        {
            if (diagnostics.Mapping(item, "an alert", "{ name: Service Down, condition: uptime < 99% }") is not { } mapping)
            {
                continue;
            }
            if (ReadRule(mapping, firstLineOfName) is { } rule)
            {
                rules.Add(rule);
            }
        }
        return rules;
    }

    private AlertRule? ReadRule(YamlMappingNode mapping, Dictionary<string, long> firstLineOfName)
    {
        var errorsBefore = diagnostics.Count;
        string? name = null, conditionText = null;
        Condition? condition = null, clear = null;
        var severity = Severity.Warning;
        var noData = NoDataPolicy.Keep;
        TimeSpan duration = TimeSpan.Zero, keepFiringFor = TimeSpan.Zero;
        TimeSpan? repeatInterval = null;
        IReadOnlyList<NotifyTarget> notify = [];
        IReadOnlyDictionary<string, string> labels = new Dictionary<string, string>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in diagnostics.Entries(mapping))
        {
            keys.Add(key.Value!);
            switch (key.Value)
            {
                case "name":
                    name = ReadName(value, firstLineOfName);
                    break;
                case "severity":
                    severity = ReadChoice(value, "severity", severity, ("info", Severity.Info), ("warning", Severity.Warning), ("critical", Severity.Critical));
                    break;
                case "condition":
                    (condition, conditionText) = ReadCondition(value, "condition");
                    break;
                case "clear":
                    (clear, _) = ReadCondition(value, "clear");
                    break;
                case "duration":
                    duration = ReadDuration(value, "duration", mustBePositive: false) ?? duration;
                    break;
                case "keep_firing_for":
                    keepFiringFor = ReadDuration(value, "keep_firing_for", mustBePositive: false) ?? keepFiringFor;
                    break;
                case "repeat_interval":
                    repeatInterval = ReadDuration(value, "repeat_interval", mustBePositive: true);
                    break;
                case "no_data":
                    noData = ReadChoice(value, "no_data", noData, ("ok", NoDataPolicy.Ok), ("alerting", NoDataPolicy.Alerting), ("keep", NoDataPolicy.Keep));
                    break;
                case "notify":
                    notify = _destinations.ReadNotify(value);
                    break;
                case "labels":
                    labels = ReadLabels(value);
                    break;
                default:
                    diagnostics.UnknownKey(key, "an alert", RuleKeys);
                    break;
            }
        }
        if (!keys.Contains("name"))
        {
            diagnostics.Add(mapping, "this alert has no name: add name:");
        }
        if (!keys.Contains("condition"))
        {
            diagnostics.Add(mapping, $"alert '{name ?? "(unnamed)"}' has no condition: add e.g. condition: uptime < 99%");
        }
        if (diagnostics.Count != errorsBefore || name is null || condition is null || conditionText is null)
        {
            return null;
        }
        return new AlertRule(name, severity, condition, conditionText, duration, notify, labels, noData, keepFiringFor, clear, repeatInterval);
    }

    private string? ReadName(YamlNode node, Dictionary<string, long> firstLineOfName)
    {
        if (diagnostics.Text(node, "name") is not { } name)
        {
            return null;
        }
        if (firstLineOfName.TryGetValue(name, out var firstLine))
        {
            diagnostics.Add(node, $"another alert is already named '{name}' (line {firstLine}); names must be unique");
            return null;
        }
        firstLineOfName[name] = node.Start.Line;
        return name;
    }

    private (Condition? Condition, string? Text) ReadCondition(YamlNode node, string key)
    {
        if (diagnostics.Text(node, key) is not { } text)
        {
            return (null, null);
        }
        var result = ConditionParser.Parse(text);
        foreach (var error in result.Errors)
        {
            var (line, column) = PositionInScalar((YamlScalarNode)node, error.Offset);
            diagnostics.Add(line, column, error.Message);
        }
        return (result.Condition, text);
    }

    /// <summary>
    /// Where a character of a scalar's value stands in the file. Exact for plain and quoted scalars on one line (quoted
    /// ones without escapes); anything else points at the scalar's start.
    /// </summary>
    internal static (long Line, long Column) PositionInScalar(YamlScalarNode scalar, int offset)
    {
        var start = scalar.Start;
        var oneLine = start.Line == scalar.End.Line;
        return scalar.Style switch
        {
            ScalarStyle.Plain when oneLine => (start.Line, start.Column + offset),
            ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted when oneLine => (start.Line, start.Column + 1 + offset),
            _ => (start.Line, start.Column),
        };
    }

    private TimeSpan? ReadDuration(YamlNode node, string key, bool mustBePositive)
    {
        if (diagnostics.Text(node, key) is not { } text)
        {
            return null;
        }
        if (!DurationText.TryParse(text, out var duration))
        {
            diagnostics.Add(node, text.StartsWith('-')
                ? $"{key} cannot be negative"
                : $"invalid {key} '{text}'; write e.g. 30s, 10min, 2h or 1h30m (units ms, s, m or min, h, d)");
            return null;
        }
        if (mustBePositive && duration == TimeSpan.Zero)
        {
            diagnostics.Add(node, $"{key} must be longer than zero");
            return null;
        }
        return duration;
    }

    private T ReadChoice<T>(YamlNode node, string key, T fallback, params (string Text, T Value)[] choices)
    {
        if (diagnostics.Text(node, key) is not { } text)
        {
            return fallback;
        }
        foreach (var choice in choices)
        {
            if (choice.Text == text)
            {
                return choice.Value;
            }
        }
        diagnostics.Add(node, $"{key} must be one of {string.Join(", ", choices.Select(choice => choice.Text))}, not '{text}'");
        return fallback;
    }

    private Dictionary<string, string> ReadLabels(YamlNode node)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (RuleFileDiagnostics.IsNull(node) || diagnostics.Mapping(node, "labels", "{ team: payments }") is not { } mapping)
        {
            return labels;
        }
        foreach (var (key, value) in diagnostics.Entries(mapping))
        {
            var name = key.Value!;
            if (!IsLabelName(name))
            {
                diagnostics.Add(key, $"label name '{name}' must start with a letter or _ and hold only letters, digits and _");
            }
            else if (ReservedLabels.Contains(name))
            {
                diagnostics.Add(key, $"'{name}' is set by the alert itself and cannot be a label");
            }
            else if (diagnostics.Text(value, $"label '{name}'") is { } text)
            {
                labels[name] = text;
            }
        }
        return labels;
    }

    private static bool IsLabelName(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(character => char.IsAsciiLetterOrDigit(character) || character == '_');

    private RouteSettings ReadRoute(YamlNode node)
    {
        var route = RouteSettings.Default;
        if (RuleFileDiagnostics.IsNull(node) || diagnostics.Mapping(node, "route", "{ repeat_interval: 4h }") is not { } mapping)
        {
            return route;
        }
        foreach (var (key, value) in diagnostics.Entries(mapping))
        {
            switch (key.Value)
            {
                case "repeat_interval":
                    route = route with { RepeatInterval = ReadDuration(value, "repeat_interval", mustBePositive: true) ?? route.RepeatInterval };
                    break;
                case "group_wait":
                    route = route with { GroupWait = ReadDuration(value, "group_wait", mustBePositive: false) ?? route.GroupWait };
                    break;
                case "send_resolved":
                    route = route with { SendResolved = ReadBoolean(value, "send_resolved") ?? route.SendResolved };
                    break;
                default:
                    diagnostics.UnknownKey(key, "route", RouteKeys);
                    break;
            }
        }
        return route;
    }

    private bool? ReadBoolean(YamlNode node, string key)
    {
        switch (diagnostics.Text(node, key))
        {
            case "true" or "True" or "TRUE":
                return true;
            case "false" or "False" or "FALSE":
                return false;
            case { } text:
                diagnostics.Add(node, $"{key} must be true or false, not '{text}'");
                return null;
            default:
                return null;
        }
    }
}
