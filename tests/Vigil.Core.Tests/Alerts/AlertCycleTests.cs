using Vigil.Core.Alerts;
using Vigil.Core.Projects;
using static Vigil.Core.Tests.Alerts.SomeAlerts;

namespace Vigil.Core.Tests.Alerts;

public sealed class AlertCycleTests
{
    private static readonly Project Shop = new(7, "Shop", "Asia/Seoul", KeyEvents.Default, Targets.Default, null, Start);
    private static readonly Uri Dashboard = new("http://vigil.example/projects/7");
    private static readonly MetricReference P95 = new(AlertMetric.P95ResponseTime);
    private static readonly MetricReference ErrorRate = new(AlertMetric.ErrorRate);

    private static readonly RuleSet Rules = new(
        [
            Rule("Slow Response", notify: [new NotifyTarget(ChannelKind.Slack, "#performance")]),
            Rule("Errors", condition: new Comparison(ErrorRate, ComparisonOperator.Greater, new Threshold(1)), severity: Severity.Critical,
                notify: [new NotifyTarget(ChannelKind.Slack, "#performance"), new NotifyTarget(ChannelKind.Sms, "on-call")]),
        ],
        new Dictionary<string, ChannelDefinition> { ["#performance"] = new(new Uri("https://hooks.slack.example/perf"), null, null) },
        new Dictionary<string, ContactDefinition> { ["on-call"] = new(["01012345678"], []) },
        RouteSettings.Default);

    private sealed class Cycles(RuleSet rules)
    {
        private Dictionary<string, AlertState> _states = [];

        public List<Silence> Silences { get; } = [];

        public List<MaintenanceWindow> Maintenance { get; } = [];

        public ProjectCycleResult Run(DateTimeOffset now, double? p95, double? errorRate)
        {
            var result = AlertCycle.Run(Shop, rules, _states, query => query.Metric == AlertMetric.P95ResponseTime ? p95 : errorRate, Silences, Maintenance, Dashboard, now);
            _states = result.Snapshots.ToDictionary(snapshot => snapshot.RuleName, snapshot => snapshot.State);
            return result;
        }
    }

    [Fact]
    public void Run_TwoAlertsFiringTogether_OneMessagePerDestination()
    {
        var cycles = new Cycles(Rules);

        var result = cycles.Run(At(0), p95: 4000, errorRate: 5);

        var slack = Assert.Single(result.Notifications, notification => notification.Destination.Kind == ChannelKind.Slack);
        Assert.Equal(["Errors", "Slow Response"], slack.Message.Alerts.Select(alert => alert.RuleName));
        Assert.Equal(Severity.Critical, slack.Message.HighestFiringSeverity);
        Assert.Equal(["https://hooks.slack.example/perf"], slack.Destination.Addresses);
        var sms = Assert.Single(result.Notifications, notification => notification.Destination.Kind == ChannelKind.Sms);
        Assert.Equal(["Errors"], sms.Message.Alerts.Select(alert => alert.RuleName));
        Assert.Equal(["01012345678"], sms.Destination.Addresses);
        Assert.Equal("p95_response_time = 4,000 ms", slack.Message.Alerts[1].Value);
    }

    [Fact]
    public void Run_StillFiring_RepeatsOnlyAfterTheRepeatInterval()
    {
        var cycles = new Cycles(Rules with { Route = RouteSettings.Default with { RepeatInterval = TimeSpan.FromMinutes(1) } });

        Assert.Single(cycles.Run(At(0), p95: 4000, errorRate: 0).Notifications);
        Assert.Empty(cycles.Run(At(1), p95: 4000, errorRate: 0).Notifications);
        Assert.Empty(cycles.Run(At(3), p95: 4000, errorRate: 0).Notifications);
        var repeated = Assert.Single(cycles.Run(At(4), p95: 4000, errorRate: 0).Notifications);
        Assert.Equal(At(0), repeated.Message.Alerts[0].Since);
    }

    [Fact]
    public void Run_Resolved_SendsOneResolvedMessageThenNothing()
    {
        var cycles = new Cycles(Rules);
        cycles.Run(At(0), p95: 4000, errorRate: 0);

        var resolved = Assert.Single(cycles.Run(At(1), p95: 100, errorRate: 0).Notifications);
        Assert.Equal(NoticeState.Resolved, resolved.Message.Alerts[0].State);
        Assert.Equal(At(0), resolved.Message.Alerts[0].Since);
        Assert.Equal(At(1), resolved.Message.Alerts[0].ResolvedAt);
        Assert.Empty(cycles.Run(At(2), p95: 100, errorRate: 0).Notifications);
    }

