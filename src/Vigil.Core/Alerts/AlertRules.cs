namespace Vigil.Core.Alerts;

/// <summary>One project's alert configuration: the rules, where their notifications go, and how often.</summary>
public sealed record RuleSet(
    IReadOnlyList<AlertRule> Alerts,
    IReadOnlyDictionary<string, ChannelDefinition> Channels,
    IReadOnlyDictionary<string, ContactDefinition> Contacts,
    RouteSettings Route)
{
    public static RuleSet Empty { get; } = new([], new Dictionary<string, ChannelDefinition>(), new Dictionary<string, ContactDefinition>(), RouteSettings.Default);
}

/// <param name="ConditionText">The condition as the file writes it, for messages and the alerts panel.</param>
/// <param name="Labels">Free labels silences can match, besides <c>alertname</c> and <c>severity</c>.</param>
/// <param name="Clear">When set, a firing alert resolves only once this holds (hysteresis), not as soon as <see cref="Condition"/> fails.</param>
public sealed record AlertRule(
    string Name,
    Severity Severity,
    Condition Condition,
    string ConditionText,
    TimeSpan Duration,
    IReadOnlyList<NotifyTarget> Notify,
    IReadOnlyDictionary<string, string> Labels,
    NoDataPolicy NoData = NoDataPolicy.Keep,
    TimeSpan KeepFiringFor = default,
    Condition? Clear = null,
    TimeSpan? RepeatInterval = null);

public enum Severity
{
    Info,
    Warning,
    Critical,
}

/// <summary>What a rule decides when its condition has no data (no requests, no probes).</summary>
public enum NoDataPolicy
{
    /// <summary>Stay in whatever state the rule is in.</summary>
    Keep,

    /// <summary>No data counts as healthy: a pending alert drops, a firing one resolves.</summary>
    Ok,

    /// <summary>No data counts as a breach.</summary>
    Alerting,
}

public enum ChannelKind
{
    Slack,
    Email,
    Sms,
    Alimtalk,
    Webhook,
}

/// <summary>One line of a rule's <c>notify:</c> list, e.g. <c>slack: "#emergency"</c>.</summary>
public sealed record NotifyTarget(ChannelKind Kind, string Name);

/// <summary>A named channel of the <c>channels:</c> section: a Slack incoming webhook, or a generic signed webhook.</summary>
public sealed record ChannelDefinition(Uri? SlackWebhook, Uri? Webhook, string? Secret);

/// <summary>A named person or group of the <c>contacts:</c> section.</summary>
public sealed record ContactDefinition(IReadOnlyList<string> Phones, IReadOnlyList<string> Emails);

/// <summary>The <c>route:</c> section: how often notifications repeat and whether resolutions are sent.</summary>
public sealed record RouteSettings(TimeSpan RepeatInterval, TimeSpan GroupWait, bool SendResolved)
{
    public static RouteSettings Default { get; } = new(TimeSpan.FromHours(4), TimeSpan.Zero, true);
}
