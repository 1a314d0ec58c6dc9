using System.Text.Json.Nodes;
using Vigil.Alerts.Delivery;
using Vigil.Core.Alerts;

namespace Vigil.Tests.Alerts.Delivery;

public sealed class SlackSenderTests
{
    [Theory]
    [InlineData(Severity.Critical, "#d93025")]
    [InlineData(Severity.Warning, "#f29900")]
    [InlineData(Severity.Info, "#1a73e8")]
    public async Task SendAsync_FiringAlert_ColoursTheAttachmentBySeverity(Severity severity, string color)
    {
        await using var slack = await HttpReceiver.StartAsync();
        using var senders = SomeNotification.Senders(new NotificationOptions());
        var alert = SomeNotification.SlowResponse() with { Severity = severity };

        await senders.Sender(ChannelKind.Slack).SendAsync(Slack(slack), SomeNotification.Message(alert), "delivery-1", CancellationToken.None);

        var attachment = Attachment(slack.Single);
        Assert.Equal(color, (string?)attachment["color"]);
    }

    [Fact]
    public async Task SendAsync_AllResolved_IsGreenWithResolvedHeadline()
    {
        await using var slack = await HttpReceiver.StartAsync();
        using var senders = SomeNotification.Senders(new NotificationOptions());

        await senders.Sender(ChannelKind.Slack).SendAsync(
            Slack(slack), SomeNotification.Message(SomeNotification.ServiceDown(NoticeState.Resolved)), "delivery-1", CancellationToken.None);

        var payload = JsonNode.Parse(slack.Single.BodyText)!;
        Assert.Equal("#1e8e3e", (string?)Attachment(slack.Single)["color"]);
        Assert.Equal("✅ [RESOLVED] Service Down — Shop", (string?)payload["text"]);
        var section = Blocks(slack.Single).Single(block => (string?)block["type"] == "section");
        Assert.Contains("resolved at 2026-03-01 02:14 UTC (2 min ago), after 4 min", (string?)section["text"]!["text"]);
    }

    [Fact]
    public async Task SendAsync_TwoAlertsFiringTogether_PostsOneMessageWithBothConditionsValuesAndDashboardButton()
    {
        await using var slack = await HttpReceiver.StartAsync();
        using var senders = SomeNotification.Senders(new NotificationOptions());
        var message = SomeNotification.Message(SomeNotification.SlowResponse(), SomeNotification.ServiceDown());

        await senders.Sender(ChannelKind.Slack).SendAsync(Slack(slack), message, "delivery-1", CancellationToken.None);

        var request = slack.Single;
        Assert.Equal("POST", request.Method);
        Assert.Equal("/services/T000/B000/XXXX", request.Path);
        Assert.StartsWith("application/json", request.Header("Content-Type"));
        var payload = JsonNode.Parse(request.BodyText)!;
        Assert.Equal("🔴 [FIRING:2] Service Down, Slow Response — Shop", (string?)payload["text"]);
        Assert.Equal("#d93025", (string?)Attachment(request)["color"]);
        var sections = Blocks(request).Where(block => (string?)block["type"] == "section").Select(block => (string)block["text"]!["text"]!).ToList();
        Assert.Equal(2, sections.Count);
        // The most severe alert comes first; Slack needs > escaped in mrkdwn.
        Assert.Equal("*🔴 Service Down* — critical, firing\n`health != up` · value *503*\nfiring since 2026-03-01 02:10 UTC (6 min ago)", sections[0]);
        Assert.Equal("*🟠 Slow Response* — warning, firing\n`p95_response_time &gt; 3s` · value *3,420 ms*\nfiring since 2026-03-01 02:04 UTC (12 min ago)", sections[1]);
        var button = Blocks(request).Single(block => (string?)block["type"] == "actions")["elements"]![0]!;
        Assert.Equal("button", (string?)button["type"]);
        Assert.Equal(SomeNotification.DashboardUrl.ToString(), (string?)button["url"]);
    }

    [Fact]
    public async Task SendAsync_NotOneUrl_FailsPermanentlyWithoutSending()
    {
        using var senders = SomeNotification.Senders(new NotificationOptions());
        var destination = new Destination(ChannelKind.Slack, "#ops", ["not a url"]);

        var failure = await Assert.ThrowsAsync<DeliveryFailedException>(
            () => senders.Sender(ChannelKind.Slack).SendAsync(destination, SomeNotification.Message(), "delivery-1", CancellationToken.None));

        Assert.True(failure.Permanent);
    }

    private static Destination Slack(HttpReceiver slack) =>
        new(ChannelKind.Slack, "#ops", [new Uri(slack.Url, "/services/T000/B000/XXXX").ToString()]);

    private static JsonNode Attachment(ReceivedRequest request) => Assert.Single(JsonNode.Parse(request.BodyText)!["attachments"]!.AsArray())!;

    private static IEnumerable<JsonNode> Blocks(ReceivedRequest request) => Attachment(request)["blocks"]!.AsArray().Select(block => block!);
}
