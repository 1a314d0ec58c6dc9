using Vigil.Core.Reports;

namespace Vigil.Core.Alerts;

public enum NoticeState
{
    Firing,
    Resolved,
}

/// <summary>One alert inside a notification; a message carries every alert that went out together to one destination.</summary>
/// <param name="Value">The metric's value at the evaluation that produced this notice, in the metric's unit text (e.g. "3,420 ms").</param>
/// <param name="Threshold">What the condition compares with, as written (e.g. "p95_response_time > 3s").</param>
public sealed record AlertNotice(
    string RuleName,
    Severity Severity,
    NoticeState State,
    string Condition,
    string? Value,
    DateTimeOffset Since,
    DateTimeOffset? ResolvedAt);

/// <param name="Report">Set for a report (then <paramref name="Alerts"/> is empty): the outbox delivers reports like alerts, with the same retries.</param>
public sealed record NotificationMessage(long ProjectId, string ProjectName, Uri DashboardUrl, IReadOnlyList<AlertNotice> Alerts, ReportNotice? Report = null)
{
    /// <summary>The most severe alert still firing decides the colour and the headline; all resolved means green.</summary>
    public Severity? HighestFiringSeverity =>
        Alerts.Where(alert => alert.State == NoticeState.Firing).Select(alert => (Severity?)alert.Severity).Max();
}

/// <summary>Where one notification goes, resolved from the rule file when it was queued (so later edits do not redirect it).</summary>
/// <param name="Addresses">A webhook URL, or phone numbers, or e-mail addresses, depending on <see cref="Kind"/>.</param>
/// <param name="Secret">The HMAC key of a generic webhook.</param>
public sealed record Destination(ChannelKind Kind, string Name, IReadOnlyList<string> Addresses, string? Secret = null);
