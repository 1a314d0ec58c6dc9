using Vigil.Core.Alerts;
using Vigil.Core.Reports;
using Vigil.Core.Storage;

namespace Vigil.Reports;

/// <summary>A report setting refused before anything was stored: the field at fault, named as the API names it, and why.</summary>
public sealed record ReportSettingsProblem(string Field, string Reason);

/// <summary>
/// Saving a project's report settings. The API and the Reports page both go through here with the body
/// <c>PUT /api/projects/{id}/report-settings</c> takes, so they accept and refuse the same settings.
/// </summary>
internal sealed class ReportSettingsCommands(IReportStore store)
{
    /// <summary>
    /// Saves the settings when every field is valid, else stores nothing and answers one problem per field at fault, in
    /// the order dailySchedule, weeklySchedule, language, recipients. A null schedule turns that report off.
    /// </summary>
    public async Task<IReadOnlyList<ReportSettingsProblem>> SaveAsync(long projectId, ReportEndpoints.SettingsBody body, CancellationToken cancellationToken)
    {
        var problems = new List<ReportSettingsProblem>();
        foreach (var (field, schedule) in new[] { ("dailySchedule", body.DailySchedule), ("weeklySchedule", body.WeeklySchedule) })
        {
            if (schedule is not null && !CronSchedule.TryParse(schedule, out _, out var error))
            {
                problems.Add(new ReportSettingsProblem(field, error));
            }
        }
        if (!ReportLanguages.TryParse(body.Language, out var language))
        {
            problems.Add(new ReportSettingsProblem("language", "language must be \"en\" or \"ko\"."));
        }
        var (recipients, recipientProblem) = Recipients(body.Recipients ?? []);
        if (recipientProblem is not null)
        {
            problems.Add(recipientProblem);
        }
        if (problems.Count == 0)
        {
            await store.SaveReportSettingsAsync(
                new ReportSettings(projectId, NormalSchedule(body.DailySchedule), NormalSchedule(body.WeeklySchedule), language, recipients), cancellationToken);
        }
        return problems;
    }

    public static string KindName(ChannelKind kind) => kind.ToString().ToLowerInvariant();

    private static (List<NotifyTarget> Recipients, ReportSettingsProblem? Problem) Recipients(IEnumerable<ReportEndpoints.RecipientBody> bodies)
    {
        var recipients = new List<NotifyTarget>();
        foreach (var recipient in bodies)
        {
            ChannelKind? kind = recipient.Kind switch
            {
                "slack" => ChannelKind.Slack,
                "email" => ChannelKind.Email,
                "webhook" => ChannelKind.Webhook,
                _ => null,
            };
            if (kind is null)
            {
                return (recipients, new ReportSettingsProblem("recipients", $"a recipient's kind must be slack, email or webhook; '{recipient.Kind}' is not."));
            }
            if (string.IsNullOrWhiteSpace(recipient.Name))
            {
                return (recipients, new ReportSettingsProblem("recipients", "a recipient needs a name: a channel or contact of the rule file, or an address."));
            }
            recipients.Add(new NotifyTarget(kind.Value, recipient.Name));
        }
        return (recipients, null);
    }

    private static string? NormalSchedule(string? schedule) =>
        schedule is null ? null : CronSchedule.Parse(schedule).Text;
}
