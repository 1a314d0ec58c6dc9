using Vigil.Core.Monitors;
using Vigil.Core.Storage;
using Vigil.Hosting;

namespace Vigil.Monitors;

/// <summary>
/// On the leader only, every second: reads the monitors and starts the checks that are due, each monitor on its own
/// interval, at most <see cref="VigilOptions.MonitorConcurrency"/> at a time, never two of one monitor at once. A
/// monitor's first check comes 1 to 10 s after this node first sees it (random, so monitors created together do not
/// all fire in the same second); the next ones follow every interval from there, without drift.
/// </summary>
internal sealed partial class MonitorSchedulerJob(
    IMonitorStore monitors,
    ITelemetryStore store,
    MonitorChecker checker,
    Leadership leadership,
    VigilOptions options,
    TimeProvider time,
    ILogger<MonitorSchedulerJob> logger) : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxFirstDelay = TimeSpan.FromSeconds(10);

    private readonly Dictionary<long, DateTimeOffset> _due = [];
    private readonly Dictionary<long, Task> _running = [];
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _slots = new(options.MonitorConcurrency, options.MonitorConcurrency);

    /// <summary>When the leader last went through the schedule; the health of the job itself.</summary>
    public DateTimeOffset? LastRoundAt { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Tick, time);
        do
        {
            if (!leadership.IsLeader)
            {
                // Whoever leads meanwhile keeps its own schedule; this node starts afresh when it leads again.
                lock (_lock)
                {
                    _due.Clear();
                }
                continue;
            }
            try
            {
                await StartDueChecksAsync(stoppingToken);
                LastRoundAt = time.GetUtcNow();
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogRoundFailed(exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task StartDueChecksAsync(CancellationToken cancellationToken)
    {
        var all = await monitors.ListMonitorsAsync(null, cancellationToken);
        var now = time.GetUtcNow();
        lock (_lock)
        {
            var current = all.Select(monitor => monitor.Id).ToHashSet();
            foreach (var gone in _due.Keys.Where(id => !current.Contains(id)).ToList())
            {
                _due.Remove(gone);
            }
            foreach (var monitor in all)
            {
                if (!_due.TryGetValue(monitor.Id, out var due))
                {
                    var firstDelay = monitor.Interval < MaxFirstDelay ? monitor.Interval : MaxFirstDelay;
                    _due[monitor.Id] = now + TimeSpan.FromSeconds(1) + (firstDelay - TimeSpan.FromSeconds(1)) * Random.Shared.NextDouble();
                    continue;
                }
                if (due > now || _running.ContainsKey(monitor.Id))
                {
                    continue;
                }
                // Skip whole intervals missed (a pause, a long outage of the store) instead of checking in a burst.
                var next = due + monitor.Interval;
                if (next <= now)
                {
                    next = now + monitor.Interval;
                }
                _due[monitor.Id] = next;
                _running[monitor.Id] = RunAsync(monitor, cancellationToken);
            }
        }
    }

    /// <summary>Checks every monitor now and waits for the results to be stored (tests, and the first round of a demo).</summary>
    public async Task CheckAllAsync(CancellationToken cancellationToken)
    {
        var all = await monitors.ListMonitorsAsync(null, cancellationToken);
        await Task.WhenAll(all.Select(monitor => CheckAndStoreAsync(monitor, cancellationToken)));
        LastRoundAt = time.GetUtcNow();
    }

    private async Task RunAsync(MonitorDefinition monitor, CancellationToken cancellationToken)
    {
        await Task.Yield();
        try
        {
            await CheckAndStoreAsync(monitor, cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            LogCheckFailed(exception, monitor.Id, monitor.Name);
        }
        finally
        {
            lock (_lock)
            {
                _running.Remove(monitor.Id);
            }
        }
    }

    private async Task CheckAndStoreAsync(MonitorDefinition monitor, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        try
        {
            if (await checker.CheckAsync(monitor, cancellationToken) is { } result)
            {
                await store.WriteMonitorResultAsync(result, cancellationToken);
            }
        }
        finally
        {
            _slots.Release();
        }
    }

    public override void Dispose()
    {
        _slots.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A round of monitor checks failed")]
    private partial void LogRoundFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checking monitor {MonitorId} ({Name}) failed")]
    private partial void LogCheckFailed(Exception exception, long monitorId, string name);
}
