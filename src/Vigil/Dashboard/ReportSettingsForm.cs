using Vigil.Core.Alerts;
using Vigil.Core.Reports;
using Vigil.Core.Storage;
using Vigil.Reports;

namespace Vigil.Dashboard;

/// <summary>
/// The Reports page's settings form as typed: each report switched on or off beside its cron text, which stays in the
/// form while the report is off, and the recipients one a line per kind.
/// </summary>
internal sealed class ReportSettingsForm
{
    public bool DailyOn { get; set; }
    public string? DailySchedule { get; set; }
    public bool WeeklyOn { get; set; }
    public string? WeeklySchedule { get; set; }
    public string? Language { get; set; }
    public string? Slack { get; set; }
    public string? Email { get; set; }
    public string? Webhook { get; set; }

    public static ReportSettingsForm From(ReportSettings settings) => new()
    {
        DailyOn = settings.DailySchedule is not null,
        DailySchedule = settings.DailySchedule ?? ReportSettings.DefaultDailySchedule,
        WeeklyOn = settings.WeeklySchedule is not null,
        WeeklySchedule = settings.WeeklySchedule ?? ReportSettings.DefaultWeeklySchedule,
        Language = ReportLanguages.Code(settings.Language),
        Slack = Lines(settings, ChannelKind.Slack),
        Email = Lines(settings, ChannelKind.Email),
        Webhook = Lines(settings, ChannelKind.Webhook),
    };

    /// <summary>What the API would be sent for these settings: a report switched off has no schedule.</summary>
    public ReportEndpoints.SettingsBody ToBody() => new(
        DailyOn ? DailySchedule ?? "" : null,
        WeeklyOn ? WeeklySchedule ?? "" : null,
        Language,
        [.. Recipients(ChannelKind.Slack, Slack), .. Recipients(ChannelKind.Email, Email), .. Recipients(ChannelKind.Webhook, Webhook)]);

    private static string Lines(ReportSettings settings, ChannelKind kind) =>
        string.Join("\n", settings.Recipients.Where(recipient => recipient.Kind == kind).Select(recipient => recipient.Name));

    private static IEnumerable<ReportEndpoints.RecipientBody> Recipients(ChannelKind kind, string? lines) =>
        (lines ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(name => new ReportEndpoints.RecipientBody(ReportSettingsCommands.KindName(kind), name));
}
