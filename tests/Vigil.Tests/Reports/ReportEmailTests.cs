using Vigil.Core.Alerts;
using Vigil.Core.Reports;
using Vigil.Alerts.Delivery;
using Vigil.Tests.Alerts.Delivery;

namespace Vigil.Tests.Reports;

/// <summary>A report by e-mail, through the alerts' real SMTP server on loopback (STARTTLS, private CA).</summary>
public sealed class ReportEmailTests(SmtpTestServer smtp) : IClassFixture<SmtpTestServer>
{
    [Fact]
    public async Task SendAsync_Report_MailsItsSubjectTextAndLink()
    {
        using var senders = SomeNotification.Senders(new NotificationOptions
        {
            Smtp = new SmtpOptions { Host = "127.0.0.1", Port = smtp.Port, From = "vigil@example.com", TrustedCertificate = smtp.CaCertificatePath },
        });
        var day = new DateOnly(2026, 11, 20);
        var report = new ReportNotice(ReportKind.Daily, day, day, "일일 리포트 — Shop — 2026-11-20 (금)", "*slack*",
            "일일 리포트 — Shop — 2026-11-20 (금)\n\n주요 지표 (전일 대비)\n- 방문자: 1,234 (+12.5%)\n", new Uri("https://vigil.example.com/projects/7/reports/3"));
        var message = new NotificationMessage(7, "Shop", SomeNotification.DashboardUrl, [], report);

        await senders.Sender(ChannelKind.Email).SendAsync(new Destination(ChannelKind.Email, "lead", ["lead@example.com"]), message, "report-mail", CancellationToken.None);

        var mail = Assert.Single(smtp.Mails("report-mail"));
        Assert.Equal("일일 리포트 — Shop — 2026-11-20 (금)", (string?)mail["subject"]);
        Assert.Equal(report.Text, EmailSenderTests.Part(mail, "text/plain").ReplaceLineEndings("\n"));
        var html = EmailSenderTests.Part(mail, "text/html");
        Assert.Contains("- 방문자: 1,234 (+12.5%)", html);
        Assert.Contains("<a href=\"https://vigil.example.com/projects/7/reports/3\"", html);
    }
}
