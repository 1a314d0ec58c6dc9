using System.Net;
using System.Net.Mail;
using System.Net.Mime;
using System.Text;
using Vigil.Core.Alerts;
using Vigil.Hosting;
using Vigil.Reports;

namespace Vigil.Alerts.Delivery;

/// <summary>
/// One mail to every address of the destination, through the configured SMTP server over STARTTLS, with an HTML
/// body and a plain-text alternative.
/// </summary>
internal sealed class EmailSender(VigilOptions options, TimeProvider time) : INotificationSender
{
    /// <summary>SmtpClient's own Timeout applies only to synchronous sends.</summary>
    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(30);

    public ChannelKind Kind => ChannelKind.Email;

    public async Task SendAsync(Destination destination, NotificationMessage message, string deliveryId, CancellationToken cancellationToken)
    {
        var settings = options.Notifications.Smtp;
        if (string.IsNullOrWhiteSpace(settings.Host))
        {
            throw new DeliveryFailedException(
                "E-mail needs an SMTP server: set Vigil__Notifications__Smtp__Host (and __Port, __User, __Password, __From).", permanent: true);
        }
        using var mail = Compose(settings, destination, message, deliveryId, time.GetUtcNow());
        if (settings.TrustedCertificate is { Length: > 0 } path)
        {
            SmtpCertificateTrust.TrustDuringThisSend(SmtpCertificateTrust.Load(path));
        }
        using var client = new SmtpClient(settings.Host, settings.Port)
        {
            EnableSsl = true,
            DeliveryMethod = SmtpDeliveryMethod.Network,
            UseDefaultCredentials = false,
            Credentials = string.IsNullOrEmpty(settings.User) ? null : new NetworkCredential(settings.User, settings.Password),
        };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(SendTimeout);
        try
        {
            await client.SendMailAsync(mail, timeout.Token);
        }
        catch (SmtpFailedRecipientsException exception)
        {
            var permanent = exception.InnerExceptions.All(failure => IsMailboxError(failure.StatusCode));
            throw new DeliveryFailedException($"The SMTP server refused recipients: {exception.Message}", permanent, exception);
        }
        catch (SmtpException exception)
        {
            throw new DeliveryFailedException(
                $"Sending mail through {settings.Host}:{settings.Port} failed: {Describe(exception)}", IsMailboxError(exception.StatusCode), exception);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DeliveryFailedException($"The SMTP server {settings.Host}:{settings.Port} did not take the mail within {SendTimeout.TotalSeconds:0} s.", permanent: false, exception);
        }
    }

    /// <summary>
    /// A mailbox that does not exist or a name the server will not accept (550, 553) stays so; every other refusal
    /// (a full mailbox, greylisting, a server busy or misconfigured for now) may pass on a later try.
    /// </summary>
    private static bool IsMailboxError(SmtpStatusCode status) =>
        status is SmtpStatusCode.MailboxUnavailable or SmtpStatusCode.MailboxNameNotAllowed;

    /// <summary>A TLS failure says only "Failure sending mail."; the reason is in the inner exceptions.</summary>
    private static string Describe(Exception exception)
    {
        var reasons = new List<string>();
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            reasons.Add(current.Message);
        }
        return string.Join(" ", reasons);
    }

    private static MailMessage Compose(SmtpOptions settings, Destination destination, NotificationMessage message, string deliveryId, DateTimeOffset now)
    {
        var mail = new MailMessage
        {
            Subject = message.Report?.Subject ?? NotificationText.Headline(message),
            SubjectEncoding = Encoding.UTF8,
            HeadersEncoding = Encoding.UTF8,
        };
        try
        {
            mail.From = new MailAddress(settings.From);
            foreach (var address in destination.Addresses)
            {
                mail.To.Add(new MailAddress(address));
            }
        }
        catch (FormatException exception)
        {
            mail.Dispose();
            throw new DeliveryFailedException($"A malformed e-mail address in '{destination.Name}' or Smtp:From: {exception.Message}", permanent: true, exception);
        }
        if (mail.To.Count == 0)
        {
            mail.Dispose();
            throw new DeliveryFailedException($"The e-mail destination '{destination.Name}' has no addresses.", permanent: true);
        }
        // Receivers (and the Vigil operator reading a bounce) can match a retried mail to its first try.
        mail.Headers.Add("X-Vigil-Delivery", deliveryId);
        // RFC 3834: out-of-office replies must not answer an automatic mail.
        mail.Headers.Add("Auto-Submitted", "auto-generated");
        // The last alternative is the preferred one; clients that cannot show HTML fall back to the text.
        var (plain, html) = message.Report is { } report
            ? (report.Text, ReportPayloads.Html(report))
            : (NotificationText.PlainText(message, now), Html(message, now));
        mail.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(plain, Encoding.UTF8, MediaTypeNames.Text.Plain));
        mail.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(html, Encoding.UTF8, MediaTypeNames.Text.Html));
        return mail;
    }

    /// <summary>Inline styles only: mail clients drop style sheets.</summary>
    private static string Html(NotificationMessage message, DateTimeOffset now)
    {
        static string Encode(string text) => WebUtility.HtmlEncode(text);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html><body style=\"font-family:-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;color:#202124;\">");
        html.Append("<div style=\"border-left:6px solid ").Append(NotificationText.Color(message)).Append(";padding:4px 16px;\">");
        html.Append("<h2 style=\"margin:0 0 16px;font-size:18px;\">")
            .Append(NotificationText.Emoji(message)).Append(' ').Append(Encode(NotificationText.Headline(message))).Append("</h2>");
        foreach (var alert in NotificationText.Ordered(message))
        {
            html.Append("<p style=\"margin:0 0 14px;\"><strong>").Append(NotificationText.Emoji(alert)).Append(' ').Append(Encode(alert.RuleName))
                .Append("</strong> — ").Append(NotificationText.Name(alert.Severity)).Append(", ").Append(NotificationText.Name(alert.State)).Append("<br>");
            html.Append("<code>").Append(Encode(alert.Condition)).Append("</code>");
            if (alert.Value is { Length: > 0 } value)
            {
                html.Append(" · value <strong>").Append(Encode(value)).Append("</strong>");
            }
            html.Append("<br><span style=\"color:#5f6368;\">").Append(Encode(NotificationText.Timing(alert, now))).Append("</span></p>");
        }
        html.Append("<p><a href=\"").Append(Encode(message.DashboardUrl.ToString()))
            .Append("\" style=\"display:inline-block;padding:8px 16px;background:#1a73e8;color:#ffffff;text-decoration:none;border-radius:4px;\">Open dashboard</a></p>");
        html.Append("</div></body></html>");
        return html.ToString();
    }
}
