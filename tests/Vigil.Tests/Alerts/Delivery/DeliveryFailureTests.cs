using Vigil.Alerts.Delivery;
using Vigil.Core.Alerts;
using Vigil.Testing;

namespace Vigil.Tests.Alerts.Delivery;

/// <summary>How every HTTP channel classifies a failed send: the outbox dead-letters permanent ones and retries the rest.</summary>
public sealed class DeliveryFailureTests
{
    public static TheoryData<string, int, bool> Answers()
    {
        var data = new TheoryData<string, int, bool>();
        foreach (var channel in new[] { "slack", "webhook", "solapi-sms", "solapi-alimtalk", "twilio-sms" })
        {
            data.Add(channel, 500, false);
            data.Add(channel, 503, false);
            data.Add(channel, 400, true);
            data.Add(channel, 404, true);
            data.Add(channel, 408, false);
            data.Add(channel, 429, false);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task SendAsync_ProviderAnswersAnError_ClassifiesByStatus(string channel, int status, bool permanent)
    {
        await using var provider = await HttpReceiver.StartAsync(_ => (status, """{"errorCode":"Test","errorMessage":"refused by the test"}"""));
        var (options, kind, destination) = Channel(channel, provider.Url);
        using var senders = SomeNotification.Senders(options);

        var failure = await Assert.ThrowsAsync<DeliveryFailedException>(
            () => senders.Sender(kind).SendAsync(destination, SomeNotification.Message(), "delivery-1", CancellationToken.None));

        Assert.Equal(permanent, failure.Permanent);
        Assert.Contains(status.ToString(), failure.Message);
        Assert.Contains("refused by the test", failure.Message);
        Assert.Single(provider.Requests);
    }

    [Theory]
    [InlineData("slack")]
    [InlineData("webhook")]
    [InlineData("solapi-sms")]
    [InlineData("solapi-alimtalk")]
    [InlineData("twilio-sms")]
    public async Task SendAsync_ConnectionRefused_IsTransient(string channel)
    {
        var (options, kind, destination) = Channel(channel, new Uri($"http://127.0.0.1:{TestServers.FreePort()}/"));
        using var senders = SomeNotification.Senders(options);

        var failure = await Assert.ThrowsAsync<DeliveryFailedException>(
            () => senders.Sender(kind).SendAsync(destination, SomeNotification.Message(), "delivery-1", CancellationToken.None));

        Assert.False(failure.Permanent);
        Assert.Contains("could not be reached", failure.Message);
    }

    [Fact]
    public async Task SendAsync_Redirect_IsNotFollowedAndIsPermanent()
    {
        await using var moved = await HttpReceiver.StartAsync(_ => (308, ""));
        var (options, kind, destination) = Channel("webhook", moved.Url);
        using var senders = SomeNotification.Senders(options);

        var failure = await Assert.ThrowsAsync<DeliveryFailedException>(
            () => senders.Sender(kind).SendAsync(destination, SomeNotification.Message(), "delivery-1", CancellationToken.None));

        Assert.True(failure.Permanent);
        Assert.Contains("308", failure.Message);
        Assert.Single(moved.Requests);
    }

    private static (NotificationOptions Options, ChannelKind Kind, Destination Destination) Channel(string channel, Uri url)
    {
        var phones = new Destination(ChannelKind.Sms, "oncall", ["010-1234-5678"]);
        var solapi = new SolapiOptions { ApiKey = "key", ApiSecret = "secret", From = "0212345678", BaseUrl = url, KakaoChannelId = "pf", KakaoTemplateId = "tp" };
        return channel switch
        {
            "slack" => (new NotificationOptions(), ChannelKind.Slack, new Destination(ChannelKind.Slack, "#ops", [new Uri(url, "/services/T/B/X").ToString()])),
            "webhook" => (new NotificationOptions(), ChannelKind.Webhook, new Destination(ChannelKind.Webhook, "bridge", [new Uri(url, "/hook").ToString()], "secret")),
            "solapi-sms" => (new NotificationOptions { Solapi = solapi }, ChannelKind.Sms, phones),
            "solapi-alimtalk" => (new NotificationOptions { Solapi = solapi }, ChannelKind.Alimtalk, phones with { Kind = ChannelKind.Alimtalk }),
            "twilio-sms" => (
                new NotificationOptions { Twilio = new TwilioOptions { AccountSid = "AC1", AuthToken = "token", From = "+15005550006", BaseUrl = url } },
                ChannelKind.Sms,
                phones with { Addresses = ["+82 10-1234-5678"] }),
            _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, null),
        };
    }
}