    [Fact]
    public void Run_Silenced_SendsNothingThenNotifiesWhenTheSilenceEnds()
    {
        var cycles = new Cycles(Rules);
        cycles.Silences.Add(new Silence(1, Shop.Id, [new Matcher("alertname", MatchOperator.Equal, "Slow Response")], Start, At(2), "deploying", "owner", Start));

        var first = cycles.Run(At(0), p95: 4000, errorRate: 0);
        Assert.Empty(first.Notifications);
        Assert.True(first.Snapshots.Single(snapshot => snapshot.RuleName == "Slow Response").Silenced);
        Assert.Equal(AlertStatus.Firing, first.Snapshots.Single(snapshot => snapshot.RuleName == "Slow Response").State.Status);
        Assert.Empty(cycles.Run(At(1), p95: 4000, errorRate: 0).Notifications);
        Assert.Single(cycles.Run(At(2), p95: 4000, errorRate: 0).Notifications);
    }

    [Fact]
    public void Run_FiredAndResolvedWhileSilenced_SendsNoResolution()
    {
        var cycles = new Cycles(Rules);
        cycles.Silences.Add(new Silence(1, Shop.Id, [new Matcher("severity", MatchOperator.Equal, "warning")], Start, At(10), "noisy", "owner", Start));

        cycles.Run(At(0), p95: 4000, errorRate: 0);
        var resolved = cycles.Run(At(1), p95: 100, errorRate: 0);

        Assert.Empty(resolved.Notifications);
        Assert.Contains(resolved.History, entry => entry.Transition == AlertTransition.Resolved);
    }

    [Fact]
    public void Run_Maintenance_SilencesEveryAlertOfTheProject()
    {
        var cycles = new Cycles(Rules);
        cycles.Maintenance.Add(new MaintenanceWindow(1, Shop.Id, Start, At(4), "database upgrade", Start));

        Assert.Empty(cycles.Run(At(0), p95: 4000, errorRate: 5).Notifications);
        Assert.Equal(2, cycles.Run(At(4), p95: 4000, errorRate: 5).Notifications.Count);
    }

    [Fact]
    public void Run_GroupWait_AlertFiringWithinItJoinsTheFirstAlertsMessage()
    {
        var cycles = new Cycles(Rules with { Route = RouteSettings.Default with { GroupWait = TimeSpan.FromSeconds(30) } });

        Assert.Empty(cycles.Run(At(0), p95: 4000, errorRate: 0).Notifications);
        Assert.Empty(cycles.Run(At(1), p95: 4000, errorRate: 5).Notifications);
        var grouped = cycles.Run(At(2), p95: 4000, errorRate: 5).Notifications;

        var slack = Assert.Single(grouped, notification => notification.Destination.Kind == ChannelKind.Slack);
        Assert.Equal(2, slack.Message.Alerts.Count);
        // The SMS destination has no alert that waited long enough, but its alert joins because it shares Slack.
        Assert.Single(grouped, notification => notification.Destination.Kind == ChannelKind.Sms);
    }

    [Fact]
    public void Run_Transitions_AreRecordedWithTheirValues()
    {
        var cycles = new Cycles(Rules with { Alerts = [Rule("Slow Response", duration: TimeSpan.FromSeconds(15))] });

        var pending = cycles.Run(At(0), p95: 4000, errorRate: 0);
        var firing = cycles.Run(At(1), p95: 5000, errorRate: 0);

        Assert.Equal(new AlertHistoryEntry(Shop.Id, "Slow Response", AlertTransition.Pending, At(0), "p95_response_time = 4,000 ms"), Assert.Single(pending.History));
        Assert.Equal(new AlertHistoryEntry(Shop.Id, "Slow Response", AlertTransition.Firing, At(1), "p95_response_time = 5,000 ms"), Assert.Single(firing.History));
    }

    [Theory]
    [InlineData("severity=\"critical\"", "severity", MatchOperator.Equal, "critical")]
    [InlineData("alertname != \"Slow Response\"", "alertname", MatchOperator.NotEqual, "Slow Response")]
    [InlineData("team=~\"web|api\"", "team", MatchOperator.Regex, "web|api")]
    [InlineData("team=web", "team", MatchOperator.Equal, "web")]
    public void Matcher_TryParse_ReadsAlertmanagerSyntax(string text, string label, MatchOperator op, string value)
    {
        Assert.True(Matcher.TryParse(text, out var matcher, out _));
        Assert.Equal(new Matcher(label, op, value), matcher);
    }

    [Theory]
    [InlineData("=x")]
    [InlineData("team")]
    [InlineData("team=~\"(\"")]
    public void Matcher_TryParse_Malformed_SaysWhy(string text)
    {
        Assert.False(Matcher.TryParse(text, out _, out var error));
        Assert.NotEmpty(error);
    }

    [Fact]
    public void Matcher_Regex_IsAnchored()
    {
        var matcher = new Matcher("team", MatchOperator.Regex, "web");

        Assert.True(matcher.Matches(new Dictionary<string, string> { ["team"] = "web" }));
        Assert.False(matcher.Matches(new Dictionary<string, string> { ["team"] = "webshop" }));
    }
}
