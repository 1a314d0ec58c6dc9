using System.Net.Http.Headers;
using System.Text;
using Vigil.Core.Alerts;
using Vigil.Hosting;

namespace Vigil.Alerts.Delivery;

/// <summary>Twilio's Messages API: one form-encoded <c>POST …/Accounts/{AccountSid}/Messages.json</c> per recipient.</summary>
internal sealed class TwilioClient(IHttpClientFactory httpClients, VigilOptions options)
{
    public const string HttpClientName = "notifications-twilio";

    private TwilioOptions Settings => options.Notifications.Twilio;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Settings.AccountSid);

    /// <summary>
    /// Every number is checked before the first is sent to, so a typo in one fails the notification before anyone got
    /// it. Twilio has no idempotency key for messages: when a later recipient fails, the retry repeats the message to
    /// the earlier ones, which is better than a lost alert.
    /// </summary>
    public async Task SendTextAsync(Destination destination, string text, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Settings.AuthToken) || string.IsNullOrWhiteSpace(Settings.From))
        {
            throw new DeliveryFailedException(
                "SMS through Twilio needs Vigil__Notifications__Twilio__AccountSid, __AuthToken and __From (a Twilio number).", permanent: true);
        }
        var numbers = destination.Addresses.Select(NormalizeNumber).Distinct().ToList();
        if (numbers.Count == 0)
        {
            throw new DeliveryFailedException($"The SMS destination '{destination.Name}' has no phone numbers.", permanent: true);
        }
        var client = httpClients.CreateClient(HttpClientName);
        var endpoint = HttpDelivery.Endpoint(Settings.BaseUrl, $"2010-04-01/Accounts/{Uri.EscapeDataString(Settings.AccountSid!)}/Messages.json");
        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Settings.AccountSid}:{Settings.AuthToken}"));
        foreach (var number in numbers)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
            {
                Content = new FormUrlEncodedContent([new("To", number), new("From", Settings.From), new("Body", text)]),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", credentials);
            await HttpDelivery.SendAsync(client, request, "Twilio", cancellationToken);
        }
    }

    /// <summary>Twilio needs E.164 (<c>+821012345678</c>); spaces, dashes, dots and parentheses are dropped.</summary>
    public static string NormalizeNumber(string number)
    {
        var trimmed = number.Trim();
        var digits = new string(trimmed.Where(char.IsAsciiDigit).ToArray());
        if (!trimmed.StartsWith('+') || digits.Length is < 8 or > 15 || trimmed.Any(c => !char.IsAsciiDigit(c) && c is not ('+' or ' ' or '-' or '.' or '(' or ')')))
        {
            throw new DeliveryFailedException(
                $"'{number}' is not a phone number in international form, which Twilio needs (like +82 10-1234-5678).", permanent: true);
        }
        return "+" + digits;
    }
}
