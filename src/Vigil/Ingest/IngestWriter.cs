using System.Threading.Channels;
using Vigil.Core.Errors;
using Vigil.Core.Ingest;
using Vigil.Core.Logs;
using Vigil.Core.Projects;
using Vigil.Core.Storage;

namespace Vigil.Ingest;

/// <summary>
/// Group commit: requests hand their validated items to a bounded channel and wait; the single reader
/// drains whatever has queued up, writes it in one transaction, and only then releases every waiting request.
/// Many small requests so share one fsync, and nothing is acknowledged before it is durable.
/// </summary>
internal sealed partial class IngestWriter(ITelemetryStore store, ILogger<IngestWriter> logger) : BackgroundService
{
    /// <summary>The most items one commit takes; bigger commits are barely cheaper per item and hold the write lock longer.</summary>
    private const int MaxItemsPerCommit = 20_000;

    private readonly Channel<PendingWrite> _queue = Channel.CreateBounded<PendingWrite>(new BoundedChannelOptions(4096)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    private sealed record PendingWrite(
        long ProjectId,
        IReadOnlyList<ProductEvent> Events,
        IReadOnlyList<RequestSample> Requests,
        IReadOnlyList<ErrorEvent> Errors,
        IReadOnlyList<LogRecord> Logs,
        TimeZoneInfo Zone,
        TaskCompletionSource Committed)
    {
        public int Count => Events.Count + Requests.Count + Errors.Count + Logs.Count;
    }

    /// <summary>Completes when the items are committed; throws <see cref="IngestUnavailableException"/> when they were not.</summary>
    public Task WriteAsync(Project project, IReadOnlyList<ProductEvent> events, IReadOnlyList<RequestSample> requests, CancellationToken cancellationToken) =>
        EnqueueAsync(project, events, requests, [], [], cancellationToken);

    /// <summary>Completes when the errors are committed; throws <see cref="IngestUnavailableException"/> when they were not.</summary>
    public Task WriteErrorsAsync(Project project, IReadOnlyList<ErrorEvent> errors, CancellationToken cancellationToken) =>
        EnqueueAsync(project, [], [], errors, [], cancellationToken);

    /// <summary>Completes when the log lines are committed; throws <see cref="IngestUnavailableException"/> when they were not.</summary>
    public Task WriteLogsAsync(Project project, IReadOnlyList<LogRecord> logs, CancellationToken cancellationToken) =>
        EnqueueAsync(project, [], [], [], logs, cancellationToken);

    private async Task EnqueueAsync(
        Project project, IReadOnlyList<ProductEvent> events, IReadOnlyList<RequestSample> requests, IReadOnlyList<ErrorEvent> errors, IReadOnlyList<LogRecord> logs, CancellationToken cancellationToken)
    {
        var pending = new PendingWrite(project.Id, events, requests, errors, logs, project.TimeZone, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
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
        try
        {
            var zones = new Dictionary<long, TimeZoneInfo>();
            foreach (var pending in group)
            {
                zones[pending.ProjectId] = pending.Zone;
            }
            var batch = new IngestBatch(group.SelectMany(pending => pending.Events).ToList(), group.SelectMany(pending => pending.Requests).ToList(), zones)
            {
                Errors = group.SelectMany(pending => pending.Errors).ToList(),
                Logs = group.SelectMany(pending => pending.Logs).ToList(),
            };
            await store.WriteAsync(batch, CancellationToken.None);
            foreach (var pending in group)
            {
                pending.Committed.TrySetResult();
            }
        }
        catch (Exception exception)
        {
            LogCommitFailed(exception, group.Count);
            foreach (var pending in group)
            {
                pending.Committed.TrySetException(new IngestUnavailableException("The store could not commit the batch.", exception));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Committing {Requests} ingest requests failed; they were answered 503")]
    private partial void LogCommitFailed(Exception exception, int requests);
}

internal sealed class IngestUnavailableException(string message, Exception inner) : Exception(message, inner);
