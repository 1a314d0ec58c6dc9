using System.Globalization;
using Vigil.Core.Monitors;

namespace Vigil.Dashboard;

/// <summary>How the monitors pages write a monitor's target and its numbers; "—" where there is no value.</summary>
internal static class MonitorText
{
    private const string NoValue = "—";

    public static string Target(MonitorInput settings) => settings.Kind switch
    {
        "http" => $"{settings.Method} {settings.Url}",
        "tcp" or "tls" => $"{settings.Kind}://{settings.Host}:{settings.Port}",
        _ => $"heartbeat · {MonitorValidation.FormatSeconds(TimeSpan.FromSeconds(settings.PeriodSeconds ?? 0))} + {MonitorValidation.FormatSeconds(TimeSpan.FromSeconds(settings.GraceSeconds ?? 0))}",
    };

    public static string Percent(double? value, CultureInfo culture) => value is { } percent ? percent.ToString("0.##", culture) + "%" : NoValue;

    public static string Milliseconds(double? value, CultureInfo culture) => value is { } ms ? ms.ToString("N0", culture) + " ms" : NoValue;

    public static string Duration(double seconds) => MonitorValidation.FormatSeconds(TimeSpan.FromSeconds(Math.Round(seconds)));
}
