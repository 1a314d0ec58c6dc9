using System.Text.Json.Nodes;
using Vigil.Core.Alerts;
using Vigil.Hosting;

namespace Vigil.Alerts.Delivery;

/// <summary>
/// KakaoTalk Alimtalk through Solapi. Alimtalk sends only templates Kakao approved in advance, so the text is the
/// template's and Vigil fills its variables. Register a template (Solapi console, channel
/// <c>Vigil__Notifications__Solapi__KakaoChannelId</c>) that uses these variables, and set its id as
/// <c>Vigil__Notifications__Solapi__KakaoTemplateId</c>:
/// <list type="bullet">
/// <item><c>#{project}</c>: the project's name</item>
/// <item><c>#{status}</c>: <c>FIRING:2</c>, <c>RESOLVED</c>, or <c>FIRING:1, RESOLVED:1</c></item>
/// <item><c>#{alert}</c>: the alerts' names, comma separated (firing first)</item>
/// <item><c>#{detail}</c>: one line per alert: severity, condition, value and for how long</item>
/// <item><c>#{dashboard}</c>: the dashboard URL (also usable as a web-link button's URL)</item>
/// </list>
/// For example: <c>[Vigil] #{project} #{status}\n#{alert}\n\n#{detail}\n\n#{dashboard}</c>. When a recipient cannot
/// get Alimtalk, Solapi falls back to an SMS of the filled template from the sender number.
/// </summary>
internal sealed class AlimtalkSender(SolapiClient solapi, VigilOptions options, TimeProvider time) : INotificationSender
{
    /// <summary>An Alimtalk message holds 1,000 characters; the template's own text and the other variables need the rest.</summary>
    private const int MaxDetailLength = 600;

    public ChannelKind Kind => ChannelKind.Alimtalk;

    public async Task SendAsync(Destination destination, NotificationMessage message, string deliveryId, CancellationToken cancellationToken)
    {
        var settings = options.Notifications.Solapi;
        if (!solapi.IsConfigured || string.IsNullOrWhiteSpace(settings.KakaoChannelId) || string.IsNullOrWhiteSpace(settings.KakaoTemplateId))
        {
            throw new DeliveryFailedException(
                "KakaoTalk Alimtalk needs Solapi: set Vigil__Notifications__Solapi__ApiKey, __ApiSecret, __From, " +
                "__KakaoChannelId and __KakaoTemplateId (an approved template using #{project}, #{status}, #{alert}, #{detail}, #{dashboard}).",
                permanent: true);
        }
        var from = solapi.RequireSender("KakaoTalk Alimtalk");
        var variables = Variables(message, time.GetUtcNow());
        var messages = SolapiClient.Recipients(destination)
            .Select(to => new JsonObject
            {
                ["to"] = to,
                ["from"] = from,
                ["kakaoOptions"] = new JsonObject
                {
                    ["pfId"] = settings.KakaoChannelId,
                    ["templateId"] = settings.KakaoTemplateId,
                    ["variables"] = variables.DeepClone(),
                },
            })
            .ToList();
        await solapi.SendAsync(messages, cancellationToken);
    }

    /// <summary>Solapi names template variables with their <c>#{…}</c> around them.</summary>
    public static JsonObject Variables(NotificationMessage message, DateTimeOffset now)
    {
        var detail = string.Join('\n', NotificationText.Ordered(message).Select(alert => NotificationText.ShortLine(alert, now)));
        return new JsonObject
        {
            ["#{project}"] = message.ProjectName,
            ["#{status}"] = NotificationText.Status(message),
            ["#{alert}"] = NotificationText.AlertNames(message),
            ["#{detail}"] = NotificationText.Truncate(detail, MaxDetailLength),
            ["#{dashboard}"] = message.DashboardUrl.ToString(),
        };
    }
}
