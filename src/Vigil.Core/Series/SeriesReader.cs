using Vigil.Core.Storage;

namespace Vigil.Core.Series;

/// <summary>One metric name of a project: its kind, unit, the label names its series use, and how many series it has.</summary>
public sealed record SeriesCatalogEntry(string Name, SeriesKind Kind, string Unit, IReadOnlyList<string> Labels, int Series);

/// <summary>A chart request: series named <see cref="Name"/> matching every matcher, aggregated per step and grouped by <see cref="By"/>.</summary>
public sealed record SeriesQuery(string Name, IReadOnlyList<LabelMatcher> Matchers, SeriesAggregation? Aggregation, IReadOnlyList<string> By, DateTimeOffset From, DateTimeOffset To, TimeSpan Step);

/// <summary>A chart: one line per group; <see cref="From"/> is the request's start rounded down to a whole step.</summary>
public sealed record SeriesChart(string Name, SeriesKind Kind, string Unit, SeriesAggregation Aggregation, TimeSpan Step, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<SeriesGroup> Lines);

/// <summary>Why a query has no answer: the parameter at fault and what is wrong with it.</summary>
public sealed record SeriesQueryProblem(string Field, string Detail, bool NotFound = false);

/// <summary>Reads the catalog of a project's metrics and charts of them (README "Metrics from your services").</summary>
public sealed class SeriesReader(ITelemetryStore store)
{
    /// <summary>A chart combines at most this many series; narrow it with matchers beyond.</summary>
    public const int MaxSeriesPerQuery = 500;

    public const int MaxPoints = 1500;

    public async Task<IReadOnlyList<SeriesCatalogEntry>> ListAsync(long projectId, CancellationToken cancellationToken)
    {
        var series = await store.ReadMetricSeriesAsync([projectId], null, cancellationToken);
        return series
            .GroupBy(stored => stored.Series.Name, StringComparer.Ordinal)
            .Select(name =>
            {
                var first = name.First().Series;
                var labels = name.SelectMany(stored => stored.Series.Labels.Select(label => label.Key)).Distinct().Order(StringComparer.Ordinal).ToList();
                return new SeriesCatalogEntry(name.Key, first.Kind, first.Unit, labels, name.Count());
            })
            .OrderBy(entry => entry.Name, StringComparer.Ordinal)
            .ToList();
    }

    public async Task<(SeriesChart? Chart, SeriesQueryProblem? Problem)> QueryAsync(long projectId, SeriesQuery query, CancellationToken cancellationToken)
    {
        var (found, classic) = await FindAsync(projectId, query.Name, cancellationToken);
        if (found.Count == 0)
        {
            return (null, new SeriesQueryProblem("name", $"The project has no metric named '{query.Name}'.", NotFound: true));
        }
        var kind = classic ? SeriesKind.Histogram : found[0].Kind;
        var matched = found.Where(series => series.Kind == found[0].Kind && query.Matchers.All(matcher => matcher.Matches(series))).ToList();
        var seriesCount = classic ? ClassicHistograms.CountHistograms(matched) : matched.Count;
        if (seriesCount > MaxSeriesPerQuery)
        {
            return (null, new SeriesQueryProblem("match", $"{seriesCount} series match; a chart combines at most {MaxSeriesPerQuery}. Narrow it with matchers."));
        }
        var aggregation = query.Aggregation ?? SeriesQueries.DefaultFor(kind);
        if (!SeriesQueries.AllowedFor(kind).Contains(aggregation))
        {
            return (null, new SeriesQueryProblem("agg",
                $"{query.Name} is a {kind.ToString().ToLowerInvariant()}; agg must be one of {string.Join(", ", SeriesQueries.AllowedFor(kind).Select(SeriesQueries.NameOf))}."));
        }
        var from = new DateTimeOffset(query.From.UtcTicks - query.From.UtcTicks % query.Step.Ticks, TimeSpan.Zero);
        if ((query.To - from) / query.Step > MaxPoints)
        {
            return (null, new SeriesQueryProblem("step", $"from..to at this step would draw more than {MaxPoints} points; use a coarser step or a shorter range."));
        }
        var minutes = await store.ReadMetricMinutesAsync([projectId], matched.Select(series => series.Id).ToList(), from, query.To, cancellationToken);
        if (classic)
        {
            (matched, minutes) = ClassicHistograms.Assemble(query.Name, matched, minutes);
        }
        var lines = SeriesQueries.Aggregate(matched, minutes, aggregation, query.By, from, query.To, query.Step);
        return (new SeriesChart(query.Name, kind, found[0].Unit, aggregation, query.Step, from, query.To, lines), null);
    }

    /// <summary>The series named <paramref name="name"/>; without any, the parts of a classic histogram of that name, when it has buckets.</summary>
    private async Task<(IReadOnlyList<NamedSeries> Series, bool Classic)> FindAsync(long projectId, string name, CancellationToken cancellationToken)
    {
        var own = await store.ReadMetricSeriesAsync([projectId], [name], cancellationToken);
        if (own.Count > 0)
        {
            return (own.Select(stored => stored.Series).ToList(), false);
        }
        var parts = ClassicHistograms.Parts(name, (await store.ReadMetricSeriesAsync([projectId], ClassicHistograms.PartNames(name), cancellationToken)).Select(stored => stored.Series));
        return (parts, parts.Count > 0);
    }
}
