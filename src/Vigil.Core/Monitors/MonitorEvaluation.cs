using System.Globalization;

namespace Vigil.Core.Monitors;

/// <summary>What an HTTP check saw: a status (null when no answer came), and whether the body held the keyword.</summary>
/// <param name="Error">Why no answer came (refused, timed out, TLS failure); null when one did.</param>
/// <param name="KeywordFound">Null when the monitor has no keyword or the body was not read.</param>
public sealed record HttpOutcome(int? Status, double DurationMs, bool? KeywordFound, string? Error);

/// <summary>What a TLS check saw: the certificate's validity and what, if anything, failed validation.</summary>
/// <param name="CertificateProblem">Chain or name errors (e.g. <c>RemoteCertificateChainErrors</c>); null when it validated.</param>
/// <param name="Error">Why no certificate was read (refused, timed out, handshake failed); then the dates are null.</param>
public sealed record TlsOutcome(DateTimeOffset? NotBefore, DateTimeOffset? NotAfter, string? CertificateProblem, string? Error);

/// <summary>Pure: from what a check saw to up, down or warning, with the reason.</summary>
public static class MonitorEvaluation
{
    public static MonitorVerdict Http(MonitorDefinition monitor, HttpOutcome outcome)
    {
        if (outcome.Status is not { } status)
        {
            return MonitorVerdict.Down(outcome.Error ?? "no answer");
        }
        if (!monitor.ExpectedStatus.Contains(status))
        {
            return MonitorVerdict.Down(Invariant($"status {status}, expected {monitor.ExpectedStatus}"));
        }
        if (monitor.Keyword is { } keyword && outcome.KeywordFound != true)
        {
            return MonitorVerdict.Down($"the body does not contain \"{keyword}\"");
        }
        if (monitor.MaxLatencyMs is { } maxLatency && outcome.DurationMs > maxLatency)
        {
            return MonitorVerdict.Down(Invariant($"answered in {outcome.DurationMs:0} ms, more than {maxLatency:0} ms"));
        }
        return MonitorVerdict.Up;
    }

    public static MonitorVerdict Tcp(string? error) => error is null ? MonitorVerdict.Up : MonitorVerdict.Down(error);

    /// <summary>Whole days from now until the certificate expires, rounded down; negative once it has expired.</summary>
    public static int DaysLeft(DateTimeOffset notAfter, DateTimeOffset now) => (int)Math.Floor((notAfter - now).TotalDays);

    public static MonitorVerdict Tls(MonitorDefinition monitor, TlsOutcome outcome, DateTimeOffset now)
    {
        if (outcome.NotAfter is not { } notAfter)
        {
            return MonitorVerdict.Down(outcome.Error ?? "no certificate");
        }
        if (notAfter <= now)
        {
            return MonitorVerdict.Down(Invariant($"the certificate expired on {notAfter:yyyy-MM-dd HH:mm} UTC"));
        }
        if (outcome.NotBefore is { } notBefore && notBefore > now)
        {
            return MonitorVerdict.Down(Invariant($"the certificate is not valid before {notBefore:yyyy-MM-dd HH:mm} UTC"));
        }
        if (outcome.CertificateProblem is { } problem && !monitor.IgnoreCertificateErrors)
        {
            return MonitorVerdict.Down($"the certificate is not valid: {problem}");
        }
        var daysLeft = DaysLeft(notAfter, now);
        return daysLeft < monitor.WarnDays
            ? new MonitorVerdict(MonitorState.Warning, Invariant($"the certificate expires in {daysLeft} days ({notAfter:yyyy-MM-dd})"))
            : MonitorVerdict.Up;
    }

    /// <summary>
    /// Down when the last ping reported failure, or when no ping came for period + grace (counted from the monitor's
    /// creation before the first ping). Null while a new monitor still waits for its first ping within that time.
    /// </summary>
    public static MonitorVerdict? Heartbeat(MonitorDefinition monitor, DateTimeOffset now)
    {
        var allowed = (monitor.Period ?? MonitorDefaults.Period) + (monitor.Grace ?? MonitorDefaults.Grace);
        if (monitor.LastPingAt is not { } lastPing)
        {
            return now - monitor.CreatedAt > allowed
                ? MonitorVerdict.Down(Invariant($"no ping since the monitor was created, {Elapsed(now - monitor.CreatedAt)} ago"))
                : null;
        }
        if (monitor.LastPingFailed)
        {
            return MonitorVerdict.Down(Invariant($"the last ping, {Elapsed(now - lastPing)} ago, reported a failure"));
        }
        return now - lastPing > allowed
            ? MonitorVerdict.Down(Invariant($"no ping for {Elapsed(now - lastPing)} (period {MonitorValidation.FormatSeconds(monitor.Period ?? MonitorDefaults.Period)} + grace {MonitorValidation.FormatSeconds(monitor.Grace ?? MonitorDefaults.Grace)})"))
            : MonitorVerdict.Up;
    }

    private static string Elapsed(TimeSpan span) => span.TotalSeconds switch
    {
        >= 86_400 => Invariant($"{span.TotalDays:0.#} d"),
        >= 3_600 => Invariant($"{span.TotalHours:0.#} h"),
        >= 60 => Invariant($"{span.TotalMinutes:0.#} min"),
        _ => Invariant($"{span.TotalSeconds:0} s"),
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
