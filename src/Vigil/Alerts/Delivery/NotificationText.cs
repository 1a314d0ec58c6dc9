using System.Globalization;
using System.Text;
using Vigil.Core.Alerts;

namespace Vigil.Alerts.Delivery;

/// <summary>
/// The words every channel shares, so a Slack post, a mail and a text message about the same alerts say the same thing.
/// Times are UTC because one message may reach people in several time zones.
/// </summary>
internal static class NotificationText
{
    /// <summary>Text messages list this many alerts and count the rest, so a storm of alerts stays one short message.</summary>
    private const int ShortTextAlerts = 5;

    private const int HeadlineNames = 3;

    public static string Emoji(AlertNotice alert) => alert.State == NoticeState.Resolved ? "✅" : Emoji(alert.Severity);

    public static string Emoji(Severity severity) => severity switch
    {
        Severity.Critical => "🔴",
        Severity.Warning => "🟠",
        _ => "🔵",
    };

    /// <summary>The emoji of the whole message: the most severe alert still firing, or resolved when none is.</summary>
    public static string Emoji(NotificationMessage message) =>
        message.HighestFiringSeverity is { } severity ? Emoji(severity) : "✅";

    /// <summary>The colour of the whole message: red critical, amber warning, blue info, green when all resolved.</summary>
    public static string Color(NotificationMessage message) => message.HighestFiringSeverity switch
    {
        Severity.Critical => "#d93025",
        Severity.Warning => "#f29900",
        Severity.Info => "#1a73e8",
        _ => "#1e8e3e",
    };

    public static string Name(Severity severity) => severity switch
    {
        Severity.Critical => "critical",
        Severity.Warning => "warning",
        _ => "info",
    };

    public static string Name(NoticeState state) => state == NoticeState.Firing ? "firing" : "resolved";

    /// <summary><c>[FIRING:2] Service Down, Slow Response — Shop</c>; the subject of a mail and the first line elsewhere.</summary>
    public static string Headline(NotificationMessage message) =>
        $"{StatusTag(message)} {AlertNames(message)} — {message.ProjectName}";

    /// <summary><c>[FIRING:2]</c>, <c>[RESOLVED]</c>, or <c>[FIRING:1, RESOLVED:1]</c> when a group holds both.</summary>
    public static string StatusTag(NotificationMessage message) => $"[{Status(message)}]";

    /// <summary>The status without brackets, as the Alimtalk <c>#{status}</c> variable carries it.</summary>
    public static string Status(NotificationMessage message)
    {
        var firing = message.Alerts.Count(alert => alert.State == NoticeState.Firing);
        var resolved = message.Alerts.Count - firing;
        return (firing, resolved) switch
        {
            (0, 1) => "RESOLVED",
            (0, _) => $"RESOLVED:{resolved}",
            (_, 0) => $"FIRING:{firing}",
            _ => $"FIRING:{firing}, RESOLVED:{resolved}",
        };
    }

    /// <summary>Firing alerts first: they are what the reader has to act on.</summary>
    public static IEnumerable<AlertNotice> Ordered(NotificationMessage message) =>
        message.Alerts.OrderBy(alert => alert.State == NoticeState.Firing ? 0 : 1).ThenByDescending(alert => alert.Severity);

    public static string AlertNames(NotificationMessage message)
    {
        var names = Ordered(message).Select(alert => alert.RuleName).Distinct().ToList();
        var shown = string.Join(", ", names.Take(HeadlineNames));
        return names.Count > HeadlineNames ? $"{shown} +{names.Count - HeadlineNames} more" : shown;
    }

    /// <summary><c>p95_response_time &gt; 3s (value 3,420 ms)</c>, or the condition alone when the notice has no value.</summary>
    public static string ConditionWithValue(AlertNotice alert) =>
        alert.Value is { Length: > 0 } value ? $"{alert.Condition} (value {value})" : alert.Condition;

