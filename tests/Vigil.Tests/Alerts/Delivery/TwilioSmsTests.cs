using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Vigil.Alerts.Delivery;
using Vigil.Core.Alerts;

namespace Vigil.Tests.Alerts.Delivery;

/// <summary>SMS through a stand-in for Twilio, used when Solapi is not configured.</summary>
public sealed class TwilioSmsTests
{
    private const string AccountSid = "AC0123456789abcdef0123456789abcdef";
    private const string AuthToken = "twilio-auth-token";

    [Fact]
    public async Task SendAsync_TwilioConfigured_PostsOneFormPerNumberWithBasicAuth()
    {
        await using var twilio = await HttpReceiver.StartAsync(_ => (201, """{"sid":"SM1","status":"queued"}"""));
        using var senders = SomeNotification.Senders(Twilio(twilio));
        var destination = new Destination(ChannelKind.Sms, "oncall", ["+82 10-1234-5678", "+1 (415) 555-0100"]);

        await senders.Sender(ChannelKind.Sms).SendAsync(destination, SomeNotification.Message(), "delivery-1", CancellationToken.None);

        Assert.Equal(2, twilio.Requests.Count);
        var expectedAuthorization = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{AccountSid}:{AuthToken}"));
        foreach (var request in twilio.Requests)
        {
            Assert.Equal("POST", request.Method);
            Assert.Equal($"/2010-04-01/Accounts/{AccountSid}/Messages.json", request.Path);
            Assert.Equal(expectedAuthorization, request.Header("Authorization"));
            Assert.StartsWith("application/x-www-form-urlencoded", request.Header("Content-Type"));
        }
        var forms = twilio.Requests.Select(request => QueryHelpers.ParseQuery(request.BodyText)).ToList();
        Assert.Equal(["+821012345678", "+14155550100"], forms.Select(form => form["To"].ToString()));
        Assert.All(forms, form => Assert.Equal("+15005550006", form["From"].ToString()));
        Assert.All(forms, form => Assert.Equal(
            $"[Vigil] Shop: FIRING:1\n- Slow Response (warning): p95_response_time > 3s, 3,420 ms, for 12 min\n{SomeNotification.DashboardUrl}",
            form["Body"].ToString()));
    }

    [Fact]
    public async Task SendAsync_BothProvidersConfigured_UsesSolapi()
    {
        await using var solapi = await HttpReceiver.StartAsync(_ => (200, """{"failedMessageList":[]}"""));
        await using var twilio = await HttpReceiver.StartAsync(_ => (201, "{}"));
        var options = SolapiSenderTests.Solapi(solapi);
        options.Twilio = Twilio(twilio).Twilio;
        using var senders = SomeNotification.Senders(options);

        await senders.Sender(ChannelKind.Sms).SendAsync(
            new Destination(ChannelKind.Sms, "oncall", ["010-1234-5678"]), SomeNotification.Message(), "delivery-1", CancellationToken.None);

        Assert.True(SolapiSenderTests.VerifySignature(solapi.Single));
        Assert.Empty(twilio.Requests);
    }

    [Fact]
    public async Task SendAsync_NumberWithoutCountryCode_FailsPermanentlyBeforeSendingToAnyone()
    {
        await using var twilio = await HttpReceiver.StartAsync(_ => (201, "{}"));
        using var senders = SomeNotification.Senders(Twilio(twilio));

        var failure = await Assert.ThrowsAsync<DeliveryFailedException>(() => senders.Sender(ChannelKind.Sms).SendAsync(
            new Destination(ChannelKind.Sms, "oncall", ["+82 10-1234-5678", "010-1234-5678"]), SomeNotification.Message(), "delivery-1", CancellationToken.None));

        Assert.True(failure.Permanent);
        Assert.Empty(twilio.Requests);
    }

    [Fact]
    public async Task SendAsync_NoSmsProvider_FailsPermanentlySayingWhatToConfigure()
    {
        using var senders = SomeNotification.Senders(new NotificationOptions());

        var failure = await Assert.ThrowsAsync<DeliveryFailedException>(() => senders.Sender(ChannelKind.Sms).SendAsync(
            new Destination(ChannelKind.Sms, "oncall", ["010-1234-5678"]), SomeNotification.Message(), "delivery-1", CancellationToken.None));

        Assert.True(failure.Permanent);
        Assert.Contains("Vigil__Notifications__Solapi__ApiKey", failure.Message);
        Assert.Contains("Vigil__Notifications__Twilio__AccountSid", failure.Message);
    }

    internal static NotificationOptions Twilio(HttpReceiver twilio) => new()
    {
        Twilio = new TwilioOptions { AccountSid = AccountSid, AuthToken = AuthToken, From = "+15005550006", BaseUrl = twilio.Url },
    };
}
