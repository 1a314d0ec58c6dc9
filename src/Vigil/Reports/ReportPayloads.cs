using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Vigil.Alerts.Delivery;
using Vigil.Core.Reports;

namespace Vigil.Reports;

/// <summary>How each channel carries a report: the outbox's senders call these for a message with a <see cref="ReportNotice"/>.</summary>
internal static class ReportPayloads
{
    /// <summary>Slack's limits: a section's text, a header's text, and blocks per message (the header and the button take two).</summary>
    private const int MaxSectionLength = 3000;
    private const int MaxHeaderLength = 150;
    private const int MaxSections = 48;

    /// <summary>A header with the subject, a section per part of the report (parts are separated by blank lines), and an "open" button.</summary>
    public static JsonObject Slack(ReportNotice report)
    {
        var blocks = new JsonArray
        {
            new JsonObject
            {
                ["type"] = "header",
                ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = NotificationText.Truncate(report.Subject, MaxHeaderLength), ["emoji"] = true },
            },
        };
        // The first part repeats the subject as a bold title; the header shows it already.
        foreach (var part in report.SlackText.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(MaxSections))
        {
            blocks.Add(new JsonObject
            {
                ["type"] = "section",
                ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = NotificationText.Truncate(part.Trim('\n'), MaxSectionLength) },
            });
        }
        blocks.Add(new JsonObject
        {
            ["type"] = "actions",
            ["elements"] = new JsonArray
            {
                new JsonObject
                {
                    ["type"] = "button",
                    ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Open report" },
                    ["url"] = report.ReportUrl.ToString(),
                },
            },
        });
        return new JsonObject { ["text"] = report.Subject, ["blocks"] = blocks };
    }

    /// <summary>The plain text in a page that keeps its lines; inline styles only, as mail clients drop style sheets.</summary>
    public static string Html(ReportNotice report)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html><body style=\"font-family:-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;color:#202124;\">");
        html.Append("<div style=\"white-space:pre-wrap;line-height:1.5;\">").Append(WebUtility.HtmlEncode(report.Text)).Append("</div>");
        html.Append("<p><a href=\"").Append(WebUtility.HtmlEncode(report.ReportUrl.ToString()))
            .Append("\" style=\"display:inline-block;padding:8px 16px;background:#1a73e8;color:#ffffff;text-decoration:none;border-radius:4px;\">Open report</a></p>");
        html.Append("</body></html>");
        return html.ToString();
    }

    public static JsonObject Webhook(ReportNotice report, long projectId, string projectName, string deliveryId) => new()
    {
        ["version"] = WebhookSender.PayloadVersion,
        ["deliveryId"] = deliveryId,
        ["type"] = "report",
        ["project"] = new JsonObject { ["id"] = projectId, ["name"] = projectName },
        ["report"] = new JsonObject
        {
            ["kind"] = report.Kind == ReportKind.Daily ? "daily" : "weekly",
            ["from"] = report.From.ToString("yyyy-MM-dd"),
            ["to"] = report.To.ToString("yyyy-MM-dd"),
            ["subject"] = report.Subject,
            ["text"] = report.Text,
            ["url"] = report.ReportUrl.ToString(),
        },
    };
}
