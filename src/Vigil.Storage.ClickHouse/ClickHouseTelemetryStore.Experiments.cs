using Vigil.Core.Experiments;
using Vigil.Core.Storage;
using static System.FormattableString;

namespace Vigil.Storage.ClickHouse;

/// <summary>
/// An experiment's counts in one pass over the project's exposure and goal events, grouped per user in ClickHouse
/// (a user's events live on one shard); only a row per variant and days comes back. No JOIN, which 18.16 would not run over Distributed tables without GLOBAL.
/// </summary>
public sealed partial class ClickHouseTelemetryStore : IExperimentEventStore
{
    private const int PositionSlots = ExperimentTally.PositionSlots;

    public async Task<IReadOnlyList<ExperimentDayCount>> CountExperimentDaysAsync(
        long projectId, string experimentKey, IReadOnlyList<string> variants, string goalEvent, DateTimeOffset from, DateTimeOffset to, TimeZoneInfo zone,
        CancellationToken cancellationToken)
    {
        string LocalDay(string milliseconds) => $"toInt64(toUInt32(toDate(toDateTime(toUInt32(intDiv({milliseconds}, 1000))), {ClickHouseSql.String(zone.Id)})))";
        // A user's goal times come up as an array: the first at or after their first exposure is only known after grouping.
        var rows = await _client.QueryAsync(
            Invariant($"""
            SELECT arm, exposed_on, converted_on, count(), countIf(arms > 1)
            FROM (
                SELECT first_exposure % {PositionSlots} AS arm, arms, {LocalDay($"intDiv(first_exposure, {PositionSlots})")} AS exposed_on,
                    arrayFilter(goal_ms -> goal_ms >= intDiv(first_exposure, {PositionSlots}), goals) AS later_goals,
                    if(empty(later_goals), toInt64(-1), {LocalDay("arrayReduce('min', later_goals)")}) AS converted_on
                FROM ({ExposedUsers(projectId, experimentKey, variants, goalEvent, from, to, "groupArrayIf(toInt64(ms), goal) AS goals")})
            )
            GROUP BY arm, exposed_on, converted_on
            """),
            cancellationToken);
        return rows.Select(row => new ExperimentDayCount(
            (int)Long(row[0]), DateOnly.FromDayNumber(UnixEpochDay + (int)Long(row[1])),
            Long(row[2]) is >= 0 and var day ? DateOnly.FromDayNumber(UnixEpochDay + (int)day) : null, Long(row[3]), Long(row[4]))).ToList();
    }

    /// <summary>
    /// One row per user exposed in [from, to): first_exposure (time × slots + position), arms (distinct variants seen)
    /// and <paramref name="goals"/>, an aggregate over their events' ms and goal flag.
    /// </summary>
    private static string ExposedUsers(
        long projectId, string experimentKey, IReadOnlyList<string> variants, string goalEvent, DateTimeOffset from, DateTimeOffset to, string goals)
    {
        var (exposure, flag, key) = (ClickHouseSql.String(ExperimentRules.ExposureEvent), ClickHouseSql.String(ExperimentRules.FeatureFlagEvent), ClickHouseSql.String(experimentKey));
        var list = $"[{string.Join(", ", variants.Select(ClickHouseSql.String))}]";
        string Position(string property) => $"toInt64(indexOf({list}, {TextValue(property)})) - 1";
        return Invariant($"""
            SELECT distinct_id, minIf(toInt64(ms) * {PositionSlots} + arm, arm >= 0) AS first_exposure, {goals}, uniqExactIf(arm, arm >= 0) AS arms
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
            """);
    }

    /// <summary>A property's string, unescaped, or a boolean as true/false (PostHog answers boolean flags so); '' for anything else.</summary>
    private static string TextValue(string property)
    {
        var raw = $"replaceRegexpAll(visitParamExtractRaw(properties, {ClickHouseSql.String(property)}), '^\\\\s+|\\\\s+$', '')";
        return $$"""multiIf({{raw}} IN ('true', 'false'), {{raw}}, visitParamExtractString(concat('{"v":', {{raw}}, '}'), 'v'))""";
    }
}
