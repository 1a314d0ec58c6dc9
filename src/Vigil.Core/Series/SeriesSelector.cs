namespace Vigil.Core.Series;

/// <summary>
/// The series an alert condition reads: <c>series{name="db_read_latency", agg="p95", db="main"}</c> is the series
/// named db_read_latency whose label db is main, aggregated as p95. Labels are kept as canonical JSON so two
/// selectors that say the same compare equal (conditions are dictionary keys of the alert reader).
/// </summary>
public sealed record SeriesSelector(string Name, SeriesAggregation? Aggregation, string LabelsJson)
{
    public static SeriesSelector Of(string name, SeriesAggregation? aggregation, IEnumerable<KeyValuePair<string, string>> labels) =>
        new(name, aggregation, SeriesLabels.ToJson(labels.OrderBy(label => label.Key, StringComparer.Ordinal).ToList()));

    public IReadOnlyList<KeyValuePair<string, string>> Labels => SeriesLabels.FromJson(LabelsJson);

    public bool Matches(NamedSeries series) =>
        series.Name == Name && Labels.All(label => (series.Label(label.Key) ?? "") == label.Value);

    public override string ToString() =>
        "{" + string.Join(", ", new[] { $"name=\"{Name}\"" }
            .Concat(Aggregation is { } aggregation ? [$"agg=\"{SeriesQueries.NameOf(aggregation)}\""] : [])
            .Concat(Labels.Select(label => $"{label.Key}=\"{label.Value}\""))) + "}";
}