    /// <summary><c>firing since 2025-03-01 02:04 UTC (12 min ago)</c> or <c>resolved at … (2 min ago), after 16 min</c>.</summary>
    public static string Timing(AlertNotice alert, DateTimeOffset now) =>
        alert.State == NoticeState.Resolved && alert.ResolvedAt is { } resolvedAt
            ? $"resolved at {Utc(resolvedAt)} ({Ago(now - resolvedAt)}), after {Duration(resolvedAt - alert.Since)}"
            : $"firing since {Utc(alert.Since)} ({Ago(now - alert.Since)})";

    public static string Utc(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string Ago(TimeSpan elapsed) => elapsed < TimeSpan.FromMinutes(1) ? "just now" : $"{Duration(elapsed)} ago";

    /// <summary>Whole minutes, hours and days: alerts are evaluated every minute or so, seconds would be noise.</summary>
    public static string Duration(TimeSpan length)
    {
        if (length < TimeSpan.FromMinutes(1))
        {
            return "less than a minute";
        }
        if (length < TimeSpan.FromHours(1))
        {
            return $"{(int)length.TotalMinutes} min";
        }
        if (length < TimeSpan.FromDays(1))
        {
            return length.Minutes == 0 ? $"{(int)length.TotalHours} h" : $"{(int)length.TotalHours} h {length.Minutes} min";
        }
        return length.Hours == 0 ? $"{(int)length.TotalDays} d" : $"{(int)length.TotalDays} d {length.Hours} h";
    }

    /// <summary>Cuts <paramref name="text"/> to at most <paramref name="length"/> characters, ending in "…", never inside an emoji.</summary>
    public static string Truncate(string text, int length)
    {
        if (text.Length <= length)
        {
            return text;
        }
        var keep = length - 1;
        if (char.IsHighSurrogate(text[keep - 1]))
        {
            keep--;
        }
        return text[..keep] + "…";
    }

    /// <summary>The plain-text mail body: every alert in full, then the dashboard link.</summary>
    public static string PlainText(NotificationMessage message, DateTimeOffset now)
    {
        var text = new StringBuilder();
        text.Append(Emoji(message)).Append(' ').AppendLine(Headline(message)).AppendLine();
        foreach (var alert in Ordered(message))
        {
            text.Append(Emoji(alert)).Append(' ').Append(alert.RuleName)
                .Append(" — ").Append(Name(alert.Severity)).Append(", ").AppendLine(Name(alert.State));
            text.Append("   ").AppendLine(ConditionWithValue(alert));
            text.Append("   ").AppendLine(Timing(alert, now)).AppendLine();
        }
        text.Append("Dashboard: ").AppendLine(message.DashboardUrl.ToString());
        return text.ToString();
    }

    /// <summary>
    /// A text message: no emoji (Korean carriers send SMS in EUC-KR, and on GSM networks one emoji turns the whole
    /// message into UCS-2 with 70 characters a part), one line per alert, at most <see cref="ShortTextAlerts"/> alerts.
    /// </summary>
    public static string ShortText(NotificationMessage message, DateTimeOffset now)
    {
        var text = new StringBuilder();
        text.Append("[Vigil] ").Append(message.ProjectName).Append(": ").Append(Status(message)).Append('\n');
        var alerts = Ordered(message).ToList();
        foreach (var alert in alerts.Take(ShortTextAlerts))
        {
            text.Append(ShortLine(alert, now)).Append('\n');
        }
        if (alerts.Count > ShortTextAlerts)
        {
            text.Append('+').Append(alerts.Count - ShortTextAlerts).Append(" more\n");
        }
        text.Append(message.DashboardUrl);
        return text.ToString();
    }

    /// <summary><c>Slow Response (warning): p95_response_time &gt; 3s, 3,420 ms, for 12 min</c>.</summary>
    public static string ShortLine(AlertNotice alert, DateTimeOffset now)
    {
        if (alert.State == NoticeState.Resolved)
        {
            var after = alert.ResolvedAt is { } resolvedAt ? $" after {Duration(resolvedAt - alert.Since)}" : "";
            return $"- {alert.RuleName} resolved{after}";
        }
        var value = alert.Value is { Length: > 0 } ? $", {alert.Value}" : "";
        return $"- {alert.RuleName} ({Name(alert.Severity)}): {alert.Condition}{value}, for {Duration(now - alert.Since)}";
    }
}
