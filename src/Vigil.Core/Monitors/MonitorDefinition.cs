namespace Vigil.Core.Monitors;

public enum MonitorKind
{
    /// <summary>Requests a URL and checks the status, optionally a keyword in the body and the response time.</summary>
    Http,

    /// <summary>Opens a TCP connection to a host and port.</summary>
    Tcp,

    /// <summary>Reads a host's TLS certificate: down when expired or invalid, a warning when it expires soon.</summary>
    Tls,

    /// <summary>Waits for pings from a job (a cron job calls its URL); down when none came for its period plus grace.</summary>
    Heartbeat,
}

/// <summary>
/// One monitor of a project. Fields that do not belong to its <see cref="Kind"/> are null (or their default).
/// <see cref="LastPingAt"/> and <see cref="LastPingFailed"/> are the heartbeat's state, kept beside its definition.
/// </summary>
public sealed record MonitorDefinition
{
    public long Id { get; init; }
    public long ProjectId { get; init; }
    public required string Name { get; init; }
    public MonitorKind Kind { get; init; }

    /// <summary>How often it is checked; for a heartbeat, how often its pings are looked at.</summary>
    public TimeSpan Interval { get; init; } = MonitorDefaults.Interval;

    public TimeSpan Timeout { get; init; } = MonitorDefaults.Timeout;

    public string? Url { get; init; }
    public string Method { get; init; } = "GET";
    public StatusRanges ExpectedStatus { get; init; } = StatusRanges.Default;

    /// <summary>Text the body must contain (ordinal, case-sensitive); null checks no body.</summary>
    public string? Keyword { get; init; }

    /// <summary>An answer slower than this is down even when its status is right.</summary>
    public double? MaxLatencyMs { get; init; }

    public bool FollowRedirects { get; init; } = true;

    /// <summary>Accept a certificate that does not validate (self-signed, wrong name); expiry still counts for TLS monitors.</summary>
    public bool IgnoreCertificateErrors { get; init; }

    public string? Host { get; init; }
    public int? Port { get; init; }
    public int WarnDays { get; init; } = MonitorDefaults.WarnDays;

    public TimeSpan? Period { get; init; }
    public TimeSpan? Grace { get; init; }

    /// <summary>The secret in a heartbeat's ping URL.</summary>
    public string? Token { get; init; }

    public DateTimeOffset? LastPingAt { get; init; }
    public bool LastPingFailed { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}

public static class MonitorDefaults
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    public const int WarnDays = 14;
    public const int TlsPort = 443;
    public static readonly TimeSpan Period = TimeSpan.FromDays(1);
    public static readonly TimeSpan Grace = TimeSpan.FromHours(1);

    /// <summary>The monitor a project's <c>healthUrl</c> setting keeps, with the health probe's former schedule and rule (2xx is up).</summary>
    public const string HealthMonitorName = "health";
}
