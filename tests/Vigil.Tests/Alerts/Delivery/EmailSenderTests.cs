using System.Text.Json.Nodes;
using Vigil.Alerts.Delivery;
using Vigil.Core.Alerts;

namespace Vigil.Tests.Alerts.Delivery;

/// <summary>Mail through a real SMTP server on loopback that requires STARTTLS with a privately issued certificate.</summary>
public sealed class EmailSenderTests(SmtpTestServer smtp) : IClassFixture<SmtpTestServer>
{
    [Fact]
    public async Task SendAsync_TrustedPrivateCa_DeliversOneMailToEveryAddressOverTls()
    {
        using var senders = SomeNotification.Senders(Options(smtp.CaCertificatePath));
        var destination = new Destination(ChannelKind.Email, "ops", ["ops@example.com", "Kim Minji <minji@example.com>"]);
        var message = SomeNotification.Message(SomeNotification.SlowResponse(), SomeNotification.ServiceDown());

        await senders.Sender(ChannelKind.Email).SendAsync(destination, message, "mail-grouped", CancellationToken.None);

        var mail = Assert.Single(smtp.Mails("mail-grouped"));
        Assert.True((bool)mail["tls"]!);
        Assert.Equal("vigil@example.com", (string?)mail["mailFrom"]);
        Assert.Equal(["ops@example.com", "minji@example.com"], mail["rcptTos"]!.AsArray().Select(to => (string)to!));
        Assert.Equal("[FIRING:2] Service Down, Slow Response — Shop", (string?)mail["subject"]);
        Assert.Equal("auto-generated", (string?)mail["autoSubmitted"]);
        Assert.Equal("multipart/alternative", (string?)mail["contentType"]);
        var text = Part(mail, "text/plain");
        Assert.Contains("🟠 Slow Response — warning, firing", text);
        Assert.Contains("p95_response_time > 3s (value 3,420 ms)", text);
        Assert.Contains("firing since 2026-03-01 02:04 UTC (12 min ago)", text);
        Assert.Contains($"Dashboard: {SomeNotification.DashboardUrl}", text);
        var html = Part(mail, "text/html");
        Assert.Contains("<code>p95_response_time &gt; 3s</code> · value <strong>3,420 ms</strong>", html);
        Assert.Contains("border-left:6px solid #d93025", html);
        Assert.Contains($"<a href=\"{SomeNotification.DashboardUrl}\"", html);
    }

    [Fact]
    public async Task SendAsync_AllResolved_SubjectSaysResolved()
    {
        using var senders = SomeNotification.Senders(Options(smtp.CaCertificatePath));

        await senders.Sender(ChannelKind.Email).SendAsync(
            Ops, SomeNotification.Message(SomeNotification.ServiceDown(NoticeState.Resolved)), "mail-resolved", CancellationToken.None);

        var mail = Assert.Single(smtp.Mails("mail-resolved"));
        Assert.Equal("[RESOLVED] Service Down — Shop", (string?)mail["subject"]);
        Assert.Contains("resolved at 2026-03-01 02:14 UTC (2 min ago), after 4 min", Part(mail, "text/plain"));
    }

