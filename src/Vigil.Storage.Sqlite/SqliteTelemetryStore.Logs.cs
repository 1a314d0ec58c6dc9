using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Dapper;
using Vigil.Core.Logs;

namespace Vigil.Storage.Sqlite;

/// <summary>
/// Log lines in <c>logs</c>, their bodies in the FTS5 index <c>logs_fts</c> (unicode61 tokenizer: words, case and
/// diacritics folded). Reads walk <c>(project_id, ts)</c> newest first, or a trace's lines by <c>(project_id, trace_id)</c>.
/// </summary>
public sealed partial class SqliteTelemetryStore
{
    /// <summary>Lines deleted per transaction: a few milliseconds of write lock, so ingest commits go on in between.</summary>
    private const int DeleteChunk = 5000;

    private const string LogColumns =
        """
        l.id AS Id, l.project_id AS ProjectId, l.ts AS Ts, l.observed_ts AS ObservedTs, l.severity_number AS SeverityNumber,
        l.severity_text AS SeverityText, l.level AS Level, l.body AS Body, l.service AS Service, l.trace_id AS TraceId,
        l.span_id AS SpanId, l.attributes AS Attributes
        """;

    public async Task<LogPage> SearchLogsAsync(LogQuery query, CancellationToken cancellationToken)
    {
        // A trace has a handful of lines, which its index finds at once; words without a trace go by the full-text index.
        if (query.Terms.Count > 0 && query.TraceId is null)
        {
            return await SearchLogWordsAsync(query, cancellationToken);
        }
        // The planner, drawn to the time index by the ORDER BY, would walk the project's whole retention for a trace (a
        // second at a million lines), so the trace's index is named.
        var sql = new StringBuilder($"SELECT {LogColumns} FROM logs l {(query.TraceId is null ? "" : "INDEXED BY logs_by_project_trace")} WHERE ");
        var parameters = new DynamicParameters();
        AppendLogFilters(sql, parameters, query);
        if (query.Terms.Count > 0)
        {
            sql.Append(" AND l.id IN (SELECT rowid FROM logs_fts WHERE logs_fts MATCH @match)");
            parameters.Add("match", Fts5Match(query.Terms));
        }
        sql.Append(" ORDER BY l.ts DESC, l.id DESC LIMIT @limit");
        parameters.Add("limit", query.Limit + 1);
        await using var connection = await database.OpenReadAsync(cancellationToken);
        var rows = await connection.QueryAsync<LogRow>(new CommandDefinition(sql.ToString(), parameters, cancellationToken: cancellationToken));
        return LogPage.From(rows.Select(row => row.ToStoredLog()).ToList(), query.Limit);
    }

    /// <summary>Every condition of the search but its words, on the line <c>l</c>.</summary>
    private static void AppendLogFilters(StringBuilder sql, DynamicParameters parameters, LogQuery query)
    {
        sql.Append("l.project_id = @projectId");
        parameters.Add("projectId", query.ProjectId);
        if (query.From is { } from)
        {
            sql.Append(" AND l.ts >= @from");
            parameters.Add("from", from.ToUnixTimeMilliseconds());
        }
        if (query.To is { } to)
        {
            sql.Append(" AND l.ts < @to");
            parameters.Add("to", to.ToUnixTimeMilliseconds());
        }
        if (query.Before is { } before)
        {
            sql.Append(" AND (l.ts < @beforeTs OR (l.ts = @beforeTs AND l.id < @beforeId))");
            parameters.Add("beforeTs", before.TimeMs);
            parameters.Add("beforeId", (long)Math.Min(before.Id, long.MaxValue));
        }
        if (query.MinLevel is { } level)
        {
            sql.Append(" AND l.level >= @level");
            parameters.Add("level", (int)level);
        }
        if (query.TraceId is { } traceId)
        {
            sql.Append(" AND l.trace_id = @traceId");
            parameters.Add("traceId", traceId);
        }
        for (var index = 0; index < query.Attributes.Count; index++)
        {
            sql.Append(CultureInfo.InvariantCulture, $" AND EXISTS (SELECT 1 FROM json_each(l.attributes) a WHERE a.key = @key{index} AND a.value = @value{index})");
            parameters.Add($"key{index}", query.Attributes[index].Key);
            parameters.Add($"value{index}", query.Attributes[index].Value);
        }
    }

    /// <summary>
    /// Every term a quoted FTS5 string (quotes doubled), so no character of a search is FTS5 syntax; a prefix term
    /// gets FTS5's <c>*</c> after its string. Terms are ANDed.
    /// </summary>
    internal static string Fts5Match(IReadOnlyList<LogSearchTerm> terms) =>
        string.Join(" AND ", terms.Select(term => $"\"{term.Text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"{(term.IsPrefix ? " *" : "")}"));

    public async Task<long> DeleteExpiredLogsAsync(IReadOnlyDictionary<long, DateTimeOffset> cutoffs, CancellationToken cancellationToken)
    {
        long deleted = 0;
        await using var connection = await database.OpenAsync(cancellationToken);
        foreach (var (projectId, cutoff) in cutoffs)
        {
            int chunk;
            do
            {
                // The ingest writer's lock, chunk by chunk: its commits wait for one chunk at most, never for the whole purge.
                await _writeLock.WaitAsync(cancellationToken);
                try
                {
                    chunk = await connection.ExecuteAsync(new CommandDefinition(
                        "DELETE FROM logs WHERE id IN (SELECT id FROM logs WHERE project_id = @projectId AND ts < @cutoff LIMIT @chunkSize)",
                        new { projectId, cutoff = cutoff.ToUnixTimeMilliseconds(), chunkSize = DeleteChunk },
                        cancellationToken: cancellationToken));
                }
                finally
                {
                    _writeLock.Release();
                }
                deleted += chunk;
            }
            while (chunk == DeleteChunk);
            // A block whose newest line was before the cutoff has no line left.
            await _writeLock.WaitAsync(cancellationToken);
            try
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    "DELETE FROM log_id_blocks WHERE project_id = @projectId AND max_ts < @cutoff",
                    new { projectId, cutoff = cutoff.ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken));
            }
            finally
            {
                _writeLock.Release();
            }
        }
        return deleted;
    }

    /// <summary>Every log line in the order it arrived, a page at a time (for <c>vigil migrate</c>).</summary>
    public async IAsyncEnumerable<IReadOnlyList<LogRecord>> ReadAllLogsAsync(int pageSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenReadAsync(cancellationToken);
        for (long after = 0; ;)
        {
            var rows = (await connection.QueryAsync<LogRow>(new CommandDefinition(
                $"SELECT {LogColumns} FROM logs l WHERE l.id > @after ORDER BY l.id LIMIT @pageSize",
                new { after, pageSize }, cancellationToken: cancellationToken))).ToList();
            if (rows.Count == 0)
            {
                yield break;
            }
            after = rows[^1].Id;
            yield return rows.Select(row => row.ToStoredLog().Record).ToList();
        }
    }

    private sealed record LogRow(
        long Id, long ProjectId, long Ts, long ObservedTs, long SeverityNumber, string SeverityText, long Level, string Body, string Service,
        string? TraceId, string? SpanId, string Attributes)
    {
        public StoredLog ToStoredLog() => new((ulong)Id, new LogRecord(
            ProjectId, DateTimeOffset.FromUnixTimeMilliseconds(Ts), DateTimeOffset.FromUnixTimeMilliseconds(ObservedTs), (int)SeverityNumber, SeverityText,
            (LogSeverity)Level, Body, Service, TraceId, SpanId, LogAttributeJson.Deserialize(Attributes)));
    }
}
