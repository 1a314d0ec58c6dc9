using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vigil.Core.Alerts;
using Vigil.Hosting;

namespace Vigil.Alerts.Delivery;

/// <summary>
/// Solapi's message API (v4), which sends both the SMS and the KakaoTalk Alimtalk notifications: one
/// <c>POST /messages/v4/send-many/detail</c> with a message per recipient, signed with the account's API key.
/// </summary>
internal sealed partial class SolapiClient(IHttpClientFactory httpClients, VigilOptions options, TimeProvider time, ILogger<SolapiClient> logger)
{
    public const string HttpClientName = "notifications-solapi";

    private SolapiOptions Settings => options.Notifications.Solapi;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Settings.ApiKey);

    /// <summary>The registered sender number every message goes out from; throws (permanent) when a setting is missing.</summary>
    public string RequireSender(string channel)
    {
        if (string.IsNullOrWhiteSpace(Settings.ApiKey) || string.IsNullOrWhiteSpace(Settings.ApiSecret) || string.IsNullOrWhiteSpace(Settings.From))
        {
            throw new DeliveryFailedException(
                $"{channel} through Solapi needs Vigil__Notifications__Solapi__ApiKey, __ApiSecret and __From (the registered sender number).",
                permanent: true);
        }
        return NormalizeNumber(Settings.From);
    }

    /// <summary>
    /// Sends the messages in one request. Solapi accepts or refuses each message on its own: when it refuses only
    /// some, the others are already on their way, so the send counts as done (a retry would repeat them) and the
    /// refusals are logged; when it refuses all, the failure is permanent, because it refuses what it cannot send
    /// (an invalid number, a template that does not match).
    /// </summary>
    public async Task SendAsync(IReadOnlyList<JsonObject> messages, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["messages"] = new JsonArray([.. messages]) };
        using var request = new HttpRequestMessage(HttpMethod.Post, HttpDelivery.Endpoint(Settings.BaseUrl, "messages/v4/send-many/detail"))
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("HMAC-SHA256", Authorization(Settings.ApiKey!, Settings.ApiSecret!, time.GetUtcNow()));
        var answer = await HttpDelivery.SendAsync(httpClients.CreateClient(HttpClientName), request, "Solapi", cancellationToken);

        var refused = Refusals(answer);
        if (refused.Count >= messages.Count)
        {
            throw new DeliveryFailedException($"Solapi refused every message: {string.Join("; ", refused)}", permanent: true);
        }
        if (refused.Count > 0)
        {
            LogPartlyRefused(refused.Count, messages.Count, string.Join("; ", refused));
        }
    }

    /// <summary>
    /// The parameters of <c>Authorization: HMAC-SHA256 …</c>: the signature is the hex HMAC-SHA256, keyed with the API
    /// secret, of the ISO 8601 date followed by a random salt. Solapi refuses dates far from its clock and reused salts.
    /// </summary>
    public static string Authorization(string apiKey, string apiSecret, DateTimeOffset now)
    {
        var date = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var salt = RandomNumberGenerator.GetHexString(32, lowercase: true);
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(apiSecret), Encoding.UTF8.GetBytes(date + salt)));
        return $"apiKey={apiKey}, date={date}, salt={salt}, signature={signature}";
    }

    /// <summary>
    /// Solapi sends to Korean numbers written as digits: <c>010-1234-5678</c> and <c>+82 10-1234-5678</c> both become
    /// <c>01012345678</c>. Anything else is a malformed address, refused before any message goes out.
    /// </summary>
    public static string NormalizeNumber(string number)
    {
        var digits = new string(number.Where(char.IsAsciiDigit).ToArray());
        if (number.TrimStart().StartsWith('+'))
        {
            digits = digits.StartsWith("82", StringComparison.Ordinal) ? "0" + digits[2..].TrimStart('0') : "";
        }
        if (digits.Length is < 8 or > 11 || (!digits.StartsWith('0') && !digits.StartsWith('1')))
        {
            throw new DeliveryFailedException(
                $"'{number}' is not a Korean phone number Solapi can send to (like 010-1234-5678 or +82 10-1234-5678).", permanent: true);
        }
        return digits;
    }

    public static IReadOnlyList<string> Recipients(Destination destination)
    {
        var numbers = destination.Addresses.Select(NormalizeNumber).Distinct().ToList();
        return numbers.Count > 0
            ? numbers
            : throw new DeliveryFailedException($"The {destination.Kind} destination '{destination.Name}' has no phone numbers.", permanent: true);
    }

    private static List<string> Refusals(string answer)
    {
        try
        {
            return JsonNode.Parse(answer)?["failedMessageList"] is JsonArray failed
                ? failed.Select(item => $"{item?["to"]}: {item?["statusCode"]} {item?["statusMessage"]}").ToList()
                : [];
        }
        catch (JsonException exception)
        {
            // A 2xx whose body is not Solapi's means something between us and Solapi answered; whether Solapi got the
            // messages is unknown, and a repeat is better than a lost alert.
            throw new DeliveryFailedException($"Solapi's answer was not JSON: {NotificationText.Truncate(answer, 200)}", permanent: false, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Solapi refused {Refused} of {Total} messages; the others were sent: {Refusals}")]
    private partial void LogPartlyRefused(int refused, int total, string refusals);
}
