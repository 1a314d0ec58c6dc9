using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Vigil.Testing;

namespace Vigil.Tests.Alerts.Delivery;

/// <summary>
/// A real SMTP server (aiosmtpd, Debian's python3-aiosmtpd) on 127.0.0.1 that requires STARTTLS with a certificate
/// from a private CA made for the test class, and writes each mail it accepts as JSON (smtp_capture.py).
/// </summary>
public class SmtpTestServer : IAsyncLifetime
{
    private readonly bool _selfSigned;

    public SmtpTestServer()
        : this(selfSigned: false)
    {
    }

    /// <param name="selfSigned">Whether the server's certificate signs itself instead of coming from the private CA.</param>
    protected SmtpTestServer(bool selfSigned) => _selfSigned = selfSigned;

    /// <summary>Debian's Python: the one on PATH may be another without Debian's packages.</summary>
    private const string Python = "/usr/bin/python3";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"vigil-smtp-{Guid.NewGuid():N}");
    private Process? _process;

    public int Port { get; private set; }

    /// <summary>The PEM certificate of the CA that issued the server's certificate, or the server's own when self-signed.</summary>
    public string CaCertificatePath => Path.Combine(_directory, "ca.pem");

    /// <summary>A CA that issued nothing the server uses.</summary>
    public string OtherCaCertificatePath => Path.Combine(_directory, "other-ca.pem");

    private string MailDirectory => Path.Combine(_directory, "mail");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(MailDirectory);
        WriteCertificates();
        Port = TestServers.FreePort();
        var start = new ProcessStartInfo(Python)
        {
            ArgumentList =
            {
                "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{Port}",
                "--tlscert", Path.Combine(_directory, "server.pem"), "--tlskey", Path.Combine(_directory, "server-key.pem"),
                "-c", "smtp_capture.Capture", MailDirectory,
            },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        start.Environment["PYTHONPATH"] = Path.Combine(AppContext.BaseDirectory, "Alerts", "Delivery");
        _process = Process.Start(start) ?? throw new InvalidOperationException($"{Python} did not start");
        _process.BeginOutputReadLine();
        var errors = new System.Text.StringBuilder();
        _process.ErrorDataReceived += (_, line) => { lock (errors) { errors.AppendLine(line.Data); } };
        _process.BeginErrorReadLine();
        await WaitUntilListeningAsync(() => { lock (errors) { return errors.ToString(); } });
    }

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        _process?.Dispose();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>The mails the server accepted with this X-Vigil-Delivery header.</summary>
    public IReadOnlyList<JsonNode> Mails(string deliveryId) =>
        Directory.GetFiles(MailDirectory, "*.json")
            .Select(file => JsonNode.Parse(File.ReadAllText(file))!)
            .Where(mail => (string?)mail["delivery"] == deliveryId)
            .ToList();

    private async Task WaitUntilListeningAsync(Func<string> errors)
    {
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(15);
        while (true)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException(
                    $"aiosmtpd exited ({_process.ExitCode}); is python3-aiosmtpd installed (apt-get install python3-aiosmtpd)? {errors()}");
            }
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (TimeProvider.System.GetUtcNow() < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>A certificate for 127.0.0.1 and localhost, from a private CA or self-signed, as self-hosted mail servers have.</summary>
    private void WriteCertificates()
    {
        // Certificates are checked against the real clock, not a test's.
        var now = TimeProvider.System.GetUtcNow();
        using var ca = CreateCa("CN=Vigil Test Mail CA", now);
        using var otherCa = CreateCa("CN=Vigil Unrelated CA", now);
        using var serverKey = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", serverKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        if (_selfSigned)
        {
            using var selfSigned = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
            File.WriteAllText(Path.Combine(_directory, "server.pem"), selfSigned.ExportCertificatePem() + "\n");
            File.WriteAllText(CaCertificatePath, selfSigned.ExportCertificatePem() + "\n");
        }
        else
        {
            request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, includeKeyIdentifier: true, includeIssuerAndSerial: false));
            using var server = request.Create(ca, now.AddDays(-1), now.AddDays(30), RandomNumberGenerator.GetBytes(16));
            File.WriteAllText(Path.Combine(_directory, "server.pem"), server.ExportCertificatePem() + "\n" + ca.ExportCertificatePem() + "\n");
            File.WriteAllText(CaCertificatePath, ca.ExportCertificatePem() + "\n");
        }
        File.WriteAllText(Path.Combine(_directory, "server-key.pem"), serverKey.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(OtherCaCertificatePath, otherCa.ExportCertificatePem() + "\n");
    }

    private static X509Certificate2 CreateCa(string name, DateTimeOffset now)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(name, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));
    }
}

/// <summary>The same server with a self-signed certificate.</summary>
public sealed class SelfSignedSmtpTestServer() : SmtpTestServer(selfSigned: true);
