using System.Globalization;
using System.Text;

namespace Vigil.Storage.ClickHouse.Spool;

/// <summary>What the shipper reports about the spool, for operators and for tests that wait for ClickHouse.</summary>
public sealed record SpoolStatus(long PendingBytes, DateTimeOffset? LastShippedAt, string? LastError);

/// <summary>
/// Moves spooled batches into ClickHouse: waits for appends, gathers them by size and by time, inserts the rows of
/// each table, and only then marks them shipped. When an insert's outcome is unknown (a failure, or a start after a
/// crash that may have come between an insert and its mark), the next attempt first asks ClickHouse which rows of those
/// batches it already has and sends only the others, so a batch lands exactly once.
/// </summary>
internal sealed class SpoolShipper(IngestSpool spool, ClickHouseClient client, TimeProvider time, TimeSpan flushInterval, long maxBatchBytes)
{
    private static readonly TimeSpan[] Backoff = [TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5)];

    private readonly Lock _lock = new();
    private bool _uncertain = true;
    private DateTimeOffset? _lastShippedAt;
    private string? _lastError;

    public SpoolStatus Status
    {
        get
        {
            var pending = Distance(spool.Shipped, spool.Appended, spool.SegmentBytes);
            lock (_lock)
            {
                return new SpoolStatus(pending, _lastShippedAt, _lastError);
            }
        }
    }

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await spool.WaitForAppendAsync(spool.Shipped, stoppingToken);
                if (Distance(spool.Shipped, spool.Appended, spool.SegmentBytes) < maxBatchBytes && failures == 0)
                {
                    // ClickHouse prefers few large inserts to many small ones.
                    await Task.Delay(flushInterval, time, stoppingToken);
                }
                await ShipOnceAsync(stoppingToken);
                failures = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                lock (_lock)
                {
                    _uncertain = true;
                    _lastError = exception.Message;
                }
                await Task.Delay(Backoff[Math.Min(failures++, Backoff.Length - 1)], time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>Ships what is spooled now, up to the batch size; answers false when nothing was waiting.</summary>
    public async Task<bool> ShipOnceAsync(CancellationToken cancellationToken)
    {
        var records = spool.Read(spool.Shipped, maxBatchBytes);
        if (records.Count == 0)
        {
            return false;
        }
        var batches = records.Select(record => ClickHouseRows.FromPayload(record.Payload)).ToList();
        bool uncertain;
        lock (_lock)
        {
            uncertain = _uncertain;
        }
        foreach (var table in ClickHouseRows.TableNames)
        {
            await InsertAsync(table, batches, uncertain, cancellationToken);
        }
        spool.MarkShipped(records[^1].End);
        lock (_lock)
        {
            _uncertain = false;
            _lastShippedAt = time.GetUtcNow();
            _lastError = null;
        }
        return true;
    }

    private async Task InsertAsync(string table, List<ClickHouseRows> batches, bool uncertain, CancellationToken cancellationToken)
    {
        batches = batches.Where(batch => !batch.LinesOf(table).IsEmpty).ToList();
        if (batches.Count == 0)
        {
            return;
        }
        var present = uncertain ? await PresentRowsAsync(table, batches, cancellationToken) : [];
        using var body = new MemoryStream();
        foreach (var batch in batches)
        {
            if (present.TryGetValue(batch.BatchId, out var seqs))
            {
                foreach (var line in ClickHouseRows.Missing(batch.LinesOf(table), seqs))
                {
                    body.Write(line.Span);
                }
            }
            else
            {
                body.Write(batch.LinesOf(table).Span);
            }
        }
        if (body.Length > 0)
        {
            await client.InsertAsync(table, body.GetBuffer().AsMemory(0, (int)body.Length), cancellationToken);
        }
    }

    private async Task<Dictionary<ulong, IReadOnlySet<int>>> PresentRowsAsync(string table, List<ClickHouseRows> batches, CancellationToken cancellationToken)
    {
        var ids = new StringBuilder();
        foreach (var batch in batches)
        {
            ids.Append(ids.Length == 0 ? "" : ", ").Append(batch.BatchId.ToString(CultureInfo.InvariantCulture));
        }
        var rows = await client.QueryAsync($"SELECT batch_id, seq FROM {table} WHERE batch_id IN ({ids})", cancellationToken);
        return rows
            .GroupBy(row => ulong.Parse(row[0], CultureInfo.InvariantCulture))
            .ToDictionary(group => group.Key, group => (IReadOnlySet<int>)group.Select(row => int.Parse(row[1], CultureInfo.InvariantCulture)).ToHashSet());
    }

    /// <summary>Bytes between two positions, counting a whole segment for each segment boundary crossed.</summary>
    private static long Distance(SpoolPosition from, SpoolPosition to, long segmentBytes) =>
        from.Segment == to.Segment ? Math.Max(0, to.Offset - from.Offset) : Math.Max(1, (to.Segment - from.Segment) * segmentBytes + to.Offset - from.Offset);
}
