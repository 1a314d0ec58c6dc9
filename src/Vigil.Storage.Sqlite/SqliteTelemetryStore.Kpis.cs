using System.Runtime.CompilerServices;
using Dapper;
using Vigil.Core.Ingest;
using Vigil.Core.Metrics;
using Vigil.Core.Storage;

namespace Vigil.Storage.Sqlite;

/// <summary>
/// The product KPIs' reads. Active days come from the local-day user sets the ingest keeps, first events from
/// <c>user_first_events</c>; the rest reads raw events of its time range through <c>event_id_blocks</c>
/// (see <see cref="SqliteEventRollups"/>). Events carry no index: it cost ingest more than these reads gain from it.
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
        // One snapshot for the first events and the scan after them.
        await using var transaction = connection.BeginTransaction(deferred: true);
        var parameters = new
        {
            projectId, eventName, path = PropertyPath(property), excludedPath = PropertyPath(exclusion?.Property), excludedValue = exclusion?.ExcludedValue,
            from = from.ToUnixTimeMilliseconds(), to = to.ToUnixTimeMilliseconds(),
        };
        var firsts = (await connection.QueryAsync<(string DistinctId, long Ts, string? Value, long Excluded)>(new CommandDefinition(
            $"""
            SELECT f.distinct_id, f.ts, {PropertyValue("@path")}, {(exclusion is null ? "0" : $"coalesce({PropertyValue("@excludedPath")} = @excludedValue, 0)")}
            FROM {FirstEvents(eventName)} f JOIN events e ON e.id = f.event_id
            WHERE f.ts < @to {(exclusion is null ? "AND f.ts >= @from" : "")}
            """,
            parameters, transaction, cancellationToken: cancellationToken))).ToList();
        var occurrences = firsts.Where(first => first.Excluded == 0 && first.Ts >= parameters.from)
            .Select(first => new FirstOccurrence(first.DistinctId, DateTimeOffset.FromUnixTimeMilliseconds(first.Ts), BreakdownValue(first.Value)))
            .ToList();
        var excluded = firsts.Where(first => first.Excluded != 0).ToList();
        if (excluded.Count == 0)
        {
            return occurrences;
        }

        // A user whose first event carries the excluded value may have a counting one later, between that first
        // event and the end of the range.
        var users = excluded.Select(first => first.DistinctId).ToHashSet(StringComparer.Ordinal);
        var later = await connection.QueryAsync<(string DistinctId, long Ts, string? Value)>(new CommandDefinition(
            $"""
            SELECT e.distinct_id, MIN(e.ts), {PropertyValue("@path")} FROM {EventsInTimeRange}
                AND e.name = @eventName AND coalesce({PropertyValue("@excludedPath")} <> @excludedValue, 1)
            GROUP BY e.distinct_id
            """,
            new
            {
                parameters.projectId, parameters.eventName, parameters.path, parameters.excludedPath, parameters.excludedValue,
                from = excluded.Min(first => first.Ts), parameters.to,
            },
            transaction, cancellationToken: cancellationToken));
        occurrences.AddRange(later.Where(user => users.Contains(user.DistinctId) && user.Ts >= parameters.from)
            .Select(user => new FirstOccurrence(user.DistinctId, DateTimeOffset.FromUnixTimeMilliseconds(user.Ts), BreakdownValue(user.Value))));
        return occurrences;
    }

    /// <summary>
    /// Each user's first event of @eventName (distinct_id, ts, event_id): from <c>user_first_events</c>, or for a
    /// <c>$</c> name, which it does not keep (<see cref="SqliteEventRollups"/>), from a scan of the project's events
    /// (SQLite takes event_id from the row holding MIN(ts)).
    /// </summary>
    private static string FirstEvents(string eventName) => eventName.StartsWith('$')
        ? "(SELECT distinct_id, MIN(ts) AS ts, id AS event_id FROM events WHERE project_id = @projectId AND name = @eventName GROUP BY distinct_id)"
        : "(SELECT distinct_id, ts, event_id FROM user_first_events WHERE project_id = @projectId AND name = @eventName)";

    public async Task<IReadOnlyDictionary<string, string>> ReadLatestPropertyValuesAsync(long projectId, string property, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenReadAsync(cancellationToken);
        // Only names whose events carried the property in the range's hours (an hour wider each side) can hold a value:
        // the property counts know them, so the JSON of other events (page views, mostly) is never parsed.
        var rows = await connection.QueryAsync<(string DistinctId, long Ts, string Value)>(new CommandDefinition(
            $"""
            SELECT e.distinct_id, MAX(e.ts), {PropertyValue("@path")} FROM {EventsInTimeRange}
                AND e.name IN (
                    SELECT DISTINCT c.name FROM event_counts c
                    WHERE c.project_id = @projectId AND c.granularity = @hour AND c.bucket >= @fromHour AND c.bucket < @toHour AND EXISTS (
                        SELECT 1 FROM property_counts p
                        WHERE p.project_id = @projectId AND p.name = c.name AND p.property = @property AND p.bucket >= @fromHour AND p.bucket < @toHour))
                AND {PropertyValue("@path")} IS NOT NULL
            GROUP BY e.distinct_id
            """,
            new
            {
                projectId, property, path = PropertyPath(property), hour = (int)Granularity.Hour, fromHour = from.ToUnixTimeSeconds() - 3600, toHour = to.ToUnixTimeSeconds() + 3600,
                from = from.ToUnixTimeMilliseconds(), to = to.ToUnixTimeMilliseconds(),
            },
            cancellationToken: cancellationToken));
        return rows.Where(row => BreakdownValue(row.Value) is not null).ToDictionary(row => row.DistinctId, row => row.Value, StringComparer.Ordinal);
    }

    public async IAsyncEnumerable<StepEvent> ReadStepEventsAsync(
        long projectId, IReadOnlyCollection<string> eventNames, string? property, DateTimeOffset from, DateTimeOffset to, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenReadAsync(cancellationToken);
        // SQLite sorts through temporary files past a few MiB, and the rows are handed on one by one: memory stays
        // bounded however many events the steps have (page views, say).
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            $"""
            SELECT e.distinct_id, e.name, e.ts, {PropertyValue("@path")} FROM {EventsInTimeRange}
                AND e.name IN @eventNames
            ORDER BY e.distinct_id, e.ts, e.id
            """,
            new { projectId, eventNames, path = PropertyPath(property), from = from.ToUnixTimeMilliseconds(), to = to.ToUnixTimeMilliseconds() },
            cancellationToken: cancellationToken));
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new StepEvent(
                reader.GetString(0), reader.GetString(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)), BreakdownValue(reader.IsDBNull(3) ? null : reader.GetString(3)));
        }
    }

    public async Task<IReadOnlyDictionary<string, long>> CountEventsPerUserAsync(long projectId, string eventName, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenReadAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string DistinctId, long Count)>(new CommandDefinition(
            $"""
            SELECT e.distinct_id, COUNT(*) FROM {EventsInTimeRange}
                AND e.name = @eventName
            GROUP BY e.distinct_id
            """,
            new { projectId, eventName, from = from.ToUnixTimeMilliseconds(), to = to.ToUnixTimeMilliseconds() },
            cancellationToken: cancellationToken));
        return rows.ToDictionary(row => row.DistinctId, row => row.Count, StringComparer.Ordinal);
    }

    /// <summary>
    /// The project's events (<c>e</c>) with times in [@from, @to) (Unix milliseconds), read only in the blocks of ids
    /// whose time span meets the range: a FROM clause and the start of its WHERE, for <c>AND</c> more conditions.
    /// </summary>
    private static readonly string EventsInTimeRange = $"""
        event_id_blocks b CROSS JOIN events e ON e.id >= b.block << {SqliteEventRollups.BlockBits} AND e.id < (b.block + 1) << {SqliteEventRollups.BlockBits}
        WHERE b.project_id = @projectId AND b.max_ts >= @from AND b.min_ts < @to AND e.project_id = @projectId AND e.ts >= @from AND e.ts < @to
        """;

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
