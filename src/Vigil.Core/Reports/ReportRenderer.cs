using System.Text;

namespace Vigil.Core.Reports;

public enum ReportFormat
{
    /// <summary>Slack mrkdwn: <c>*bold*</c> headings, • bullets, <c>&lt;url|label&gt;</c> links.</summary>
    Slack,

    /// <summary>Plain text for e-mail, the terminal and the archive.</summary>
    PlainText,
}

/// <summary>
/// Writes reports as text. A section without data is left out rather than shown empty, except where "nothing" is news
/// (no notable events, no action items, no errors this week, no experiment with a result).
/// </summary>
public static class ReportRenderer
{
    public static string Subject(DailyReport report, ReportLanguage language)
    {
        var text = ReportText.For(language);
        return $"{text.DailyTitle} — {report.Header.ProjectName} — {text.Date(report.Header.From)}";
    }

    public static string Subject(WeeklyReport report, ReportLanguage language)
    {
        var text = ReportText.For(language);
        return $"{text.WeeklyTitle} — {report.Header.ProjectName} — {text.Date(report.Header.From)} – {text.Date(report.Header.To)}";
    }

    public static string Render(DailyReport report, ReportLanguage language, ReportFormat format)
    {
        var text = ReportText.For(language);
        var writer = new Writer(format);
        writer.Title(Subject(report, language));
        WriteMetrics(writer, text, text.Metrics, report.Metrics);

        writer.Heading(text.Performance);
        foreach (var line in report.Performance)
        {
            writer.Bullet($"{text.Name(line.Name)}: {PerformanceValue(line, text)}");
        }

        if (report.Plans.Count > 0)
        {
            writer.Heading(text.Plans);
            foreach (var plan in report.Plans)
            {
                writer.Bullet($"{writer.Escape(plan.Plan)}: {ReportNumbers.Count(plan.Signups)} ({ReportNumbers.Share(plan.SharePercent)})");
            }
        }

        writer.Heading(text.Events);
        if (report.Events.Count == 0)
        {
            writer.Bullet(text.NoEvents);
        }
        foreach (var notable in report.Events)
        {
            var at = TimeZoneInfo.ConvertTime(notable.At, report.Header.Zone).ToString("HH:mm", text.Culture);
            writer.Bullet($"{at} {EventText(notable, text, writer)}");
        }

        if (report.Feedback is { } feedback)
        {
            writer.Heading(text.Feedback);
            writer.Bullet($"👍 {text.Positive} {ReportNumbers.Count(feedback.Positive)} · 😐 {text.Neutral} {ReportNumbers.Count(feedback.Neutral)} · 👎 {text.Negative} {ReportNumbers.Count(feedback.Negative)}");
            if (feedback.TopComplaint is { } complaint)
            {
                writer.Bullet($"{text.TopComplaint}: {writer.Escape(complaint)}");
            }
        }

        writer.Heading(text.Actions);
        if (report.Actions.IsEmpty)
        {
            writer.Bullet(text.NoActions);
        }
        foreach (var alert in report.Actions.OpenAlerts)
        {
            writer.Bullet($"{text.OpenAlert}: {writer.Escape(alert)}");
        }
        foreach (var regression in report.Actions.Regressions)
        {
            writer.Bullet($"{text.Regression}: {writer.Escape(regression)}");
        }
        if (report.Actions.TopNegativeTheme is { } theme)
        {
            writer.Bullet($"{text.NegativeTheme}: {writer.Escape(theme)}");
        }

        writer.Link(text.Dashboard, report.Header.DashboardUrl);
        return writer.ToString();
    }

