using Dapper;
using Vigil.Core.Experiments;
using Vigil.Core.Storage;

namespace Vigil.Storage.Sqlite;

/// <summary>
/// An experiment's counts in one pass over the project's exposure and goal events (the index by name serves all three
/// names), grouped per user inside SQLite: only a row per variant comes back. MIN and MAX ignore the NULL positions
/// of goal events and of other experiments' exposures.
/// </summary>
public sealed partial class SqliteTelemetryStore : IExperimentEventStore
{
    private const int PositionSlots = ExperimentTally.PositionSlots;

    public async Task<ExperimentTally> CountExperimentAsync(
        long projectId, string experimentKey, IReadOnlyList<string> variants, string goalEvent, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
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

        await using var connection = await database.OpenReadAsync(cancellationToken);
        // The snippet and the server write the variant as a string; only PostHog's flags may answer a boolean, so only
        // they pay for the type check. Cross-exposed: a user's least and greatest positions differ.
        var rows = await connection.QueryAsync<(long Position, long Exposed, long Converted, long Crossed)>(new CommandDefinition(
            $"""
            SELECT first_exposure % {PositionSlots}, COUNT(*), COALESCE(SUM(last_goal >= first_exposure / {PositionSlots}), 0), COALESCE(SUM(crossed), 0)
            FROM (
                SELECT MIN(ts * {PositionSlots} + position) AS first_exposure, MAX(CASE WHEN goal THEN ts END) AS last_goal, MIN(position) <> MAX(position) AS crossed
                FROM (
                    SELECT distinct_id, ts, name = @goalEvent AS goal,
                        CASE
                            WHEN name = @exposure AND json_extract(properties, '$.experiment') = @experimentKey THEN {Position("json_extract(properties, '$.variant')")}
                            WHEN name = @flag AND json_extract(properties, '$."$feature_flag"') = @experimentKey THEN {Position(BooleanOrText("'$.\"$feature_flag_response\"'"))}
                        END AS position
                    FROM events
                    WHERE project_id = @projectId AND name IN (@exposure, @flag, @goalEvent) AND ts >= @from AND ts < @to
                )
                GROUP BY distinct_id
            )
            WHERE first_exposure IS NOT NULL
            GROUP BY first_exposure % {PositionSlots}
            """,
            parameters, cancellationToken: cancellationToken));
        return ExperimentTally.Of(variants, rows.ToDictionary(row => (int)row.Position, row => (row.Exposed, row.Converted, row.Crossed)));
    }

    /// <summary>A property's string as it is, and a boolean as true/false (PostHog answers boolean flags so).</summary>
    private static string BooleanOrText(string path) => $"""
        CASE json_type(properties, {path}) WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' WHEN 'text' THEN json_extract(properties, {path}) END
        """;
}
