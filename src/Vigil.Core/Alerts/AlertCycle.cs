using Vigil.Core.Projects;

namespace Vigil.Core.Alerts;

/// <summary>Where a rule stands after an evaluation, as the alerts panel and the store see it.</summary>
/// <param name="Values">The values behind the condition, for people (<see cref="ConditionEvaluator.Describe"/>).</param>
public sealed record AlertSnapshot(
    long ProjectId,
    string RuleName,
    Severity Severity,
    string Condition,
    AlertState State,
    string Values,
    bool Silenced,
    DateTimeOffset EvaluatedAt);

public sealed record AlertHistoryEntry(long ProjectId, string RuleName, AlertTransition Transition, DateTimeOffset At, string Values);

public sealed record PlannedNotification(long ProjectId, Destination Destination, NotificationMessage Message);

public sealed record ProjectCycleResult(
    IReadOnlyList<AlertSnapshot> Snapshots,
    IReadOnlyList<AlertHistoryEntry> History,
    IReadOnlyList<PlannedNotification> Notifications);

/// <summary>
/// One evaluation of one project's rules over values read beforehand: steps every rule's state machine, records the
/// transitions, and decides which notifications go out now (REFERENCE.md "Alert rules", Alertmanager's grouping).
/// </summary>
public static class AlertCycle
{
    public static ProjectCycleResult Run(
        Project project,
        RuleSet rules,
        IReadOnlyDictionary<string, AlertState> states,
        Func<MetricQuery, double?> values,
        IReadOnlyList<Silence> silences,
        IReadOnlyList<MaintenanceWindow> maintenance,
        Uri dashboardUrl,
        DateTimeOffset now)
    {
        var route = rules.Route;
        var inMaintenance = maintenance.Any(window => window.IsActive(now));
        var steps = new List<RuleStep>(rules.Alerts.Count);
        var history = new List<AlertHistoryEntry>();
        foreach (var rule in rules.Alerts)
        {
            var before = states.GetValueOrDefault(rule.Name) ?? AlertState.Inactive;
            var condition = ConditionEvaluator.Evaluate(rule.Condition, values);
            var clear = rule.Clear is null ? Outcome.NoData : ConditionEvaluator.Evaluate(rule.Clear, values);
            var step = AlertStateMachine.Step(rule, before, condition, clear, now);
            var described = ConditionEvaluator.Describe(rule.Condition, values);
            if (step.Transition != AlertTransition.None)
            {
                history.Add(new AlertHistoryEntry(project.Id, rule.Name, step.Transition, now, described));
            }
            var silenced = inMaintenance || silences.Any(silence => silence.Silences(LabelsOf(rule), now));
            steps.Add(new RuleStep(rule, before, step, described, silenced, Destinations(rules, rule)));
        }

        // A notice waits out group_wait after its alert fired, so that alerts firing together share one message;
        // a waiting notice joins any message already going to one of its destinations.
        var ready = steps.Where(step => step.Notice(route, now) == NoticeTiming.Now).ToHashSet();
        var sending = ready.SelectMany(step => step.Destinations).Select(destination => (destination.Kind, destination.Name)).ToHashSet();
        bool joined;
        do
        {
            joined = false;
            foreach (var step in steps.Where(step => step.Notice(route, now) == NoticeTiming.Waiting && !ready.Contains(step)))
            {
                if (step.Destinations.Any(destination => sending.Contains((destination.Kind, destination.Name))))
                {
                    ready.Add(step);
                    sending.UnionWith(step.Destinations.Select(destination => (destination.Kind, destination.Name)));
                    joined = true;
                }
            }
        }
        while (joined);

        var notices = new List<(Destination Destination, AlertNotice Notice)>();
        var snapshots = new List<AlertSnapshot>(steps.Count);
        foreach (var step in steps)
        {
            var state = step.Step.State;
            if (ready.Contains(step))
            {
                var resolved = step.Step.Transition == AlertTransition.Resolved;
                var notice = new AlertNotice(
                    step.Rule.Name,
                    step.Rule.Severity,
                    resolved ? NoticeState.Resolved : NoticeState.Firing,
                    step.Rule.ConditionText,
                    step.Values,
                    (resolved ? step.Before.FiringSince : state.FiringSince) ?? now,
                    resolved ? now : null);
                notices.AddRange(step.Destinations.Select(destination => (destination, notice)));
                if (!resolved)
                {
                    state = state with { LastNotifiedAt = now, FiringNotified = true };
                }
            }
            if (step.Step.Transition == AlertTransition.Resolved)
            {
                state = state with { LastNotifiedAt = null, FiringNotified = false };
            }
            snapshots.Add(new AlertSnapshot(project.Id, step.Rule.Name, step.Rule.Severity, step.Rule.ConditionText, state, step.Values, step.Silenced, now));
        }

        var notifications = notices
            .GroupBy(item => (item.Destination.Kind, item.Destination.Name))
            .Select(group => new PlannedNotification(project.Id, group.First().Destination, new NotificationMessage(
                project.Id,
                project.Name,
                dashboardUrl,
                group.Select(item => item.Notice).OrderByDescending(notice => notice.State == NoticeState.Firing).ThenByDescending(notice => notice.Severity).ToList())))
            .ToList();
        return new ProjectCycleResult(snapshots, history, notifications);
    }

