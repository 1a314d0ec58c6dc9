namespace Vigil.Core.Series;

/// <summary>
/// The series an alert condition reads: <c>series{name="db_read_latency", agg="p95", db="main", status=~"5.."}</c>
/// is the series named db_read_latency whose labels match every matcher, aggregated as p95. The matchers are kept
/// sorted, so two selectors that say the same compare equal (conditions are dictionary keys of the alert reader).
/// </summary>
public sealed record SeriesSelector(string Name, SeriesAggregation? Aggregation, IReadOnlyList<LabelMatcher> Matchers)
{
    public static SeriesSelector Of(string name, SeriesAggregation? aggregation, IEnumerable<LabelMatcher> matchers) =>
        new(name, aggregation, matchers
            .OrderBy(matcher => matcher.Name, StringComparer.Ordinal)
            .ThenBy(matcher => matcher.Operator)
            .ThenBy(matcher => matcher.Value, StringComparer.Ordinal)
            .ToList());

    public bool Matches(NamedSeries series) => series.Name == Name && Matchers.All(matcher => matcher.Matches(series));

    public bool Equals(SeriesSelector? other) =>
        other is not null && Name == other.Name && Aggregation == other.Aggregation && Matchers.SequenceEqual(other.Matchers);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Name);
        hash.Add(Aggregation);
        foreach (var matcher in Matchers)
        {
            hash.Add(matcher);
        }
        return hash.ToHashCode();
    }

    public override string ToString() =>
        "{" + string.Join(", ", new[] { $"name=\"{Name}\"" }
            .Concat(Aggregation is { } aggregation ? [$"agg=\"{SeriesQueries.NameOf(aggregation)}\""] : [])
            .Concat(Matchers.Select(matcher => matcher.ToString()))) + "}";
}
