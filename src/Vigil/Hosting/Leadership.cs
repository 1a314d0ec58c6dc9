using Vigil.Core.Storage;

namespace Vigil.Hosting;

/// <summary>
/// Whether this node may run the work that must happen once across all nodes (health probes now; alerts and reports
/// later). The node holds a lease in the metadata store and renews it every few seconds; when a leader dies, its lease
/// runs out and another node takes it within <see cref="LeaseDuration"/> + <see cref="RenewInterval"/>.
/// </summary>
internal sealed partial class Leadership(IMetadataStore store, TimeProvider time, ILogger<Leadership> logger) : BackgroundService
{
    public const string LeaseName = "leader";
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(20);
    public static readonly TimeSpan RenewInterval = TimeSpan.FromSeconds(5);

    private readonly Lock _lock = new();
    private DateTimeOffset _heldUntil = DateTimeOffset.MinValue;

    /// <summary>This node's name in the lease table: host, process and a random suffix, so restarts are new holders.</summary>
    public string NodeId { get; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>
    /// True while the lease is ours with a margin to spare: a renewal that failed or came late stops the work before
    /// the lease can pass to another node.
    /// </summary>
    public bool IsLeader
    {
        get
        {
            lock (_lock)
            {
                return time.GetUtcNow() + RenewInterval < _heldUntil;
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(RenewInterval, time);
        do
        {
            await RenewAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task RenewAsync(CancellationToken cancellationToken)
    {
        var askedAt = time.GetUtcNow();
        try
        {
            var held = await store.TryHoldLeaseAsync(LeaseName, NodeId, LeaseDuration, cancellationToken);
            var wasLeader = IsLeader;
            lock (_lock)
            {
                _heldUntil = held ? askedAt + LeaseDuration : DateTimeOffset.MinValue;
            }
            if (held && !wasLeader)
            {
                LogBecameLeader(NodeId);
            }
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            LogRenewFailed(exception);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (IsLeader)
        {
            // Hand over at once instead of making the other nodes wait for the lease to run out.
            lock (_lock)
            {
                _heldUntil = DateTimeOffset.MinValue;
            }
            try
            {
                await store.ReleaseLeaseAsync(LeaseName, NodeId, cancellationToken);
            }
            catch (Exception exception)
            {
                LogRenewFailed(exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "This node ({NodeId}) is now the leader: it runs the probes")]
    private partial void LogBecameLeader(string nodeId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing the leader lease failed; this node stops leading work until it succeeds")]
    private partial void LogRenewFailed(Exception exception);
}

internal static class LeadershipServices
{
    public static IServiceCollection AddLeadership(this IServiceCollection services)
    {
        services.AddSingleton<Leadership>();
        services.AddHostedService(provider => provider.GetRequiredService<Leadership>());
        return services;
    }
}
