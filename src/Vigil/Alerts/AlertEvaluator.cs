using System.Diagnostics;
using Vigil.Core.Alerts;
using Vigil.Core.Projects;
using Vigil.Core.Storage;

namespace Vigil.Alerts;

/// <summary>What the last evaluation cycle did, for <c>/api/status</c> and the benchmark.</summary>
public sealed record AlertCycleStats(DateTimeOffset At, TimeSpan Duration, int Projects, int Rules, int Values, int Transitions, int Notifications);

/// <summary>
/// One evaluation cycle over every project with rules: reads each distinct number the rules need once, runs
/// <see cref="AlertCycle"/>, and saves what changed together with the notifications to send. The states of the last
/// cycle are kept in memory by the leader; a node that becomes leader reads them back from the store first.
/// </summary>
internal sealed class AlertEvaluator(
    IMetadataStore metadata,
    IAlertStore store,
    AlertMetricReader reader,
    PublicAddress publicAddress,
    TimeProvider time)
{
    // One cycle at a time: the job's timer and a caller (a test, a forced evaluation) must not interleave on the states.
    private readonly SemaphoreSlim _cycle = new(1, 1);
    private readonly Dictionary<long, (long Version, RuleSet Rules)> _rules = [];
    private Dictionary<(long ProjectId, string RuleName), AlertSnapshot> _snapshots = [];
    private volatile bool _stale = true;

    public AlertCycleStats? LastCycle { get; private set; }

    /// <summary>Forgets the states held in memory: another node may have evaluated since (leadership changed hands).</summary>
    public void Forget() => _stale = true;

    public async Task<AlertCycleStats> RunCycleAsync(CancellationToken cancellationToken)
    {
        await _cycle.WaitAsync(cancellationToken);
        try
        {
            return await RunCycleAloneAsync(cancellationToken);
        }
        finally
        {
            _cycle.Release();
        }
    }

    private async Task<AlertCycleStats> RunCycleAloneAsync(CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var now = time.GetUtcNow();
        if (_stale)
        {
            _stale = false;
            _snapshots = (await store.ListAlertsAsync(null, cancellationToken)).ToDictionary(snapshot => (snapshot.ProjectId, snapshot.RuleName));
        }
        await RefreshRulesAsync(cancellationToken);
        var projects = (await metadata.ListProjectsAsync(cancellationToken)).Where(project => _rules.ContainsKey(project.Id)).ToList();
        var silences = (await store.ListSilencesAsync(null, cancellationToken)).Where(silence => silence.IsActive(now)).ToLookup(silence => silence.ProjectId);
        var maintenance = (await store.ListMaintenanceWindowsAsync(null, cancellationToken)).Where(window => window.IsActive(now)).ToLookup(window => window.ProjectId);

        var wanted = projects.Select(project => (project, (IReadOnlyCollection<MetricQuery>)QueriesOf(_rules[project.Id].Rules))).ToList();
        var values = await reader.ReadAllAsync(wanted, now, cancellationToken);
        var results = projects.Select(project => AlertCycle.Run(
                project,
                _rules[project.Id].Rules,
                _rules[project.Id].Rules.Alerts.ToDictionary(
                    rule => rule.Name,
                    rule => _snapshots.GetValueOrDefault((project.Id, rule.Name))?.State ?? AlertState.Inactive),
                query => values.GetValueOrDefault((project.Id, query)),
                silences[project.Id].ToList(),
                maintenance[project.Id].ToList(),
                publicAddress.Dashboard(project.Id),
                now))
            .ToList();

        var changed = new List<AlertSnapshot>();
        var current = new HashSet<(long, string)>();
        foreach (var snapshot in results.SelectMany(result => result.Snapshots))
        {
            var key = (snapshot.ProjectId, snapshot.RuleName);
            current.Add(key);
            // The evaluation time alone is no change worth a write; the panel shows values, states and silences.
            if (!_snapshots.TryGetValue(key, out var previous) || previous with { EvaluatedAt = snapshot.EvaluatedAt } != snapshot)
            {
                changed.Add(snapshot);
            }
        }
        var removed = _snapshots.Keys.Where(key => !current.Contains(key)).ToList();
        var history = results.SelectMany(result => result.History).ToList();
        var notifications = results.SelectMany(result => result.Notifications).ToList();
        if (changed.Count > 0 || removed.Count > 0 || history.Count > 0 || notifications.Count > 0)
        {
            await store.SaveCycleAsync(new AlertCycleChanges(changed, removed, history, notifications), now, cancellationToken);
        }
        foreach (var snapshot in changed)
        {
            _snapshots[(snapshot.ProjectId, snapshot.RuleName)] = snapshot;
        }
        foreach (var key in removed)
        {
            _snapshots.Remove(key);
        }
        LastCycle = new AlertCycleStats(now, stopwatch.Elapsed, projects.Count, current.Count, values.Count, history.Count, notifications.Count);
        return LastCycle;
    }

    private async Task RefreshRulesAsync(CancellationToken cancellationToken)
    {
        var versions = await store.ListRuleFileVersionsAsync(cancellationToken);
        foreach (var projectId in _rules.Keys.Where(projectId => !versions.ContainsKey(projectId)).ToList())
        {
            _rules.Remove(projectId);
        }
        foreach (var (projectId, version) in versions)
        {
            if (_rules.TryGetValue(projectId, out var known) && known.Version == version)
            {
                continue;
            }
            // Saved files were valid when saved; one that no longer parses (a newer Vigil grew stricter) keeps the old rules.
            if (await store.FindRuleFileAsync(projectId, cancellationToken) is { } file && RuleFileParser.Parse(file.Yaml).RuleSet is { } rules)
            {
                _rules[projectId] = (file.Version, rules);
            }
        }
    }

    private static HashSet<MetricQuery> QueriesOf(RuleSet rules) =>
        rules.Alerts
            .SelectMany(rule => rule.Clear is null ? ConditionEvaluator.Queries(rule.Condition) : ConditionEvaluator.Queries(rule.Condition).Concat(ConditionEvaluator.Queries(rule.Clear)))
            .ToHashSet();
}
