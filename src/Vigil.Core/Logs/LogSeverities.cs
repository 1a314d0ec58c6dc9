namespace Vigil.Core.Logs;

/// <summary>
/// Levels from OpenTelemetry severity numbers (data model: 1–4 TRACE, 5–8 DEBUG, 9–12 INFO, 13–16 WARN, 17–20 ERROR,
/// 21–24 FATAL) and from the names loggers give them.
/// </summary>
public static class LogSeverities
{
    public static readonly IReadOnlyList<string> Names = ["trace", "debug", "info", "warn", "error", "fatal"];

    /// <summary>The level of a number in 1–24; null for 0 (unspecified) and anything outside.</summary>
    public static LogSeverity? FromNumber(int number) =>
        number is >= 1 and <= LogLimits.MaxSeverityNumber ? (LogSeverity)((number - 1) / 4 + 1) : null;

    /// <summary>
    /// The level a logger's own name for it means (case-insensitive): the six names, and the usual others of .NET,
    /// syslog, Python and log4j (information, notice, warning, err, critical, crit, alert, emerg, panic…); null otherwise.
    /// </summary>
    public static LogSeverity? FromText(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "trace" or "trce" or "verbose" or "finest" or "finer" => LogSeverity.Trace,
        "debug" or "dbug" or "fine" => LogSeverity.Debug,
        "info" or "information" or "informational" or "notice" => LogSeverity.Info,
        "warn" or "warning" => LogSeverity.Warn,
        "error" or "err" or "fail" or "severe" => LogSeverity.Error,
        "fatal" or "critical" or "crit" or "alert" or "emerg" or "emergency" or "panic" => LogSeverity.Fatal,
        _ => null,
    };

    /// <summary>The first severity number of a level (INFO is 9), for lines that came with a name only.</summary>
    public static int BaseNumber(LogSeverity level) => ((int)level - 1) * 4 + 1;

    public static string Name(LogSeverity level) => Names[(int)level - 1];

    /// <summary>The level of a record: by its number when it has one, else by its text, else INFO.</summary>
    public static LogSeverity Of(int number, string? text) => FromNumber(number) ?? FromText(text) ?? LogSeverity.Info;
}