    public static string Render(WeeklyReport report, ReportLanguage language, ReportFormat format)
    {
        var text = ReportText.For(language);
        var writer = new Writer(format);
        writer.Title(Subject(report, language));
        WriteMetrics(writer, text, text.WeeklyTotals, report.Totals);

        if (report.Goals is { Count: > 0 } goals)
        {
            writer.Heading(text.Goals);
            foreach (var goal in goals)
            {
                var achievement = goal.AchievementPercent is { } percent
                    ? $" · {text.Achievement} {ReportNumbers.Share(percent)} {(percent >= 100 ? "✅" : "⚠️")}"
                    : "";
                writer.Bullet($"{writer.Escape(goal.Name)}: {text.Goal} {ReportNumbers.Number(goal.Target)} · {text.Actual} {ReportNumbers.Number(goal.Actual)}{achievement}");
            }
        }

        writer.Heading(text.TopIssues);
        if (report.TopIssues.Count == 0)
        {
            writer.Bullet(text.NoIssues);
        }
        foreach (var issue in report.TopIssues)
        {
            var regressed = issue.Regressed ? $" · {text.Regressed}" : "";
            writer.Bullet($"{writer.Escape(issue.Title)}: {ReportNumbers.Count(issue.Occurrences)}{Unit(text.Occurrences(issue.Occurrences), language)} · {ReportNumbers.Count(issue.Users)}{Unit(text.Users(issue.Users), language)}{regressed}");
        }

        if (report.TopFeedback is { Count: > 0 } feedback)
        {
            writer.Heading(text.TopFeedback);
            foreach (var item in feedback)
            {
                writer.Bullet($"{writer.Escape(item.Text)} ({ReportNumbers.Count(item.Mentions)}{Unit(text.Mentions(item.Mentions), language)})");
            }
        }

        if (report.Experiments is { } experiments)
        {
            writer.Heading(text.Experiments);
            if (experiments.Count == 0)
            {
                writer.Bullet(text.NoExperiments);
            }
            foreach (var experiment in experiments)
            {
                writer.Bullet($"{writer.Escape(experiment.Name)}: {writer.Escape(experiment.Outcome)}");
            }
        }

        writer.Link(text.Dashboard, report.Header.DashboardUrl);
        return writer.ToString();
    }

    private static void WriteMetrics(Writer writer, ReportText text, string heading, IReadOnlyList<HeadlineMetric> metrics)
    {
        writer.Heading(heading);
        foreach (var metric in metrics)
        {
            writer.Bullet($"{text.Name(metric.Name)}: {ReportNumbers.Count(metric.Value)} ({ReportNumbers.Change(metric.Value, metric.Previous, text.New)})");
        }
    }

    /// <summary>Korean counters attach to the number ("12회 발생"); English units follow a space ("12 occurrences").</summary>
    private static string Unit(string unit, ReportLanguage language) => language == ReportLanguage.Korean ? unit : " " + unit;

    private static string PerformanceValue(PerformanceLine line, ReportText text)
    {
        if (line.Value is not { } value)
        {
            return text.NoData;
        }
        var (shown, target) = line.Name switch
        {
            PerformanceMetricName.ErrorRate => (ReportNumbers.Percent(value), "≤ " + ReportNumbers.Percent(line.Target)),
            PerformanceMetricName.AverageResponseTime => (ReportNumbers.Milliseconds(value), "≤ " + ReportNumbers.Milliseconds(line.Target)),
            _ => (ReportNumbers.Percent(value, 3), "≥ " + ReportNumbers.Percent(line.Target, 3)),
        };
        return $"{shown} {(line.MeetsTarget == true ? "✅" : "⚠️")} ({text.Target} {target})";
    }

    private static string EventText(NotableEvent notable, ReportText text, Writer writer) => notable.Kind switch
    {
        NotableEventKind.TrafficSpike => text.Spike(ReportNumbers.Count(notable.Value), ReportNumbers.Count(notable.Usual)),
        NotableEventKind.IncidentOngoing => text.IncidentOngoing(writer.Escape(notable.Subject)),
        NotableEventKind.Incident => text.Incident(writer.Escape(notable.Subject), ReportNumbers.Count(notable.Value)),
        NotableEventKind.AlertFired => text.AlertFired(writer.Escape(notable.Subject)),
        _ => text.AlertResolved(writer.Escape(notable.Subject)),
    };

    private sealed class Writer(ReportFormat format)
    {
        private readonly StringBuilder _text = new();

        public void Title(string title) => _text.Append(format == ReportFormat.Slack ? $"*{Escape(title)}*" : title).Append('\n');

        public void Heading(string heading) => _text.Append('\n').Append(format == ReportFormat.Slack ? $"*{heading}*" : heading).Append('\n');

        public void Bullet(string line) => _text.Append(format == ReportFormat.Slack ? "• " : "- ").Append(line).Append('\n');

        public void Link(string label, Uri url) => _text.Append('\n')
            .Append(format == ReportFormat.Slack ? $"<{url}|{label}>" : $"{label}: {url}").Append('\n');

        /// <summary>Slack reads &amp;, &lt; and &gt; as control characters (links, mentions); names from users escape them.</summary>
        public string Escape(string value) =>
            format == ReportFormat.Slack ? value.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;") : value;

        public override string ToString() => _text.ToString();
    }
}