    /// <summary>The labels silences match: the rule's own, plus <c>alertname</c> and <c>severity</c>.</summary>
    public static IReadOnlyDictionary<string, string> LabelsOf(AlertRule rule)
    {
        var labels = new Dictionary<string, string>(rule.Labels, StringComparer.Ordinal)
        {
            ["alertname"] = rule.Name,
            ["severity"] = rule.Severity.ToString().ToLowerInvariant(),
        };
        return labels;
    }

    /// <summary>Where a rule's notifications go; targets the file cannot resolve were refused when it was loaded.</summary>
    public static IReadOnlyList<Destination> Destinations(RuleSet rules, AlertRule rule) => Destinations(rules, rule.Notify);

    /// <summary>Where notify lines go, each resolved once; lines naming nothing the rule set defines are left out.</summary>
    public static IReadOnlyList<Destination> Destinations(RuleSet rules, IEnumerable<NotifyTarget> targets)
    {
        var destinations = new List<Destination>();
        foreach (var target in targets)
        {
            Destination? destination = target.Kind switch
            {
                ChannelKind.Slack => rules.Channels.GetValueOrDefault(target.Name)?.SlackWebhook is { } slack
                    ? new Destination(target.Kind, target.Name, [slack.AbsoluteUri])
                    : null,
                ChannelKind.Webhook => rules.Channels.GetValueOrDefault(target.Name) is { Webhook: { } url } channel
                    ? new Destination(target.Kind, target.Name, [url.AbsoluteUri], channel.Secret)
                    : null,
                ChannelKind.Email => rules.Contacts.GetValueOrDefault(target.Name) is { Emails.Count: > 0 } contact
                    ? new Destination(target.Kind, target.Name, contact.Emails)
                    : null,
                _ => rules.Contacts.GetValueOrDefault(target.Name) is { Phones.Count: > 0 } contact
                    ? new Destination(target.Kind, target.Name, contact.Phones)
                    : null,
            };
            if (destination is not null && !destinations.Any(known => known.Kind == destination.Kind && known.Name == destination.Name))
            {
                destinations.Add(destination);
            }
        }
        return destinations;
    }

    private enum NoticeTiming
    {
        None,
        Waiting,
        Now,
    }

    private sealed record RuleStep(AlertRule Rule, AlertState Before, AlertStep Step, string Values, bool Silenced, IReadOnlyList<Destination> Destinations)
    {
        public NoticeTiming Notice(RouteSettings route, DateTimeOffset now)
        {
            var state = Step.State;
            if (Silenced || Destinations.Count == 0)
            {
                return NoticeTiming.None;
            }
            if (Step.Transition == AlertTransition.Resolved)
            {
                return Before.FiringNotified && route.SendResolved ? NoticeTiming.Now : NoticeTiming.None;
            }
            if (state.Status != AlertStatus.Firing)
            {
                return NoticeTiming.None;
            }
            if (!state.FiringNotified)
            {
                return now - state.FiringSince >= route.GroupWait ? NoticeTiming.Now : NoticeTiming.Waiting;
            }
            return now - state.LastNotifiedAt >= (Rule.RepeatInterval ?? route.RepeatInterval) ? NoticeTiming.Now : NoticeTiming.None;
        }
    }
}
