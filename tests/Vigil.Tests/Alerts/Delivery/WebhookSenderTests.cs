using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Vigil.Alerts.Delivery;
using Vigil.Core.Alerts;

namespace Vigil.Tests.Alerts.Delivery;

public sealed class WebhookSenderTests
{
    private const string Secret = "whsec-correct-horse-battery-staple";

    [Fact]
    public async Task SendAsync_WithSecret_SignsTimestampAndBodySoTheReceiverCanVerify()
    {
        await using var receiver = await HttpReceiver.StartAsync(request => Verify(request) ? (204, "") : (401, "bad signature"));
        using var senders = SomeNotification.Senders(new NotificationOptions());

        await senders.Sender(ChannelKind.Webhook).SendAsync(Webhook(receiver, Secret), SomeNotification.Message(), "delivery-42", CancellationToken.None);

        var request = receiver.Single;
        Assert.Equal("delivery-42", request.Header("X-Vigil-Delivery"));
        Assert.Equal(SomeNotification.Now.ToUnixTimeSeconds().ToString(), request.Header("X-Vigil-Timestamp"));
        Assert.True(Verify(request));
    }

    [Fact]
    public async Task SendAsync_GroupedAlerts_PostsTheStableDocument()
    {
        await using var receiver = await HttpReceiver.StartAsync();
        using var senders = SomeNotification.Senders(new NotificationOptions());
        var message = SomeNotification.Message(SomeNotification.SlowResponse(), SomeNotification.ServiceDown(NoticeState.Resolved));

        await senders.Sender(ChannelKind.Webhook).SendAsync(Webhook(receiver, Secret), message, "delivery-42", CancellationToken.None);

        var expected = JsonNode.Parse("""
            {
              "version": 1,
              "deliveryId": "delivery-42",
              "status": "firing",
              "project": { "id": 7, "name": "Shop" },
              "dashboardUrl": "https://vigil.example.com/projects/7/alerts",
              "alerts": [
                { "name": "Slow Response", "severity": "warning", "state": "firing", "condition": "p95_response_time > 3s",
                  "value": "3,420 ms", "since": "2026-03-01T02:04:00Z", "resolvedAt": null },
                { "name": "Service Down", "severity": "critical", "state": "resolved", "condition": "health != up",
                  "value": "503", "since": "2026-03-01T02:10:00Z", "resolvedAt": "2026-03-01T02:14:00Z" }
              ]
            }
            """);
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(receiver.Single.BodyText)), receiver.Single.BodyText);
        Assert.Equal("application/json; charset=utf-8", receiver.Single.Header("Content-Type"));
    }

    [Fact]
    public async Task SendAsync_WithoutSecret_OmitsTheSignature()
    {
        await using var receiver = await HttpReceiver.StartAsync();
        using var senders = SomeNotification.Senders(new NotificationOptions());

        await senders.Sender(ChannelKind.Webhook).SendAsync(Webhook(receiver, secret: null), SomeNotification.Message(), "delivery-42", CancellationToken.None);

        Assert.Null(receiver.Single.Header("X-Vigil-Signature"));
        Assert.NotNull(receiver.Single.Header("X-Vigil-Timestamp"));
    }

    [Fact]
    public async Task SendAsync_ReceiverWithAnotherSecret_RejectsAndTheFailureIsPermanent()
    {
        await using var receiver = await HttpReceiver.StartAsync(request => Verify(request) ? (204, "") : (401, "bad signature"));
        using var senders = SomeNotification.Senders(new NotificationOptions());

        var failure = await Assert.ThrowsAsync<DeliveryFailedException>(() => senders.Sender(ChannelKind.Webhook)
            .SendAsync(Webhook(receiver, "another secret"), SomeNotification.Message(), "delivery-42", CancellationToken.None));

        Assert.True(failure.Permanent);
        Assert.Contains("401", failure.Message);
    }

    /// <summary>What a receiver does: recompute the HMAC over "{timestamp}.{body}" with its own copy of the secret.</summary>
    private static bool Verify(ReceivedRequest request)
    {
        if (request.Header("X-Vigil-Signature") is not { } header || !header.StartsWith("sha256=", StringComparison.Ordinal))
        {
            return false;
        }
        var signed = Encoding.UTF8.GetBytes(request.Header("X-Vigil-Timestamp") + ".").Concat(request.Body).ToArray();
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), signed);
        return CryptographicOperations.FixedTimeEquals(expected, Convert.FromHexString(header["sha256=".Length..]));
    }

    private static Destination Webhook(HttpReceiver receiver, string? secret) =>
        new(ChannelKind.Webhook, "ops-bridge", [new Uri(receiver.Url, "/hooks/vigil").ToString()], secret);
}
