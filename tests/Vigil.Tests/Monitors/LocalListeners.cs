using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Vigil.Tests.Monitors;

/// <summary>
/// A TCP listener on 127.0.0.1 that accepts and closes every connection; with a certificate, it completes a TLS
/// handshake first, as a TLS server would.
/// </summary>
internal sealed class LocalListener : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly X509Certificate2? _certificate;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    private LocalListener(X509Certificate2? certificate)
    {
        _certificate = certificate;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public static LocalListener Tcp() => new(null);

    /// <summary>A TLS server whose self-signed certificate (for localhost and 127.0.0.1) expires <paramref name="expiresIn"/> from now.</summary>
    public static LocalListener Tls(TimeSpan expiresIn) => new(SelfSigned(DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow + expiresIn));

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            _ = ServeAsync(socket);
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        await using var network = new NetworkStream(socket, ownsSocket: true);
        if (_certificate is null)
        {
            return;
        }
        try
        {
            await using var tls = new SslStream(network);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = _certificate }, timeout.Token);
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or System.Security.Authentication.AuthenticationException)
        {
            // The client may drop the connection as soon as it has read the certificate.
        }
    }

    private static X509Certificate2 SelfSigned(DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(notBefore, notAfter);
        // A certificate with an ephemeral key cannot serve TLS on every platform; a PKCS#12 round trip makes the key usable.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _certificate?.Dispose();
        _stop.Dispose();
    }
}
