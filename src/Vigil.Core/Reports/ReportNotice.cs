namespace Vigil.Core.Reports;

/// <summary>A report as the outbox sends it: rendered once when it was queued, so a retry sends the same words.</summary>
/// <param name="SlackText">The report in Slack mrkdwn.</param>
/// <param name="Text">The report in plain text, for e-mail and webhooks.</param>
/// <param name="ReportUrl">The archived report's page.</param>
public sealed record ReportNotice(ReportKind Kind, DateOnly From, DateOnly To, string Subject, string SlackText, string Text, Uri ReportUrl);
