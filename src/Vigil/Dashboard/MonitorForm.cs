using System.Globalization;
using Vigil.Core.Monitors;

namespace Vigil.Dashboard;

/// <summary>The monitor form's fields as typed: text, turned into a <see cref="MonitorInput"/> (numbers checked) on submit.</summary>
public sealed class MonitorForm
{
    public string? Name { get; set; }
    public string Kind { get; set; } = "http";
    public string? IntervalSeconds { get; set; } = "60";
    public string? TimeoutSeconds { get; set; } = "10";
    public string? Url { get; set; }
    public string? Method { get; set; } = "GET";
    public string? ExpectedStatus { get; set; } = "200-399";
    public string? Keyword { get; set; }
    public string? MaxLatencyMs { get; set; }
    public bool FollowRedirects { get; set; } = true;
    public bool IgnoreCertificateErrors { get; set; }
    public string? Host { get; set; }
    public string? Port { get; set; }
    public string? WarnDays { get; set; } = "14";
    public string? PeriodSeconds { get; set; } = "86400";
    public string? GraceSeconds { get; set; } = "3600";

    public static MonitorForm From(MonitorInput input) => new()
    {
        Name = input.Name,
        Kind = input.Kind ?? "http",
        IntervalSeconds = Text(input.IntervalSeconds),
        TimeoutSeconds = Text(input.TimeoutSeconds),
        Url = input.Url,
        Method = input.Method ?? "GET",
        ExpectedStatus = input.ExpectedStatus ?? "200-399",
        Keyword = input.Keyword,
        MaxLatencyMs = input.MaxLatencyMs?.ToString(CultureInfo.InvariantCulture),
        FollowRedirects = input.FollowRedirects ?? true,
        IgnoreCertificateErrors = input.IgnoreCertificateErrors ?? false,
        Host = input.Host,
        Port = Text(input.Port),
        WarnDays = Text(input.WarnDays) ?? "14",
        PeriodSeconds = Text(input.PeriodSeconds) ?? "86400",
        GraceSeconds = Text(input.GraceSeconds) ?? "3600",
    };

    /// <summary>Empty number fields take the monitor's default; text that is no number is an error of its field.</summary>
    public MonitorInput ToInput(Dictionary<string, string> errors)
    {
        var kind = Kind.Trim().ToLowerInvariant();
        int? Whole(string? text, string field, bool used = true)
        {
            if (!used || string.IsNullOrWhiteSpace(text))
            {
                return null;
            }
            if (int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }
            errors[field] = "enter a whole number.";
            return null;
        }
        double? maxLatency = null;
        if (kind == "http" && !string.IsNullOrWhiteSpace(MaxLatencyMs))
        {
            if (double.TryParse(MaxLatencyMs.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
            {
                maxLatency = parsed;
            }
            else
            {
                errors["maxLatencyMs"] = "enter a number of milliseconds.";
            }
        }
        return new MonitorInput
        {
            Name = Name,
            Kind = kind,
            IntervalSeconds = Whole(IntervalSeconds, "intervalSeconds"),
            TimeoutSeconds = Whole(TimeoutSeconds, "timeoutSeconds"),
            Url = kind == "http" ? Url : null,
            Method = kind == "http" ? Method : null,
            ExpectedStatus = kind == "http" ? ExpectedStatus : null,
            Keyword = kind == "http" ? Keyword : null,
            MaxLatencyMs = maxLatency,
            FollowRedirects = FollowRedirects,
            IgnoreCertificateErrors = IgnoreCertificateErrors,
            Host = kind is "tcp" or "tls" ? Host : null,
            Port = Whole(Port, "port", used: kind is "tcp" or "tls"),
            WarnDays = Whole(WarnDays, "warnDays", used: kind == "tls"),
            PeriodSeconds = Whole(PeriodSeconds, "periodSeconds", used: kind == "heartbeat"),
            GraceSeconds = Whole(GraceSeconds, "graceSeconds", used: kind == "heartbeat"),
        };
    }

    private static string? Text(int? value) => value?.ToString(CultureInfo.InvariantCulture);
}
