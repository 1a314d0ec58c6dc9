using System.Globalization;

namespace Vigil.Core.Monitors;

/// <summary>A monitor as the API and the dashboard's form send it; durations are whole seconds.</summary>
public sealed record MonitorInput
{
    public string? Name { get; init; }
    public string? Kind { get; init; }
    public int? IntervalSeconds { get; init; }
    public int? TimeoutSeconds { get; init; }
    public string? Url { get; init; }
    public string? Method { get; init; }
    public string? ExpectedStatus { get; init; }
    public string? Keyword { get; init; }
    public double? MaxLatencyMs { get; init; }
    public bool? FollowRedirects { get; init; }
    public bool? IgnoreCertificateErrors { get; init; }
    public string? Host { get; init; }
    public int? Port { get; init; }
    public int? WarnDays { get; init; }
    public int? PeriodSeconds { get; init; }
    public int? GraceSeconds { get; init; }

    public static MonitorInput From(MonitorDefinition monitor) => new()
    {
        Name = monitor.Name,
        Kind = monitor.Kind.ToString().ToLowerInvariant(),
        IntervalSeconds = (int)monitor.Interval.TotalSeconds,
        TimeoutSeconds = (int)monitor.Timeout.TotalSeconds,
        Url = monitor.Url,
        Method = monitor.Kind == MonitorKind.Http ? monitor.Method : null,
        ExpectedStatus = monitor.Kind == MonitorKind.Http ? monitor.ExpectedStatus.ToString() : null,
        Keyword = monitor.Keyword,
        MaxLatencyMs = monitor.MaxLatencyMs,
        FollowRedirects = monitor.FollowRedirects,
        IgnoreCertificateErrors = monitor.IgnoreCertificateErrors,
        Host = monitor.Host,
        Port = monitor.Port,
        WarnDays = monitor.WarnDays,
        PeriodSeconds = monitor.Period is { } period ? (int)period.TotalSeconds : null,
        GraceSeconds = monitor.Grace is { } grace ? (int)grace.TotalSeconds : null,
    };
}

/// <summary>
/// The rules for a monitor's fields, shared by the API and the dashboard. Messages are English and name the field
/// (camelCase, as in the API); a valid input becomes a definition without id, project, token or creation time.
/// </summary>
public static class MonitorValidation
{
    public const int MaxNameLength = 100;
    public const int MaxKeywordLength = 500;
    private static readonly TimeSpan MaxInterval = TimeSpan.FromDays(1);
    private static readonly TimeSpan MaxTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan MaxPeriod = TimeSpan.FromDays(31);
    private static readonly TimeSpan MaxGrace = TimeSpan.FromDays(7);
    private static readonly string[] Methods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

    public static (MonitorDefinition? Monitor, Dictionary<string, string[]> Errors) Validate(MonitorInput input)
    {
        var errors = new Dictionary<string, string[]>();
        void Fail(string field, string message) => errors.TryAdd(field, [message]);

        var name = input.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength || name.Any(char.IsControl))
        {
            Fail("name", $"name is required, at most {MaxNameLength} characters.");
        }
        MonitorKind? kind = input.Kind?.Trim().ToLowerInvariant() switch
        {
            "http" => MonitorKind.Http,
            "tcp" => MonitorKind.Tcp,
            "tls" => MonitorKind.Tls,
            "heartbeat" => MonitorKind.Heartbeat,
            _ => null,
        };
        if (kind is null)
        {
            Fail("kind", "kind must be http, tcp, tls or heartbeat.");
        }
        var interval = input.IntervalSeconds is { } intervalSeconds ? TimeSpan.FromSeconds(intervalSeconds) : MonitorDefaults.Interval;
        if (interval < MonitorDefaults.MinimumInterval || interval > MaxInterval)
        {
            Fail("intervalSeconds", "intervalSeconds must be from 10 to 86,400.");
        }
        var timeout = input.TimeoutSeconds is { } timeoutSeconds ? TimeSpan.FromSeconds(timeoutSeconds) : MonitorDefaults.Timeout;
        if (timeout < TimeSpan.FromSeconds(1) || timeout > MaxTimeout)
        {
            Fail("timeoutSeconds", "timeoutSeconds must be from 1 to 60.");
        }
        else if (timeout > interval && !errors.ContainsKey("intervalSeconds"))
        {
            Fail("timeoutSeconds", "timeoutSeconds may not be longer than the interval.");
        }

