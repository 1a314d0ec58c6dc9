using Vigil.Core.Metrics;

namespace Vigil.Core.Kpis;

/// <summary>Splits users by a breakdown property's value, biggest groups first.</summary>
public static class Segments
{
    /// <summary>The most groups a breakdown answers; smaller groups are merged into <see cref="OtherLabel"/>.</summary>
    public const int MaxSegments = 20;
    public const string OtherLabel = "(other)";

    /// <summary>Groups items by the value <paramref name="valueOf"/> gives (null: <see cref="DashboardMetrics.NoValueLabel"/>).</summary>
    public static IReadOnlyList<(string Value, List<T> Items)> Split<T>(IEnumerable<T> items, Func<T, string?> valueOf)
    {
        var groups = items.GroupBy(item => valueOf(item) ?? DashboardMetrics.NoValueLabel, StringComparer.Ordinal)
            .Select(group => (Value: group.Key, Items: group.ToList()))
            .OrderByDescending(group => group.Items.Count).ThenBy(group => group.Value, StringComparer.Ordinal)
            .ToList();
        if (groups.Count <= MaxSegments)
        {
            return groups;
        }
        var other = groups.Skip(MaxSegments - 1).SelectMany(group => group.Items).ToList();
        return [.. groups.Take(MaxSegments - 1), (OtherLabel, other)];
    }
}
