using System.Threading.Channels;
using Vigil.Core.Errors;
using Vigil.Core.Ingest;
using Vigil.Core.Logs;
using Vigil.Core.Projects;
using Vigil.Core.Series;
using Vigil.Core.Storage;
using Vigil.Core.WebVitals;
using Vigil.Operations;
using Vigil.Series;

namespace Vigil.Ingest;

/// <summary>
/// Group commit: requests hand their validated items to a bounded channel and wait; the single reader
/// drains whatever has queued up, writes it in one transaction, and only then releases every waiting request.
/// Many small requests so share one fsync, and nothing is acknowledged before it is durable.
/// </summary>
internal sealed partial class IngestWriter(ITelemetryStore store, SelfMetrics metrics, ILogger<IngestWriter> logger) : BackgroundService
{
    /// <summary>The most items one commit takes; bigger commits are barely cheaper per item and hold the write lock longer.</summary>
    private const int MaxItemsPerCommit = 20_000;

    private readonly Channel<PendingWrite> _queue = Channel.CreateBounded<PendingWrite>(new BoundedChannelOptions(4096)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    private readonly SeriesTracker _series = new(store);

    private sealed record PendingWrite(long ProjectId, TimeZoneInfo Zone, TaskCompletionSource Committed)
    {
        public IReadOnlyList<ProductEvent> Events { get; init; } = [];

        public IReadOnlyList<RequestSample> Requests { get; init; } = [];

        public IReadOnlyList<ErrorEvent> Errors { get; init; } = [];

        public IReadOnlyList<WebVitalSample> WebVitals { get; init; } = [];

        public IReadOnlyList<LogRecord> Logs { get; init; } = [];

        public IReadOnlyList<MetricPoint> Points { get; init; } = [];

        /// <summary>Points the commit refused, filled in by the writer before <see cref="Committed"/> completes.</summary>
        public List<SeriesRejection> Refused { get; } = [];

        public int Count => Events.Count + Requests.Count + Errors.Count + WebVitals.Count + Logs.Count + Points.Count;
    }

    /// <summary>Completes when the items are committed; throws <see cref="IngestUnavailableException"/> when they were not.</summary>
    public Task WriteAsync(Project project, IReadOnlyList<ProductEvent> events, IReadOnlyList<RequestSample> requests, CancellationToken cancellationToken) =>
        EnqueueAsync(NewWrite(project) with { Events = events, Requests = requests }, cancellationToken);

    /// <summary>Completes when the errors are committed; throws <see cref="IngestUnavailableException"/> when they were not.</summary>
    public Task WriteErrorsAsync(Project project, IReadOnlyList<ErrorEvent> errors, CancellationToken cancellationToken) =>
        EnqueueAsync(NewWrite(project) with { Errors = errors }, cancellationToken);

    /// <summary>Completes when the Web Vitals are committed; throws <see cref="IngestUnavailableException"/> when they were not.</summary>
    public Task WriteWebVitalsAsync(Project project, IReadOnlyList<WebVitalSample> vitals, CancellationToken cancellationToken) =>
        EnqueueAsync(NewWrite(project) with { WebVitals = vitals }, cancellationToken);

    /// <summary>Completes when the log lines are committed; throws <see cref="IngestUnavailableException"/> when they were not.</summary>
    public Task WriteLogsAsync(Project project, IReadOnlyList<LogRecord> logs, CancellationToken cancellationToken) =>
        EnqueueAsync(NewWrite(project) with { Logs = logs }, cancellationToken);

    /// <summary>
    /// Completes when the points are committed, with those refused at commit (a project's series limit, a series that
    /// is already another kind); throws <see cref="IngestUnavailableException"/> when nothing was committed.
    /// </summary>
    public async Task<IReadOnlyList<SeriesRejection>> WritePointsAsync(Project project, IReadOnlyList<MetricPoint> points, CancellationToken cancellationToken)
    {
        var pending = NewWrite(project) with { Points = points };
        await EnqueueAsync(pending, cancellationToken);
        return pending.Refused;
    }

    private static PendingWrite NewWrite(Project project) =>
        new(project.Id, project.TimeZone, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    private async Task EnqueueAsync(PendingWrite pending, CancellationToken cancellationToken)
    {
        try
        {
            await _queue.Writer.WriteAsync(pending, cancellationToken);
        }
        catch (ChannelClosedException exception)
        {
            throw new IngestUnavailableException("Vigil is shutting down and takes no more writes.", exception);
        }
        await pending.Committed.Task.WaitAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var group = new List<PendingWrite>();
        while (await _queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            group.Clear();
            var items = 0;
            while (items < MaxItemsPerCommit && _queue.Reader.TryRead(out var pending))
            {
                group.Add(pending);
                items += pending.Count;
            }
            await CommitAsync(group);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Requests already queued are still committed and answered; new ones are refused by the closed channel.
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    private async Task CommitAsync(List<PendingWrite> group)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            var zones = new Dictionary<long, TimeZoneInfo>();
            foreach (var pending in group)
            {
                zones[pending.ProjectId] = pending.Zone;
            }
            var series = await AccumulateSeriesAsync(group);
            var batch = new IngestBatch(group.SelectMany(pending => pending.Events).ToList(), group.SelectMany(pending => pending.Requests).ToList(), zones)
            {
                Errors = group.SelectMany(pending => pending.Errors).ToList(),
                WebVitals = group.SelectMany(pending => pending.WebVitals).ToList(),
                Logs = group.SelectMany(pending => pending.Logs).ToList(),
                Series = series,
            };
            await store.WriteAsync(batch, CancellationToken.None);
            _series.Apply(series);
            metrics.CommitDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
            metrics.Commits.Add(1, new KeyValuePair<string, object?>("outcome", "committed"));
            RecordItems("events", batch.Events.Count);
            RecordItems("requests", batch.Requests.Count);
            RecordItems("errors", batch.Errors.Count);
            RecordItems("web_vitals", batch.WebVitals.Count);
            RecordItems("logs", batch.Logs.Count);
            RecordItems("points", group.Sum(pending => pending.Points.Count - pending.Refused.Count));
            foreach (var pending in group)
            {
                pending.Committed.TrySetResult();
            }
        }
        catch (Exception exception)
        {
            metrics.Commits.Add(1, new KeyValuePair<string, object?>("outcome", "failed"));
            LogCommitFailed(exception, group.Count);
            foreach (var pending in group)
            {
                pending.Committed.TrySetException(new IngestUnavailableException("The store could not commit the batch.", exception));
            }
        }
    }

    private void RecordItems(string kind, int count)
    {
        if (count > 0)
        {
            metrics.IngestedItems.Add(count, new KeyValuePair<string, object?>("kind", kind));
        }
    }

    private async Task<SeriesWrite> AccumulateSeriesAsync(List<PendingWrite> group)
    {
        if (!group.Any(pending => pending.Points.Count > 0))
        {
            return SeriesWrite.Empty;
        }
        await _series.LoadAsync(group.Where(pending => pending.Points.Count > 0).Select(pending => pending.ProjectId), CancellationToken.None);
        var added = new Dictionary<(long, long), SeriesKind>();
        var admitted = new List<MetricPoint>();
        foreach (var pending in group)
        {
            pending.Refused.Clear();
            foreach (var point in pending.Points)
            {
                if (_series.Admit(point, added) is { } reason)
                {
                    pending.Refused.Add(new SeriesRejection(point, reason));
                }
                else
                {
                    admitted.Add(point);
                }
            }
        }
        return SeriesAccumulator.Accumulate(admitted, _series.StateOf);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Committing {Requests} ingest requests failed; they were answered 503")]
    private partial void LogCommitFailed(Exception exception, int requests);
}

internal sealed class IngestUnavailableException(string message, Exception inner) : Exception(message, inner);
