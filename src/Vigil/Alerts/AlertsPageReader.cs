using Vigil.Core.Alerts;
using Vigil.Core.Projects;
using Vigil.Core.Storage;

namespace Vigil.Alerts;

/// <summary>One rule of the file in force, with where it stands at the last evaluation (null before the first).</summary>
public sealed record AlertRuleRow(string Name, Severity Severity, string Condition, TimeSpan Duration, AlertSnapshot? Snapshot);

/// <summary>A transition with the states on either side; the store keeps only the transition, the states follow from it.</summary>
public sealed record AlertHistoryRow(AlertHistoryEntry Entry, AlertStatus From, AlertStatus To);

/// <summary>Everything the alerts page shows, read at one moment.</summary>
public sealed record AlertsPageModel(
    DateTimeOffset Now,
    AlertOverview Overview,
    StoredRuleFile? RuleFile,
    RefusedRuleFile? RefusedFile,
    IReadOnlyList<AlertRuleRow> Rules,
    IReadOnlyList<AlertHistoryRow> History,
    IReadOnlyList<string> HistoryRuleNames,
    IReadOnlyList<Silence> Silences,
    IReadOnlyList<MaintenanceWindow> MaintenanceWindows,
    IReadOnlyList<OutboxNotification> Pending,
    IReadOnlyList<OutboxNotification> Sent,
    IReadOnlyList<OutboxNotification> Dead);

internal sealed class AlertsPageReader(IAlertStore store, AlertOverviewReader overviews, AlertRuleFiles ruleFiles, TimeProvider time)
{
    private const int HistoryLimit = 100;
    private const int SentLimit = 20;
    private const int OutboxLimit = 200;

    public async Task<AlertsPageModel> ReadAsync(Project project, string? ruleFilter, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var overview = await overviews.ReadAsync(project, cancellationToken);
        var file = await ruleFiles.FindAsync(project.Id, cancellationToken);
        var rules = Rows(file, overview.Rules);
        var filter = string.IsNullOrWhiteSpace(ruleFilter) ? null : ruleFilter.Trim();
        var history = await store.ListHistoryAsync(project.Id, filter, HistoryLimit, cancellationToken);
        var silences = (await store.ListSilencesAsync(project.Id, cancellationToken))
            .Where(silence => silence.EndsAt > now)
            .OrderBy(silence => silence.StartsAt)
            .ToList();
        var windows = (await store.ListMaintenanceWindowsAsync(project.Id, cancellationToken))
            .Where(window => window.EndsAt > now)
            .OrderBy(window => window.StartsAt)
            .ToList();
        var pending = await store.ListNotificationsAsync(project.Id, NotificationStatus.Pending, OutboxLimit, cancellationToken);
        var sent = await store.ListNotificationsAsync(project.Id, NotificationStatus.Sent, SentLimit, cancellationToken);
        var dead = await store.ListNotificationsAsync(project.Id, NotificationStatus.Dead, OutboxLimit, cancellationToken);
        var ruleNames = rules.Select(rule => rule.Name)
            .Concat(overview.Rules.Select(rule => rule.RuleName))
            .Append(filter)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.CurrentCulture)
            .ToList();
        return new AlertsPageModel(
            now, overview, file, ruleFiles.RefusedFor(project.Id), rules, States(history, rules), ruleNames, silences, windows, pending, sent, dead);
    }

    private static List<AlertRuleRow> Rows(StoredRuleFile? file, IReadOnlyList<AlertSnapshot> snapshots)
    {
        if (file is null || RuleFileParser.Parse(file.Yaml).RuleSet is not { } ruleSet)
        {
            return [];
        }
        return ruleSet.Alerts
            .Select(rule => new AlertRuleRow(rule.Name, rule.Severity, rule.ConditionText, rule.Duration, snapshots.FirstOrDefault(snapshot => snapshot.RuleName == rule.Name)))
            .ToList();
    }

    /// <summary>
    /// Entries come newest first. A firing alert came from pending or, for a rule without <c>duration</c>, straight from
    /// inactive: the rule's previous transition says which, or, when that is past the list, the rule's duration.
    /// </summary>
    internal static IReadOnlyList<AlertHistoryRow> States(IReadOnlyList<AlertHistoryEntry> history, IReadOnlyList<AlertRuleRow> rules)
    {
        var rows = new List<AlertHistoryRow>(history.Count);
        for (var index = 0; index < history.Count; index++)
        {
            var entry = history[index];
            var from = entry.Transition switch
            {
                AlertTransition.Pending => AlertStatus.Inactive,
                AlertTransition.Resolved => AlertStatus.Firing,
                AlertTransition.Cancelled => AlertStatus.Pending,
                _ => Earlier(index) is { } earlier
                    ? After(earlier.Transition)
                    : rules.FirstOrDefault(rule => rule.Name == entry.RuleName)?.Duration == TimeSpan.Zero ? AlertStatus.Inactive : AlertStatus.Pending,
            };
            rows.Add(new AlertHistoryRow(entry, from, After(entry.Transition)));
        }
        return rows;

        AlertHistoryEntry? Earlier(int index) =>
            history.Skip(index + 1).FirstOrDefault(entry => entry.RuleName == history[index].RuleName);
    }

    private static AlertStatus After(AlertTransition transition) => transition switch
    {
        AlertTransition.Pending => AlertStatus.Pending,
        AlertTransition.Firing => AlertStatus.Firing,
        _ => AlertStatus.Inactive,
    };
}
