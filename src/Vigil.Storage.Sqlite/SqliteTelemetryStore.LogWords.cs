using System.Data.Common;
using System.Text;
using Dapper;
using Vigil.Core.Logs;

namespace Vigil.Storage.Sqlite;

/// <summary>
/// A word search driven by the full-text index, highest line id first, reading matches only until the page is
/// settled. Collecting every match and sorting it by time took seconds for a common word at 10 M lines. Ids follow
/// arrival, not time (a late line gets a new id and an old time), so the walk alone cannot tell when it may stop:
/// <c>log_id_blocks</c> holds, per project and block of ids, the oldest and newest time of its lines, and the walk
/// stops once no line left below the one it read can be newer than the page it holds.
/// </summary>
public sealed partial class SqliteTelemetryStore
{
    /// <summary>A block is the ids sharing <c>id &gt;&gt; 10</c>, as the schema's trigger and migration compute it.</summary>
    private const int LogBlockBits = 10;

    private async Task<LogPage> SearchLogWordsAsync(LogQuery query, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenReadAsync(cancellationToken);
        // One snapshot for blocks and lines: a line committed between the two reads would have no block bounding it.
        await using var transaction = connection.BeginTransaction(deferred: true);
        var blocks = (await connection.QueryAsync<LogBlock>(new CommandDefinition(
            "SELECT block AS Block, min_ts AS MinTs, max_ts AS MaxTs FROM log_id_blocks WHERE project_id = @projectId ORDER BY block",
            new { projectId = query.ProjectId }, transaction, cancellationToken: cancellationToken))).ToList();
        var from = query.From?.ToUnixTimeMilliseconds() ?? long.MinValue;
        // The walk spans the blocks that can hold a line of the search: another project's lines of the word, or the
        // project's expired ones, below or above them are never read.
        var top = blocks.FindLastIndex(block => block.MaxTs >= from && CanHoldLinesBefore(block, query));
        var bottom = blocks.FindIndex(block => block.MaxTs >= from && CanHoldLinesBefore(block, query));
        if (top < 0)
        {
            return new LogPage([], null);
        }
        var newestThrough = NewestTimeThroughEachBlock(blocks);

        var sql = new StringBuilder(
            """
            SELECT l.id, l.ts FROM logs_fts CROSS JOIN logs l ON l.id = logs_fts.rowid
            WHERE logs_fts MATCH @match AND logs_fts.rowid >= @lowestId AND logs_fts.rowid < @aboveId
            """);
        var parameters = new DynamicParameters();
        sql.Append(" AND ");
        AppendLogFilters(sql, parameters, query);
        sql.Append(" ORDER BY logs_fts.rowid DESC");
        parameters.Add("match", Fts5Match(query.Terms));
        parameters.Add("lowestId", blocks[bottom].Block << LogBlockBits);
        parameters.Add("aboveId", (blocks[top].Block + 1) << LogBlockBits);

        // The worst line of the page on top: it is the one a newer line pushes out.
        var wanted = query.Limit + 1;
        var page = new PriorityQueue<long, (long Ts, long Id)>(wanted + 1);
        var walk = new CommandDefinition(sql.ToString(), parameters, transaction, cancellationToken: cancellationToken);
        await using (var reader = await connection.ExecuteReaderAsync(walk))
        {
            var blockIndex = top;
            while (await reader.ReadAsync(cancellationToken))
            {
                var (id, ts) = (reader.GetInt64(0), reader.GetInt64(1));
                while (blockIndex > 0 && blocks[blockIndex].Block > id >> LogBlockBits)
                {
                    blockIndex--;
                }
                // Every line not read yet has this id or a lower one, so no time above this bound.
                var bound = newestThrough[blockIndex];
                if (bound < from || (page.Count == wanted && page.TryPeek(out _, out var worst) && bound <= worst.Ts))
                {
                    break;
                }
                page.Enqueue(id, (ts, id));
                if (page.Count > wanted)
                {
                    page.Dequeue();
                }
            }
        }
        var ids = page.UnorderedItems.Select(item => item.Element).ToList();
        var rows = await connection.QueryAsync<LogRow>(new CommandDefinition(
            $"SELECT {LogColumns} FROM logs l WHERE l.id IN @ids ORDER BY l.ts DESC, l.id DESC",
            new { ids }, transaction, cancellationToken: cancellationToken));
        return LogPage.From(rows.Select(row => row.ToStoredLog()).ToList(), query.Limit);
    }

    private static bool CanHoldLinesBefore(LogBlock block, LogQuery query) =>
        (query.To is not { } to || block.MinTs < to.ToUnixTimeMilliseconds()) && (query.Before is not { } before || block.MinTs <= before.TimeMs);

    /// <summary>For each block, the newest time of any line in it or a block below it.</summary>
    private static long[] NewestTimeThroughEachBlock(IReadOnlyList<LogBlock> blocks)
    {
        var newest = new long[blocks.Count];
        for (var index = 0; index < blocks.Count; index++)
        {
            newest[index] = index == 0 ? blocks[0].MaxTs : Math.Max(newest[index - 1], blocks[index].MaxTs);
        }
        return newest;
    }

    private sealed record LogBlock(long Block, long MinTs, long MaxTs);
}