        var monitor = new MonitorDefinition { Name = name ?? "", Kind = kind ?? MonitorKind.Http, Interval = interval, Timeout = timeout };
        switch (kind)
        {
            case MonitorKind.Http:
                monitor = ValidateHttp(input, monitor, Fail);
                break;
            case MonitorKind.Tcp:
                monitor = monitor with { Host = ValidateHost(input.Host, Fail), Port = ValidatePort(input.Port, required: true, Fail) };
                break;
            case MonitorKind.Tls:
                if (input.WarnDays is < 0 or > 365)
                {
                    Fail("warnDays", "warnDays must be from 0 to 365.");
                }
                monitor = monitor with
                {
                    Host = ValidateHost(input.Host, Fail),
                    Port = ValidatePort(input.Port ?? MonitorDefaults.TlsPort, required: true, Fail),
                    WarnDays = input.WarnDays ?? MonitorDefaults.WarnDays,
                    IgnoreCertificateErrors = input.IgnoreCertificateErrors ?? false,
                };
                break;
            case MonitorKind.Heartbeat:
                var period = input.PeriodSeconds is { } periodSeconds ? TimeSpan.FromSeconds(periodSeconds) : MonitorDefaults.Period;
                if (period < MonitorDefaults.MinimumInterval || period > MaxPeriod)
                {
                    Fail("periodSeconds", "periodSeconds must be from 10 to 2,678,400 (31 days).");
                }
                var grace = input.GraceSeconds is { } graceSeconds ? TimeSpan.FromSeconds(graceSeconds) : MonitorDefaults.Grace;
                if (grace < TimeSpan.Zero || grace > MaxGrace)
                {
                    Fail("graceSeconds", "graceSeconds must be from 0 to 604,800 (7 days).");
                }
                monitor = monitor with { Period = period, Grace = grace };
                break;
        }
        return (errors.Count == 0 ? monitor : null, errors);
    }

    private static MonitorDefinition ValidateHttp(MonitorInput input, MonitorDefinition monitor, Action<string, string> fail)
    {
        var url = input.Url?.Trim();
        if (!(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            fail("url", "url must be an absolute http or https URL.");
        }
        var method = string.IsNullOrWhiteSpace(input.Method) ? "GET" : input.Method.Trim().ToUpperInvariant();
        if (!Methods.Contains(method))
        {
            fail("method", $"method must be one of {string.Join(", ", Methods)}.");
        }
        var expected = StatusRanges.Default;
        if (!string.IsNullOrWhiteSpace(input.ExpectedStatus) && !StatusRanges.TryParse(input.ExpectedStatus, out expected, out var statusError))
        {
            fail("expectedStatus", $"expectedStatus: {statusError}.");
        }
        var keyword = string.IsNullOrEmpty(input.Keyword) ? null : input.Keyword;
        if (keyword is { Length: > MaxKeywordLength })
        {
            fail("keyword", $"keyword may be at most {MaxKeywordLength} characters.");
        }
        if (input.MaxLatencyMs is { } maxLatency && !(maxLatency > 0 && maxLatency <= 600_000))
        {
            fail("maxLatencyMs", "maxLatencyMs must be above 0 and at most 600,000.");
        }
        return monitor with
        {
            Url = url,
            Method = method,
            ExpectedStatus = expected,
            Keyword = keyword,
            MaxLatencyMs = input.MaxLatencyMs,
            FollowRedirects = input.FollowRedirects ?? true,
            IgnoreCertificateErrors = input.IgnoreCertificateErrors ?? false,
        };
    }

    private static string? ValidateHost(string? host, Action<string, string> fail)
    {
        var trimmed = host?.Trim();
        if (string.IsNullOrEmpty(trimmed) || Uri.CheckHostName(trimmed) == UriHostNameType.Unknown)
        {
            fail("host", "host must be a host name or an IP address, without scheme or port.");
        }
        return trimmed;
    }

    private static int? ValidatePort(int? port, bool required, Action<string, string> fail)
    {
        if ((required && port is null) || port is < 1 or > 65535)
        {
            fail("port", "port must be from 1 to 65535.");
        }
        return port;
    }

    /// <summary>"30 s", "5 min", "2 h", "1 d" for people; whole units only where they divide evenly.</summary>
    public static string FormatSeconds(TimeSpan span) => span.TotalSeconds switch
    {
        var seconds when seconds >= 86_400 && seconds % 86_400 == 0 => (seconds / 86_400).ToString(CultureInfo.InvariantCulture) + " d",
        var seconds when seconds >= 3_600 && seconds % 3_600 == 0 => (seconds / 3_600).ToString(CultureInfo.InvariantCulture) + " h",
        var seconds when seconds >= 60 && seconds % 60 == 0 => (seconds / 60).ToString(CultureInfo.InvariantCulture) + " min",
        var seconds => seconds.ToString("0", CultureInfo.InvariantCulture) + " s",
    };
}
