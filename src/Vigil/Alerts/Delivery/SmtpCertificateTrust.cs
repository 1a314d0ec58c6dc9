using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Vigil.Alerts.Delivery;

/// <summary>
/// Lets one mail send trust <c>Smtp:TrustedCertificate</c> besides the system's roots. SmtpClient has no validation
/// hook of its own: its STARTTLS handshake asks <see cref="ServicePointManager.ServerCertificateValidationCallback"/>,
/// which is process-wide. So the callback is installed only once a trusted certificate is configured, and it widens
/// trust only for handshakes inside <see cref="TrustDuringThisSend"/>'s async flow; every other handshake gets what it
/// would have got without it (the callback that was there before, or the default verdict).
/// </summary>
internal static class SmtpCertificateTrust
{
    private const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";

    /// <summary>An async local, so concurrent sends and unrelated TLS clients never see another send's anchors.</summary>
    private static readonly AsyncLocal<X509Certificate2Collection?> TrustedInThisFlow = new();

    private static readonly Lock InstallLock = new();

    private static bool _installed;

    private static RemoteCertificateValidationCallback? _previous;

    /// <summary>
    /// Trusts <paramref name="anchors"/> for the TLS handshakes of the caller's async flow from here on; a value set in
    /// an async method ends with it, so calling this inside the method that sends is the whole scope.
    /// </summary>
    public static void TrustDuringThisSend(X509Certificate2Collection anchors)
    {
        lock (InstallLock)
        {
            if (!_installed)
            {
#pragma warning disable SYSLIB0014 // SmtpClient still reads its validation callback from ServicePointManager; there is no other hook.
                _previous = ServicePointManager.ServerCertificateValidationCallback;
                ServicePointManager.ServerCertificateValidationCallback = Validate;
#pragma warning restore SYSLIB0014
                _installed = true;
            }
        }
        TrustedInThisFlow.Value = anchors;
    }

    /// <summary>Reads every certificate of a PEM file.</summary>
    public static X509Certificate2Collection Load(string path)
    {
        var certificates = new X509Certificate2Collection();
        try
        {
            certificates.ImportFromPemFile(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new DeliveryFailedException($"Vigil__Notifications__Smtp__TrustedCertificate '{path}' could not be read: {exception.Message}", permanent: true, exception);
        }
        return certificates.Count > 0
            ? certificates
            : throw new DeliveryFailedException($"Vigil__Notifications__Smtp__TrustedCertificate '{path}' holds no PEM certificate.", permanent: true);
    }

    private static bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (TrustedInThisFlow.Value is not { } anchors)
        {
            return _previous?.Invoke(sender, certificate, chain, errors) ?? errors == SslPolicyErrors.None;
        }
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }
        // Only an unknown issuer is forgiven: a name mismatch or a missing certificate fails as it would anyway.
        if (errors != SslPolicyErrors.RemoteCertificateChainErrors || certificate is null)
        {
            return false;
        }
        return ChainsToAnchor(certificate, chain, anchors);
    }

    private static bool ChainsToAnchor(X509Certificate certificate, X509Chain? presented, X509Certificate2Collection anchors)
    {
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(anchors);
        // Private CAs seldom publish revocation lists, and SmtpClient does not check revocation by default either.
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        custom.ChainPolicy.ApplicationPolicy.Add(new Oid(ServerAuthentication));
        if (presented is not null)
        {
            // The intermediates the server sent.
            foreach (var element in presented.ChainElements)
            {
                custom.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }
        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return custom.Build(leaf);
    }
}
