using Dapper;
using Vigil.Core.Experiments;
using Vigil.Core.Metrics;
using Vigil.Core.Storage;

namespace Vigil.Storage.Sqlite;

/// <summary>
/// An experiment's counts in one pass over the project's exposure and goal events of its window, grouped per user inside
/// SQLite: only a row per variant and days comes back. MIN and MAX ignore the NULL positions of goal events and of other
/// experiments' exposures, so a user's least and greatest positions differ when they were exposed to two variants.
/// </summary>
public sealed partial class SqliteTelemetryStore : IExperimentEventStore
{
    private const int PositionSlots = ExperimentTally.PositionSlots;
    private const long QuarterHour = 15 * 60 * 1000;

    public async Task<IReadOnlyList<ExperimentDayCount>> CountExperimentDaysAsync(
        long projectId, string experimentKey, IReadOnlyList<string> variants, string goalEvent, DateTimeOffset from, DateTimeOffset to, TimeZoneInfo zone,
        CancellationToken cancellationToken)
    {
        var (events, parameters) = ExperimentEvents(projectId, experimentKey, variants, goalEvent, from, to);
        await using var connection = await database.OpenReadAsync(cancellationToken);
        // SQLite knows no time zones: the local day comes from .NET's, as the KPIs' buckets do at ingest. Every zone's
        // offsets and changes fall on quarter hours, so users are first counted per quarter hour and .NET is asked
        // once per group of them, not twice per user.
        connection.CreateFunction("vigil_local_day", (long? quarter) =>
            quarter is { } start ? TimeBuckets.LocalDate(DateTimeOffset.FromUnixTimeMilliseconds(start * QuarterHour), zone).DayNumber : (int?)null, isDeterministic: true);
        // The window spreads each user's first exposure over their rows, so one grouping finds their first goal after it.
        var rows = await connection.QueryAsync<(long Position, long ExposedOn, long? ConvertedOn, long Users, long Crossed)>(new CommandDefinition(
            $"""
            SELECT position, vigil_local_day(exposed_quarter), vigil_local_day(converted_quarter), SUM(users), SUM(crossed)
            FROM (
                SELECT first_exposure % {PositionSlots} AS position, first_exposure / {PositionSlots} / {QuarterHour} AS exposed_quarter,
                    first_goal / {QuarterHour} AS converted_quarter, COUNT(*) AS users, SUM(crossed) AS crossed
                FROM (
                    SELECT MIN(first_exposure) AS first_exposure, MIN(CASE WHEN goal AND ts >= first_exposure / {PositionSlots} THEN ts END) AS first_goal,
                        MIN(position) <> MAX(position) AS crossed
                    FROM (
                        SELECT distinct_id, ts, goal, position, MIN(ts * {PositionSlots} + position) OVER (PARTITION BY distinct_id) AS first_exposure
                        FROM ({events})
                    )
                    WHERE first_exposure IS NOT NULL
                    GROUP BY distinct_id
                )
                GROUP BY 1, 2, 3
            )
            GROUP BY 1, 2, 3
            """,
            parameters, cancellationToken: cancellationToken));
        return rows.Select(row => new ExperimentDayCount(
            (int)row.Position, DateOnly.FromDayNumber((int)row.ExposedOn), row.ConvertedOn is { } day ? DateOnly.FromDayNumber((int)day) : null, row.Users, row.Crossed)).ToList();
    }

    /// <summary>
    /// The project's exposure and goal events in [from, to): each user's, whether it is a goal, and the position of the
    /// variant it exposes to (NULL for goals and for other experiments' exposures).
    /// </summary>
    private static (string Sql, DynamicParameters Parameters) ExperimentEvents(
        long projectId, string experimentKey, IReadOnlyList<string> variants, string goalEvent, DateTimeOffset from, DateTimeOffset to)
    {
        var parameters = new DynamicParameters(new
        {
            projectId, experimentKey, goalEvent, exposure = ExperimentRules.ExposureEvent, flag = ExperimentRules.FeatureFlagEvent,
            from = from.ToUnixTimeMilliseconds(), to = to.ToUnixTimeMilliseconds(),
        });
        for (var index = 0; index < variants.Count; index++)
        {
            parameters.Add($"variant{index}", variants[index]);
        }
        string Position(string value) =>
            $"CASE {value} {string.Join(" ", variants.Select((_, index) => $"WHEN @variant{index} THEN {index}"))} END";

        // The snippet and the server write the variant as a string; only PostHog's flags may answer a boolean, so only
        // they pay for the type check. Events has no index by name (it cost ingest too much): the blocks of the window
        // bound the scan.
        return ($"""
            SELECT distinct_id, ts, name = @goalEvent AS goal,
                CASE
                    WHEN name = @exposure AND json_extract(properties, '$.experiment') = @experimentKey THEN {Position("json_extract(properties, '$.variant')")}
                    WHEN name = @flag AND json_extract(properties, '$."$feature_flag"') = @experimentKey THEN {Position(BooleanOrText("'$.\"$feature_flag_response\"'"))}
                END AS position
            FROM {EventsInTimeRange} AND e.name IN (@exposure, @flag, @goalEvent)
            """, parameters);
    }

    /// <summary>A property's string as it is, and a boolean as true/false (PostHog answers boolean flags so).</summary>
    private static string BooleanOrText(string path) => $"""
        CASE json_type(properties, {path}) WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' WHEN 'text' THEN json_extract(properties, {path}) END
        """;
}
