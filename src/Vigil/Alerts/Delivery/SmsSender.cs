using System.Text.Json.Nodes;
using Vigil.Core.Alerts;

namespace Vigil.Alerts.Delivery;

/// <summary>
/// Text messages, through Solapi when its API key is set, else through Twilio when its account is set: one provider
/// per installation, chosen by configuration, so the rule file says only who gets the message.
/// </summary>
internal sealed class SmsSender(SolapiClient solapi, TwilioClient twilio, TimeProvider time) : INotificationSender
{
    /// <summary>
    /// Solapi turns a text longer than an SMS (90 bytes) into an LMS of up to 2,000 bytes, in which a Korean
    /// character takes two; Twilio takes 1,600 characters. A thousand characters fits both.
    /// </summary>
    public const int MaxTextLength = 1000;

    public ChannelKind Kind => ChannelKind.Sms;

    public async Task SendAsync(Destination destination, NotificationMessage message, string deliveryId, CancellationToken cancellationToken)
    {
        var text = NotificationText.Truncate(NotificationText.ShortText(message, time.GetUtcNow()), MaxTextLength);
        if (solapi.IsConfigured)
        {
            var from = solapi.RequireSender("SMS");
            var messages = SolapiClient.Recipients(destination)
                .Select(to => new JsonObject { ["to"] = to, ["from"] = from, ["text"] = text })
                .ToList();
            await solapi.SendAsync(messages, cancellationToken);
        }
        else if (twilio.IsConfigured)
        {
            await twilio.SendTextAsync(destination, text, cancellationToken);
        }
        else
        {
            throw new DeliveryFailedException(
                "SMS needs a provider: set Vigil__Notifications__Solapi__ApiKey, __ApiSecret and __From for Solapi, " +
                "or Vigil__Notifications__Twilio__AccountSid, __AuthToken and __From for Twilio.",
                permanent: true);
        }
    }
}
