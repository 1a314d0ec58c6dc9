using System.Diagnostics;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Vigil.Core.Monitors;

namespace Vigil.Monitors;

/// <summary>
/// Runs one check of a monitor against the network and turns what it saw into a stored result through the pure
/// <see cref="MonitorEvaluation"/>. Every check ends within the monitor's timeout.
/// </summary>
internal sealed class MonitorChecker(TimeProvider time) : IDisposable
{
    /// <summary>How much of a body is searched for the keyword: enough for any health page, bounded for huge ones.</summary>
    private const int MaxBodyCharacters = 1 << 20;

    // One handler per combination of redirect and certificate policy, each pooling its connections across checks.
    private readonly Dictionary<(bool FollowRedirects, bool IgnoreCertificateErrors), HttpClient> _clients = new()
    {
        [(true, false)] = NewClient(followRedirects: true, ignoreCertificateErrors: false),
        [(false, false)] = NewClient(followRedirects: false, ignoreCertificateErrors: false),
        [(true, true)] = NewClient(followRedirects: true, ignoreCertificateErrors: true),
        [(false, true)] = NewClient(followRedirects: false, ignoreCertificateErrors: true),
    };

    /// <summary>Null for a heartbeat still waiting for its first ping: nothing to record yet.</summary>
    public async Task<MonitorResult?> CheckAsync(MonitorDefinition monitor, CancellationToken cancellationToken)
    {
        var startedAt = time.GetUtcNow();
        var stopwatch = Stopwatch.StartNew();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(monitor.Timeout);
        MonitorResult Result(MonitorVerdict verdict, int? status = null, int? daysLeft = null) =>
            new(monitor.ProjectId, monitor.Id, startedAt, verdict.State, status, stopwatch.Elapsed.TotalMilliseconds, verdict.Reason, daysLeft);

        switch (monitor.Kind)
        {
            case MonitorKind.Http:
                var outcome = await RequestAsync(monitor, stopwatch, timeout.Token, cancellationToken);
                return Result(MonitorEvaluation.Http(monitor, outcome), outcome.Status) with { DurationMs = outcome.DurationMs };
            case MonitorKind.Tcp:
                return Result(MonitorEvaluation.Tcp(await ConnectAsync(monitor, timeout.Token, cancellationToken)));
            case MonitorKind.Tls:
                var certificate = await ReadCertificateAsync(monitor, timeout.Token, cancellationToken);
                int? daysLeft = certificate.NotAfter is { } notAfter ? MonitorEvaluation.DaysLeft(notAfter, startedAt) : null;
                return Result(MonitorEvaluation.Tls(monitor, certificate, startedAt), daysLeft: daysLeft);
            default:
                return MonitorEvaluation.Heartbeat(monitor, startedAt) is { } verdict
                    ? new MonitorResult(monitor.ProjectId, monitor.Id, startedAt, verdict.State, null, null, verdict.Reason, null)
                    : null;
        }
    }

    private async Task<HttpOutcome> RequestAsync(MonitorDefinition monitor, Stopwatch stopwatch, CancellationToken timeout, CancellationToken stopping)
    {
        try
        {
            using var request = new HttpRequestMessage(new HttpMethod(monitor.Method), monitor.Url);
            var client = _clients[(monitor.FollowRedirects, monitor.IgnoreCertificateErrors)];
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout);
            bool? keywordFound = null;
            if (monitor.Keyword is { } keyword)
            {
                keywordFound = (await ReadBodyAsync(response, timeout)).Contains(keyword, StringComparison.Ordinal);
            }
            return new HttpOutcome((int)response.StatusCode, stopwatch.Elapsed.TotalMilliseconds, keywordFound, null);
        }
        catch (Exception exception) when (!stopping.IsCancellationRequested && exception is HttpRequestException or OperationCanceledException or IOException)
        {
            return new HttpOutcome(null, stopwatch.Elapsed.TotalMilliseconds, null, Failure(exception, monitor));
        }
    }

    private static async Task<string> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var buffer = new char[MaxBodyCharacters];
        var read = 0;
        int count;
        while (read < buffer.Length && (count = await reader.ReadAsync(buffer.AsMemory(read), cancellationToken)) > 0)
        {
            read += count;
        }
        return new string(buffer, 0, read);
    }

    private static async Task<string?> ConnectAsync(MonitorDefinition monitor, CancellationToken timeout, CancellationToken stopping)
    {
        try
        {
            using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(monitor.Host!, monitor.Port!.Value, timeout);
            return null;
        }
        catch (Exception exception) when (!stopping.IsCancellationRequested && exception is SocketException or OperationCanceledException)
        {
            return Failure(exception, monitor);
        }
    }

    private static async Task<TlsOutcome> ReadCertificateAsync(MonitorDefinition monitor, CancellationToken timeout, CancellationToken stopping)
    {
        X509Certificate2? certificate = null;
        string? problem = null;
        try
        {
            using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(monitor.Host!, monitor.Port!.Value, timeout);
            await using var network = new NetworkStream(socket, ownsSocket: false);
            await using var tls = new SslStream(network, leaveInnerStreamOpen: false);
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = monitor.Host,
                // Accept whatever comes, to read it: the verdict, not the handshake, decides what a bad certificate means.
                RemoteCertificateValidationCallback = (_, remote, chain, errors) =>
                {
                    certificate = remote is null ? null : new X509Certificate2(remote);
                    problem = errors == SslPolicyErrors.None ? null : Describe(errors, chain);
                    return true;
                },
            }, timeout);
            using var read = certificate;
            return read is null
                ? new TlsOutcome(null, null, null, "the server sent no certificate")
                : new TlsOutcome(new DateTimeOffset(read.NotBefore.ToUniversalTime()), new DateTimeOffset(read.NotAfter.ToUniversalTime()), problem, null);
        }
        catch (Exception exception) when (!stopping.IsCancellationRequested && exception is SocketException or OperationCanceledException or IOException or System.Security.Authentication.AuthenticationException)
        {
            certificate?.Dispose();
            return new TlsOutcome(null, null, null, Failure(exception, monitor));
        }
    }

    private static string Describe(SslPolicyErrors errors, X509Chain? chain)
    {
        var statuses = chain?.ChainStatus.Select(status => status.Status.ToString()).Distinct().ToList() ?? [];
        return statuses.Count == 0 ? errors.ToString() : $"{errors} ({string.Join(", ", statuses)})";
    }

    private static string Failure(Exception exception, MonitorDefinition monitor) => exception switch
    {
        OperationCanceledException => $"no answer within {monitor.Timeout.TotalSeconds:0} s",
        HttpRequestException { InnerException: { } inner } http => $"{http.Message} {inner.Message}",
        _ => exception.Message,
    };

    private static HttpClient NewClient(bool followRedirects, bool ignoreCertificateErrors)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = followRedirects,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = System.Net.DecompressionMethods.All,
        };
        if (ignoreCertificateErrors)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        }
        var client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.UserAgent.ParseAdd("Vigil-Monitor/1.0");
        return client;
    }

    public void Dispose()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }
    }
}
