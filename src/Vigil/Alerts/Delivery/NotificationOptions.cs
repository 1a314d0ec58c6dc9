namespace Vigil.Alerts.Delivery;

/// <summary>Provider accounts for notifications (<c>Vigil__Notifications__*</c>). Base URLs are settings so tests can point them at local receivers.</summary>
public sealed class NotificationOptions
{
    public SmtpOptions Smtp { get; set; } = new();

    public SolapiOptions Solapi { get; set; } = new();

    public TwilioOptions Twilio { get; set; } = new();

    /// <summary>
    /// Settings that cannot work, found at start rather than at the first alert. A provider left out entirely is
    /// fine: its channel fails (permanently, saying what to set) only when a rule uses it.
    /// </summary>
    public IEnumerable<string> Validate()
    {
        if (Smtp.Port is < 1 or > 65535)
        {
            yield return "Vigil:Notifications:Smtp:Port must be between 1 and 65535.";
        }
        if (Smtp.TrustedCertificate is { Length: > 0 } path && !File.Exists(path))
        {
            yield return $"Vigil:Notifications:Smtp:TrustedCertificate '{path}' does not exist.";
        }
        if (!string.IsNullOrWhiteSpace(Solapi.ApiKey) && string.IsNullOrWhiteSpace(Solapi.ApiSecret))
        {
            yield return "Vigil:Notifications:Solapi:ApiKey needs Vigil:Notifications:Solapi:ApiSecret.";
        }
        if (!string.IsNullOrWhiteSpace(Twilio.AccountSid) && string.IsNullOrWhiteSpace(Twilio.AuthToken))
        {
            yield return "Vigil:Notifications:Twilio:AccountSid needs Vigil:Notifications:Twilio:AuthToken.";
        }
    }
}

/// <summary>
/// The SMTP server mail goes through. The connection always upgrades with STARTTLS (System.Net.Mail cannot speak
/// implicit TLS, so port 465 does not work; use the submission port 587).
/// </summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary>
    /// Path to a PEM file for a server whose certificate the system does not trust: the server's certificate when it is
    /// self-signed, or the private CA that issued it. Trusted in addition to the system's roots, for mail sends only;
    /// the certificate must still name <see cref="Host"/> and be valid for server authentication.
    /// </summary>
    public string? TrustedCertificate { get; set; }

    public string? User { get; set; }

    public string? Password { get; set; }

    public string From { get; set; } = "vigil@localhost";
}

public sealed class SolapiOptions
{
    public string? ApiKey { get; set; }

    public string? ApiSecret { get; set; }

    /// <summary>The registered sender number.</summary>
    public string? From { get; set; }

    public Uri BaseUrl { get; set; } = new("https://api.solapi.com");

    /// <summary>KakaoTalk channel id (pfId) and the approved Alimtalk template the alerts are sent with.</summary>
    public string? KakaoChannelId { get; set; }

    public string? KakaoTemplateId { get; set; }
}

public sealed class TwilioOptions
{
    public string? AccountSid { get; set; }

    public string? AuthToken { get; set; }

    public string? From { get; set; }

    public Uri BaseUrl { get; set; } = new("https://api.twilio.com");
}
