using Vigil.Core.Experiments;
using Vigil.Core.Storage;
using static System.FormattableString;

namespace Vigil.Storage.ClickHouse;

/// <summary>
/// An experiment's counts in one pass over the project's exposure and goal events, grouped per user in ClickHouse
/// (a user's events live on one shard); only a row per variant comes back. No JOIN, which 18.16 would not run over
/// Distributed tables without GLOBAL.
/// </summary>
public sealed partial class ClickHouseTelemetryStore : IExperimentEventStore
{
    private const int PositionSlots = ExperimentTally.PositionSlots;

    public async Task<ExperimentTally> CountExperimentAsync(
        long projectId, string experimentKey, IReadOnlyList<string> variants, string goalEvent, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var (exposure, flag, key) = (ClickHouseSql.String(ExperimentRules.ExposureEvent), ClickHouseSql.String(ExperimentRules.FeatureFlagEvent), ClickHouseSql.String(experimentKey));
        var list = $"[{string.Join(", ", variants.Select(ClickHouseSql.String))}]";
        string Position(string property) => $"toInt64(indexOf({list}, {TextValue(property)})) - 1";
        var rows = await _client.QueryAsync(
            Invariant($"""
            SELECT first_exposure % {PositionSlots} AS arm, count(), countIf(last_goal >= intDiv(first_exposure, {PositionSlots})), countIf(arms > 1)
            FROM (
                SELECT distinct_id, minIf(toInt64(ms) * {PositionSlots} + arm, arm >= 0) AS first_exposure, maxIf(toInt64(ms), goal) AS last_goal,
                    uniqExactIf(arm, arm >= 0) AS arms
                FROM (
                    SELECT distinct_id, {Millis} AS ms, name = {ClickHouseSql.String(goalEvent)} AS goal,
                        multiIf(
                            name = {exposure} AND {TextValue("experiment")} = {key}, {Position("variant")},
                            name = {flag} AND {TextValue("$feature_flag")} = {key}, {Position("$feature_flag_response")},
                            toInt64(-1)) AS arm
                    FROM events
                    WHERE project_id = {projectId} AND name IN ({exposure}, {flag}, {ClickHouseSql.String(goalEvent)}) AND {TimeRange(from, to)}
                )
                GROUP BY distinct_id
                HAVING arms > 0
            )
            GROUP BY arm
            """),
            cancellationToken);
        return ExperimentTally.Of(variants, rows.ToDictionary(row => (int)Long(row[0]), row => (Long(row[1]), Long(row[2]), Long(row[3]))));
    }

    /// <summary>A property's string, unescaped, or a boolean as true/false (PostHog answers boolean flags so); '' for anything else.</summary>
    private static string TextValue(string property)
    {
        var raw = $"replaceRegexpAll(visitParamExtractRaw(properties, {ClickHouseSql.String(property)}), '^\\\\s+|\\\\s+$', '')";
        return $$"""multiIf({{raw}} IN ('true', 'false'), {{raw}}, visitParamExtractString(concat('{"v":', {{raw}}, '}'), 'v'))""";
    }
}
