using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Vigil.Core.Alerts;
using Vigil.Reports;

namespace Vigil.Alerts.Delivery;

/// <summary>
/// Posts a versioned JSON document to a generic webhook. With a secret, the request carries
/// <c>X-Vigil-Signature: sha256=&lt;hex HMAC-SHA256 of "{X-Vigil-Timestamp}.{body}"&gt;</c>; the receiver recomputes it
/// with its copy of the secret, compares in constant time, and rejects old timestamps so a captured request cannot be
/// replayed. <c>X-Vigil-Delivery</c> (also in the body) is the same on every retry, for deduplication.
/// </summary>
internal sealed class WebhookSender(IHttpClientFactory httpClients, TimeProvider time) : INotificationSender
{
    public const string HttpClientName = "notifications-webhook";

    /// <summary>Raised only for changes receivers must handle differently; new fields do not change it.</summary>
    public const int PayloadVersion = 1;

    public ChannelKind Kind => ChannelKind.Webhook;

    public async Task SendAsync(Destination destination, NotificationMessage message, string deliveryId, CancellationToken cancellationToken)
    {
        var url = HttpDelivery.SingleUrl(destination);
        var payload = message.Report is { } report ? ReportPayloads.Webhook(report, message.ProjectId, message.ProjectName, deliveryId) : Payload(message, deliveryId);
        var body = Encoding.UTF8.GetBytes(payload.ToJsonString());
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add("X-Vigil-Delivery", deliveryId);
        request.Headers.Add("X-Vigil-Timestamp", timestamp);
        if (!string.IsNullOrEmpty(destination.Secret))
        {
            request.Headers.Add("X-Vigil-Signature", Signature(destination.Secret, timestamp, body));
        }
        await HttpDelivery.SendAsync(httpClients.CreateClient(HttpClientName), request, $"Webhook '{destination.Name}'", cancellationToken);
    }

    /// <summary><c>sha256=</c> and the lowercase hex HMAC-SHA256, keyed with the UTF-8 secret, of the timestamp, a dot and the body bytes.</summary>
    public static string Signature(string secret, string timestamp, byte[] body)
    {
        var signed = new byte[timestamp.Length + 1 + body.Length];
        Encoding.ASCII.GetBytes(timestamp + ".", signed);
        body.CopyTo(signed, timestamp.Length + 1);
        return "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }

    public static JsonObject Payload(NotificationMessage message, string deliveryId)
    {
        var alerts = new JsonArray();
        foreach (var alert in message.Alerts)
        {
            alerts.Add(new JsonObject
            {
                ["name"] = alert.RuleName,
                ["severity"] = NotificationText.Name(alert.Severity),
                ["state"] = NotificationText.Name(alert.State),
                ["condition"] = alert.Condition,
                ["value"] = alert.Value,
                ["since"] = alert.Since.UtcDateTime,
                ["resolvedAt"] = alert.ResolvedAt?.UtcDateTime,
            });
        }
        return new JsonObject
        {
            ["version"] = PayloadVersion,
            ["deliveryId"] = deliveryId,
            ["status"] = message.HighestFiringSeverity is null ? "resolved" : "firing",
            ["project"] = new JsonObject { ["id"] = message.ProjectId, ["name"] = message.ProjectName },
            ["dashboardUrl"] = message.DashboardUrl.ToString(),
            ["alerts"] = alerts,
        };
    }
}
