namespace Vigil.Core.Reports;

public enum ReportKind
{
    Daily,
    Weekly,
}

/// <summary>The language a project's reports are written in; <see cref="ReportLanguages"/> names them "en" and "ko".</summary>
public enum ReportLanguage
{
    English,
    Korean,
}

public static class ReportLanguages
{
    public static string Code(ReportLanguage language) => language == ReportLanguage.Korean ? "ko" : "en";

    public static bool TryParse(string? code, out ReportLanguage language)
    {
        (var known, language) = code switch
        {
            "en" => (true, ReportLanguage.English),
            "ko" => (true, ReportLanguage.Korean),
            _ => (false, ReportLanguage.English),
        };
        return known;
    }
}

/// <summary>What a report is about: one project over the local dates [<see cref="From"/>, <see cref="To"/>] (one day, or a Monday-to-Sunday week).</summary>
/// <param name="Zone">The project's time zone: the times of notable events are written in it.</param>
public sealed record ReportHeader(long ProjectId, string ProjectName, DateOnly From, DateOnly To, TimeZoneInfo Zone, Uri DashboardUrl);

public enum HeadlineMetricName
{
    Visitors,
    Signups,
    AppsCreated,
    Orders,
}

/// <summary>A count and the same count over the period before (the day before, or the week before).</summary>
public sealed record HeadlineMetric(HeadlineMetricName Name, long Value, long Previous);

public enum PerformanceMetricName
{
    ErrorRate,
    AverageResponseTime,
    Uptime,
}

/// <summary>One performance number against the project's target; <see cref="Value"/> is null without requests or checks.</summary>
public sealed record PerformanceLine(PerformanceMetricName Name, double? Value, double Target)
{
    /// <summary>Uptime must stay at or above its target; error rate and response time at or below theirs.</summary>
    public bool? MeetsTarget => Value is not { } value ? null : Name == PerformanceMetricName.Uptime ? value >= Target : value <= Target;
}

public sealed record PlanShare(string Plan, long Signups, double SharePercent);

public enum NotableEventKind
{
    TrafficSpike,
    Incident,

    /// <summary>An incident still down at the end of the period.</summary>
    IncidentOngoing,
    AlertFired,
    AlertResolved,
}

/// <param name="Subject">What happened to: a monitor's or an alert's name; for a spike, empty.</param>
/// <param name="Value">A spike's page views in the hour; a finished incident's length in minutes.</param>
/// <param name="Usual">A spike's baseline (the mean of the same hour over the week before).</param>
public sealed record NotableEvent(DateTimeOffset At, NotableEventKind Kind, string Subject, long Value = 0, long Usual = 0);

/// <summary>How the day's feedback split, and what people complained about most.</summary>
public sealed record FeedbackSplit(long Positive, long Neutral, long Negative, string? TopComplaint);

/// <param name="TopNegativeTheme">The theme most negative feedback shared, when a feedback source knows it.</param>
public sealed record ActionItems(IReadOnlyList<string> OpenAlerts, IReadOnlyList<string> Regressions, string? TopNegativeTheme)
{
    public bool IsEmpty => OpenAlerts.Count == 0 && Regressions.Count == 0 && TopNegativeTheme is null;
}

/// <summary>One goal of the period: what was aimed for and what came in.</summary>
public sealed record GoalRow(string Name, double Target, double Actual)
{
    public double? AchievementPercent => Target == 0 ? null : 100.0 * Actual / Target;
}

public sealed record TopIssue(string Title, long Occurrences, long Users, bool Regressed);

public sealed record FeedbackMention(string Text, long Mentions);

/// <param name="Outcome">The result in words, e.g. "B wins: +8.2% conversion".</param>
public sealed record ExperimentResult(string Name, string Outcome);

/// <summary>
/// A daily report. Sections whose source is not wired in (<see cref="Feedback"/>) are null and left out of the text.
/// </summary>
public sealed record DailyReport(
    ReportHeader Header,
    IReadOnlyList<HeadlineMetric> Metrics,
    IReadOnlyList<PerformanceLine> Performance,
    IReadOnlyList<PlanShare> Plans,
    IReadOnlyList<NotableEvent> Events,
    FeedbackSplit? Feedback,
    ActionItems Actions);

/// <summary>
/// A weekly review. Null sections have no source (a host without the goals, feedback or experiments feature); an empty
/// <see cref="Experiments"/> list means a source that says none reached a result.
/// </summary>
public sealed record WeeklyReport(
    ReportHeader Header,
    IReadOnlyList<HeadlineMetric> Totals,
    IReadOnlyList<GoalRow>? Goals,
    IReadOnlyList<TopIssue> TopIssues,
    IReadOnlyList<FeedbackMention>? TopFeedback,
    IReadOnlyList<ExperimentResult>? Experiments);
