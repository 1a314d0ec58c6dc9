using Dapper;
using Vigil.Core.Ingest;
using Vigil.Core.Metrics;
using Vigil.Core.Storage;

namespace Vigil.Storage.Sqlite;

/// <summary>
/// The product KPIs' reads. Active days come from the local-day user sets the ingest keeps, not from raw events;
/// the rest reads raw events through the (project, name, time) index, all names of a time range included.
/// </summary>
public sealed partial class SqliteTelemetryStore : IKpiEventStore
{
    public async Task<IReadOnlyList<UserActiveDays>> ReadActiveDaysAsync(long projectId, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenReadAsync(cancellationToken);
        var chunks = await connection.QueryAsync<(long Day, byte[] Members)>(new CommandDefinition(
            """
            SELECT bucket, members FROM bucket_members
            WHERE project_id = @projectId AND granularity = @granularity AND bucket >= @from AND bucket <= @to
            ORDER BY bucket
            """,
            new { projectId, granularity = DayGranularity, from = from.DayNumber, to = to.DayNumber },
            cancellationToken: cancellationToken));
        // A bucket's chunks hold disjoint members, so a user gets each day once, in day order.
        var days = new Dictionary<int, List<DateOnly>>();
        var members = new HashSet<int>();
        foreach (var (day, chunk) in chunks)
        {
            members.Clear();
            SqliteUserSets.Decode(chunk, members);
            foreach (var member in members)
            {
                if (!days.TryGetValue(member, out var userDays))
                {
                    days[member] = userDays = [];
                }
                userDays.Add(DateOnly.FromDayNumber((int)day));
            }
        }
        if (days.Count == 0)
        {
            return [];
        }
        var users = await connection.QueryAsync<(long Number, string DistinctId)>(new CommandDefinition(
            "SELECT number, distinct_id FROM user_numbers WHERE project_id = @projectId", new { projectId }, cancellationToken: cancellationToken));
        return users.Where(user => days.ContainsKey((int)user.Number)).Select(user => new UserActiveDays(user.DistinctId, days[(int)user.Number])).ToList();
    }

    public async Task<IReadOnlyList<FirstOccurrence>> ReadFirstOccurrencesAsync(
        long projectId, string eventName, PropertyExclusion? exclusion, string? property, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenReadAsync(cancellationToken);
        // SQLite takes the bare columns of a MIN() aggregate from the row holding the minimum.
        var rows = await connection.QueryAsync<(string DistinctId, long Ts, string? Value)>(new CommandDefinition(
            $"""
            SELECT distinct_id, MIN(ts), {PropertyValue("@path")} FROM events
            WHERE project_id = @projectId AND name = @eventName AND ts < @to {(exclusion is null ? "" : $"AND coalesce({PropertyValue("@excludedPath")} <> @excludedValue, 1)")}
            GROUP BY distinct_id HAVING MIN(ts) >= @from
            """,
            new
            {
                projectId, eventName, path = PropertyPath(property), excludedPath = PropertyPath(exclusion?.Property), excludedValue = exclusion?.ExcludedValue,
                from = from.ToUnixTimeMilliseconds(), to = to.ToUnixTimeMilliseconds(),
            },
            cancellationToken: cancellationToken));
        return rows.Select(row => new FirstOccurrence(row.DistinctId, DateTimeOffset.FromUnixTimeMilliseconds(row.Ts), BreakdownValue(row.Value))).ToList();
    }

    public async Task<IReadOnlyDictionary<string, string>> ReadLatestPropertyValuesAsync(long projectId, string property, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenReadAsync(cancellationToken);
        // Naming every event of the range (from the hourly counts, an hour wider each side) lets the index by name and
        // time serve a read by time alone: one range of it per name.
        var rows = await connection.QueryAsync<(string DistinctId, long Ts, string Value)>(new CommandDefinition(
            $"""
            SELECT distinct_id, MAX(ts), {PropertyValue("@path")} FROM events
            WHERE project_id = @projectId
                AND name IN (SELECT DISTINCT name FROM event_counts WHERE project_id = @projectId AND granularity = @hour AND bucket >= @fromHour AND bucket < @toHour)
                AND ts >= @from AND ts < @to AND {PropertyValue("@path")} IS NOT NULL
            GROUP BY distinct_id
            """,
            new
            {
                projectId, path = PropertyPath(property), hour = (int)Granularity.Hour, fromHour = from.ToUnixTimeSeconds() - 3600, toHour = to.ToUnixTimeSeconds() + 3600,
                from = from.ToUnixTimeMilliseconds(), to = to.ToUnixTimeMilliseconds(),
            },
            cancellationToken: cancellationToken));
        return rows.Where(row => BreakdownValue(row.Value) is not null).ToDictionary(row => row.DistinctId, row => row.Value, StringComparer.Ordinal);
    }

    public async Task<IReadOnlyList<StepEvent>> ReadStepEventsAsync(
        long projectId, IReadOnlyCollection<string> eventNames, string? property, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenReadAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string DistinctId, string Name, long Ts, string? Value)>(new CommandDefinition(
            $"""
            SELECT distinct_id, name, ts, {PropertyValue("@path")} FROM events
            WHERE project_id = @projectId AND name IN @eventNames AND ts >= @from AND ts < @to
            ORDER BY distinct_id, ts, id
            """,
            new { projectId, eventNames, path = PropertyPath(property), from = from.ToUnixTimeMilliseconds(), to = to.ToUnixTimeMilliseconds() },
            cancellationToken: cancellationToken));
        return rows.Select(row => new StepEvent(row.DistinctId, row.Name, DateTimeOffset.FromUnixTimeMilliseconds(row.Ts), BreakdownValue(row.Value))).ToList();
    }

    public async Task<IReadOnlyDictionary<string, long>> CountEventsPerUserAsync(long projectId, string eventName, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenReadAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string DistinctId, long Count)>(new CommandDefinition(
            """
            SELECT distinct_id, COUNT(*) FROM events
            WHERE project_id = @projectId AND name = @eventName AND ts >= @from AND ts < @to
            GROUP BY distinct_id
            """,
            new { projectId, eventName, from = from.ToUnixTimeMilliseconds(), to = to.ToUnixTimeMilliseconds() },
            cancellationToken: cancellationToken));
        return rows.ToDictionary(row => row.DistinctId, row => row.Count, StringComparer.Ordinal);
    }

    /// <summary>
    /// A top-level property as the ingest keeps it for breakdowns (<see cref="EventRules.BreakdownValues"/>): strings
    /// as they are, numbers as written, booleans as true/false, anything else null. A null path gives null.
    /// </summary>
    private static string PropertyValue(string path) => $"""
        CASE json_type(properties, {path})
            WHEN 'text' THEN json_extract(properties, {path})
            WHEN 'integer' THEN CAST(json_extract(properties, {path}) AS TEXT)
            WHEN 'real' THEN properties -> {path}
            WHEN 'true' THEN 'true'
            WHEN 'false' THEN 'false'
        END
        """;

    // The name is quoted so that any key is one path step; KPI requests refuse names holding quotes or backslashes.
    private static string? PropertyPath(string? property) => property is null ? null : $"$.\"{property}\"";

    private static string? BreakdownValue(string? value) => value is { Length: > 0 and <= RollupSet.MaxBreakdownValueLength } ? value : null;
}
