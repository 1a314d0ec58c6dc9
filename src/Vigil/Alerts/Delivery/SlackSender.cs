using System.Text;
using System.Text.Json.Nodes;
using Vigil.Core.Alerts;
using Vigil.Reports;

namespace Vigil.Alerts.Delivery;

/// <summary>
/// Posts to a Slack incoming webhook. Block Kit has no colour of its own, so the blocks ride in one legacy attachment
/// whose <c>color</c> is the bar beside them: red critical, amber warning, blue info, green when all resolved.
/// </summary>
internal sealed class SlackSender(IHttpClientFactory httpClients, TimeProvider time) : INotificationSender
{
    public const string HttpClientName = "notifications-slack";

    /// <summary>Slack takes at most 50 blocks a message; a header, this many alerts, a count and the button fit.</summary>
    private const int MaxAlerts = 40;

    /// <summary>Slack's limit for a header block's text.</summary>
    private const int MaxHeaderLength = 150;

    public ChannelKind Kind => ChannelKind.Slack;

    public async Task SendAsync(Destination destination, NotificationMessage message, string deliveryId, CancellationToken cancellationToken)
    {
        var url = HttpDelivery.SingleUrl(destination);
        var payload = message.Report is { } report ? ReportPayloads.Slack(report) : Payload(message, time.GetUtcNow());
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(payload.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        // Slack answers 200 "ok"; any other 2xx still means it took the message.
        await HttpDelivery.SendAsync(httpClients.CreateClient(HttpClientName), request, "Slack", cancellationToken);
    }

    public static JsonObject Payload(NotificationMessage message, DateTimeOffset now)
    {
        var headline = $"{NotificationText.Emoji(message)} {NotificationText.Headline(message)}";
        var blocks = new JsonArray
        {
            new JsonObject
            {
                ["type"] = "header",
                ["text"] = PlainText(NotificationText.Truncate(headline, MaxHeaderLength)),
            },
        };
        var alerts = NotificationText.Ordered(message).ToList();
        foreach (var alert in alerts.Take(MaxAlerts))
        {
            blocks.Add(new JsonObject { ["type"] = "section", ["text"] = Markdown(AlertText(alert, now)) });
        }
        if (alerts.Count > MaxAlerts)
        {
            blocks.Add(new JsonObject
            {
                ["type"] = "context",
                ["elements"] = new JsonArray { Markdown($"…and {alerts.Count - MaxAlerts} more alerts on the dashboard") },
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
                    ["text"] = PlainText("Open dashboard"),
                    ["url"] = message.DashboardUrl.ToString(),
                },
            },
        });
        return new JsonObject
        {
            // Notifications and clients without attachments show this line.
            ["text"] = headline,
            ["attachments"] = new JsonArray
            {
                new JsonObject { ["color"] = NotificationText.Color(message), ["blocks"] = blocks },
            },
        };
    }

    private static string AlertText(AlertNotice alert, DateTimeOffset now)
    {
        var text = new StringBuilder();
        text.Append('*').Append(NotificationText.Emoji(alert)).Append(' ').Append(Escape(alert.RuleName)).Append("* — ")
            .Append(NotificationText.Name(alert.Severity)).Append(", ").Append(NotificationText.Name(alert.State)).Append('\n');
        text.Append('`').Append(Escape(alert.Condition)).Append('`');
        if (alert.Value is { Length: > 0 } value)
        {
            text.Append(" · value *").Append(Escape(value)).Append('*');
        }
        text.Append('\n').Append(NotificationText.Timing(alert, now));
        return text.ToString();
    }

    private static JsonObject PlainText(string text) => new() { ["type"] = "plain_text", ["text"] = text, ["emoji"] = true };

    private static JsonObject Markdown(string text) => new() { ["type"] = "mrkdwn", ["text"] = text };

    /// <summary>Slack reads &amp;, &lt; and &gt; as control characters in mrkdwn (links, mentions), so names and conditions escape them.</summary>
    private static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
