using Vigil.Core.Series;
using Vigil.Core.Storage;

namespace Vigil.Series;

/// <summary>A point the writer refused at commit time (the project's series limit, or a series known as another kind).</summary>
internal sealed record SeriesRejection(MetricPoint Point, string Reason);

/// <summary>
/// The series each project has and the state of each cumulative one, loaded from the store the first time a project
/// sends points and kept up to date by every commit. Only the ingest writer's single reader touches it, so it takes no
/// locks; a commit that fails leaves it as it was (<see cref="Apply"/> runs only after the store committed).
/// Scaled out, each node keeps its own copy: cumulative points of one series should reach one node (README).
/// </summary>
internal sealed class SeriesTracker(ITelemetryStore store)
{
    private readonly Dictionary<long, Dictionary<long, StoredSeries>> _projects = [];

    public async Task LoadAsync(IEnumerable<long> projectIds, CancellationToken cancellationToken)
    {
        var missing = projectIds.Where(projectId => !_projects.ContainsKey(projectId)).Distinct().ToList();
        if (missing.Count == 0)
        {
            return;
        }
        var series = await store.ReadMetricSeriesAsync(missing, null, cancellationToken);
        foreach (var projectId in missing)
        {
            _projects[projectId] = [];
        }
        foreach (var stored in series)
        {
            _projects[stored.Series.ProjectId][stored.Series.Id] = stored;
        }
    }

    /// <summary>Why a point cannot be stored, or null. <paramref name="added"/> holds the series this commit adds so far, and gets this one.</summary>
    public string? Admit(MetricPoint point, Dictionary<(long ProjectId, long SeriesId), SeriesKind> added)
    {
        var series = point.Series;
        var known = _projects[series.ProjectId];
        var kind = known.TryGetValue(series.Id, out var stored) ? stored.Series.Kind : added.TryGetValue((series.ProjectId, series.Id), out var adding) ? adding : (SeriesKind?)null;
        if (kind is { } existing)
        {
            return existing == series.Kind ? null : $"series {series.Name}{series.LabelsJson} is a {Describe(existing)}; this point is a {Describe(series.Kind)}.";
        }
        if (known.Count + added.Keys.Count(key => key.ProjectId == series.ProjectId) >= SeriesLabels.MaxSeriesPerProject)
        {
            return $"the project has {SeriesLabels.MaxSeriesPerProject} series, its limit; series {series.Name}{series.LabelsJson} is new. Drop labels with many values (ids, URLs).";
        }
        added[(series.ProjectId, series.Id)] = series.Kind;
        return null;
    }

    public SeriesState? StateOf(NamedSeries series) => _projects[series.ProjectId].GetValueOrDefault(series.Id)?.State;

    /// <summary>Takes in what a commit wrote.</summary>
    public void Apply(SeriesWrite write)
    {
        foreach (var ((projectId, seriesId), (series, state)) in write.Series)
        {
            _projects[projectId][seriesId] = new StoredSeries(series, state);
        }
    }

    private static string Describe(SeriesKind kind) => kind.ToString().ToLowerInvariant();
}