    [Fact]
    public async Task SendAsync_ServerCertificateNotTrusted_FailsTransientlyWithoutDelivering()
    {
        using var senders = SomeNotification.Senders(Options(trustedCertificate: null));

        var failure = await Assert.ThrowsAsync<DeliveryFailedException>(
            () => senders.Sender(ChannelKind.Email).SendAsync(Ops, SomeNotification.Message(), "mail-untrusted", CancellationToken.None));

        Assert.False(failure.Permanent);
        Assert.Contains("certificate", failure.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(smtp.Mails("mail-untrusted"));
    }

    [Fact]
    public async Task SendAsync_AnotherCaTrusted_FailsWithoutDelivering()
    {
        using var senders = SomeNotification.Senders(Options(smtp.OtherCaCertificatePath));

        await Assert.ThrowsAsync<DeliveryFailedException>(
            () => senders.Sender(ChannelKind.Email).SendAsync(Ops, SomeNotification.Message(), "mail-other-ca", CancellationToken.None));

        Assert.Empty(smtp.Mails("mail-other-ca"));
    }

    [Fact]
    public async Task SendAsync_AfterATrustedSend_TrustDoesNotCarryOverToAnotherSender()
    {
        using var trusting = SomeNotification.Senders(Options(smtp.CaCertificatePath));
        using var untrusting = SomeNotification.Senders(Options(trustedCertificate: null));
        await trusting.Sender(ChannelKind.Email).SendAsync(Ops, SomeNotification.Message(), "mail-trusted-first", CancellationToken.None);

        await Assert.ThrowsAsync<DeliveryFailedException>(
            () => untrusting.Sender(ChannelKind.Email).SendAsync(Ops, SomeNotification.Message(), "mail-untrusted-after", CancellationToken.None));

        Assert.Single(smtp.Mails("mail-trusted-first"));
        Assert.Empty(smtp.Mails("mail-untrusted-after"));
    }

    [Theory]
    [InlineData("unknown@example.com", true)]
    [InlineData("busy@example.com", false)]
    public async Task SendAsync_ServerRefusesTheRecipient_PermanentOnlyForAMissingMailbox(string address, bool permanent)
    {
        using var senders = SomeNotification.Senders(Options(smtp.CaCertificatePath));
        var destination = new Destination(ChannelKind.Email, "ops", [address]);

        var failure = await Assert.ThrowsAsync<DeliveryFailedException>(
            () => senders.Sender(ChannelKind.Email).SendAsync(destination, SomeNotification.Message(), "mail-refused", CancellationToken.None));

        Assert.Equal(permanent, failure.Permanent);
    }

    [Fact]
    public async Task SendAsync_MalformedAddress_FailsPermanently()
    {
        using var senders = SomeNotification.Senders(Options(smtp.CaCertificatePath));
        var destination = new Destination(ChannelKind.Email, "ops", ["ops@example.com", "not an address"]);

        var failure = await Assert.ThrowsAsync<DeliveryFailedException>(
            () => senders.Sender(ChannelKind.Email).SendAsync(destination, SomeNotification.Message(), "mail-malformed", CancellationToken.None));

        Assert.True(failure.Permanent);
        Assert.Empty(smtp.Mails("mail-malformed"));
    }

    [Fact]
    public async Task SendAsync_NoSmtpHost_FailsPermanentlySayingWhatToConfigure()
    {
        using var senders = SomeNotification.Senders(new NotificationOptions());

        var failure = await Assert.ThrowsAsync<DeliveryFailedException>(
            () => senders.Sender(ChannelKind.Email).SendAsync(Ops, SomeNotification.Message(), "mail-unconfigured", CancellationToken.None));

        Assert.True(failure.Permanent);
        Assert.Contains("Vigil__Notifications__Smtp__Host", failure.Message);
    }

    private static Destination Ops => new(ChannelKind.Email, "ops", ["ops@example.com"]);

    private NotificationOptions Options(string? trustedCertificate) => new()
    {
        Smtp = new SmtpOptions
        {
            Host = "127.0.0.1",
            Port = smtp.Port,
            From = "Vigil <vigil@example.com>",
            TrustedCertificate = trustedCertificate,
        },
    };

    internal static string Part(JsonNode mail, string contentType) =>
        (string)mail["parts"]!.AsArray().Single(part => (string?)part!["contentType"] == contentType)!["content"]!;
}

/// <summary>A server whose certificate signs itself: trusting that certificate is enough.</summary>
public sealed class SelfSignedEmailSenderTests(SelfSignedSmtpTestServer smtp) : IClassFixture<SelfSignedSmtpTestServer>
{
    [Fact]
    public async Task SendAsync_TrustedSelfSignedCertificate_DeliversOverTls()
    {
        var options = new NotificationOptions
        {
            Smtp = new SmtpOptions { Host = "127.0.0.1", Port = smtp.Port, From = "vigil@example.com", TrustedCertificate = smtp.CaCertificatePath },
        };
        using var senders = SomeNotification.Senders(options);

        await senders.Sender(ChannelKind.Email).SendAsync(
            new Destination(ChannelKind.Email, "ops", ["ops@example.com"]), SomeNotification.Message(), "mail-self-signed", CancellationToken.None);

        Assert.True((bool)Assert.Single(smtp.Mails("mail-self-signed"))["tls"]!);
    }
}
