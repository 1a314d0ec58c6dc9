using System.Globalization;
using Vigil.Core.Alerts;
using Vigil.Core.Ingest;
using Vigil.Core.Kpis;
using Vigil.Core.Projects;

namespace Vigil.Kpis;

/// <summary>A query parameter at fault and why, for a problem+json answer or a line on the page.</summary>
internal sealed record KpiProblem(string Field, string Detail);

/// <summary>The KPI query parameters, read alike by the API and the page.</summary>
internal static class KpiQuery
{
    public const int DefaultDays = 30;
    public const int MaxDays = 366;
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromDays(1);

    public static KpiProblem? ZoneProblem(Project project) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(project.TimeZoneId, out _) ? null
            : new("timeZone", $"The project's time zone '{project.TimeZoneId}' is unknown to this server, so its local days have no boundaries; set an IANA zone such as Asia/Seoul.");

    /// <summary>from and to are local dates (yyyy-MM-dd), both included; to defaults to today and from to <paramref name="defaultDays"/> days ending on to.</summary>
    public static (DayRange? Range, KpiProblem? Problem) Days(string? from, string? to, DateOnly today, int defaultDays = DefaultDays)
    {
        if (!TryDate(to, today, out var end))
        {
            return (null, new("to", $"'{to}' is not a date (yyyy-MM-dd)."));
        }
        if (!TryDate(from, end.AddDays(1 - defaultDays), out var start))
        {
            return (null, new("from", $"'{from}' is not a date (yyyy-MM-dd)."));
        }
        if (start > end)
        {
            return (null, new("from", $"from ({start:yyyy-MM-dd}) must not be after to ({end:yyyy-MM-dd})."));
        }
        var range = new DayRange(start, end);
        return range.Days > MaxDays ? (null, new("from", $"from..to spans {range.Days} days; at most {MaxDays} are served.")) : (range, null);
    }

    /// <summary>A breakdown property: any top-level property name without quotes, backslashes or control characters.</summary>
    public static KpiProblem? PropertyProblem(string field, string? name) =>
        name is null || (name.Length is > 0 and <= IngestLimits.MaxNameLength && !name.Any(character => character is '"' or '\\' || char.IsControl(character)))
            ? null
            : new(field, $"{field} must be a top-level property name of 1 to {IngestLimits.MaxNameLength} characters without quotes or backslashes.");

    public static (IReadOnlyList<string>? Steps, KpiProblem? Problem) Steps(string? steps)
    {
        var names = (steps ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (names.Length < Funnels.MinSteps || names.Length > Funnels.MaxSteps)
        {
            return (null, new("steps", $"steps must name {Funnels.MinSteps} to {Funnels.MaxSteps} events, separated by commas; got {names.Length}."));
        }
        return names.FirstOrDefault(name => name.Length > IngestLimits.MaxNameLength) is { } tooLong
            ? (null, new("steps", $"The step '{tooLong[..20]}…' is longer than {IngestLimits.MaxNameLength} characters."))
            : (names, null);
    }

    public static (TimeSpan Window, KpiProblem? Problem) Window(string? window)
    {
        if (window is null)
        {
            return (DefaultWindow, null);
        }
        return DurationText.TryParse(window, out var duration) && duration > TimeSpan.Zero && duration <= Funnels.MaxWindow
            ? (duration, null)
            : (default, new("window", $"window must be a duration such as 30m, 2h or 7d, more than 0 and at most {Funnels.MaxWindow.TotalDays:0}d."));
    }

    public static (int Months, KpiProblem? Problem) Months(string? months)
    {
        if (months is null)
        {
            return (Churn.DefaultMonths, null);
        }
        return int.TryParse(months, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count is >= 1 and <= Churn.MaxMonths
            ? (count, null)
            : (0, new("months", $"months must be a whole number from 1 to {Churn.MaxMonths}."));
    }

    public static KpiProblem? SettingsProblem(KpiSettings settings)
    {
        if (string.IsNullOrWhiteSpace(settings.PaidEvent) || settings.PaidEvent.Length > IngestLimits.MaxNameLength)
        {
            return new("paidEvent", $"paidEvent is required: the event name (at most {IngestLimits.MaxNameLength} characters) of a move to a paid plan.");
        }
        if (settings.FreePlanValue is { Length: > RollupSet.MaxBreakdownValueLength })
        {
            return new("freePlanValue", $"freePlanValue is at most {RollupSet.MaxBreakdownValueLength} characters.");
        }
        return PropertyProblem("planProperty", settings.PlanProperty);
    }

    private static bool TryDate(string? text, DateOnly fallback, out DateOnly date)
    {
        if (string.IsNullOrEmpty(text))
        {
            date = fallback;
            return true;
        }
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }
}
