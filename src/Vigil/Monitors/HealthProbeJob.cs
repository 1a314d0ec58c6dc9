using System.Diagnostics;
using Vigil.Core.Monitors;
using Vigil.Core.Projects;
using Vigil.Core.Storage;
using Vigil.Hosting;
using Vigil.Projects;

namespace Vigil.Monitors;

/// <summary>
/// Every interval, probes the health URL of every project that has one and keeps each result: up means a 2xx within
/// the timeout. Only the leader probes, so several nodes do not probe (and count) each URL several times; a node that
/// becomes leader probes within a second.
/// </summary>
internal sealed partial class HealthProbeJob(
    ProjectDirectory projects,
    ITelemetryStore store,
    Leadership leadership,
    IHttpClientFactory httpClients,
    VigilOptions options,
    TimeProvider time,
    ILogger<HealthProbeJob> logger) : BackgroundService
{
    public const string HttpClientName = "health-probe";

    /// <summary>When the last round finished; the health of the job itself.</summary>
    public DateTimeOffset? LastRoundAt { get; private set; }

    private static readonly TimeSpan LeadershipCheck = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.HealthProbeInterval < LeadershipCheck ? options.HealthProbeInterval : LeadershipCheck, time);
        DateTimeOffset? lastStartedAt = null;
        do
        {
            var now = time.GetUtcNow();
            if (!leadership.IsLeader || (lastStartedAt is { } last && now - last < options.HealthProbeInterval))
            {
                continue;
            }
            lastStartedAt = now;
            try
            {
                await ProbeAllAsync(stoppingToken);
                LastRoundAt = time.GetUtcNow();
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogRoundFailed(exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task ProbeAllAsync(CancellationToken cancellationToken)
    {
        var targets = (await projects.ListProjectsAsync(cancellationToken)).Where(project => project.HealthUrl is not null);
        await Task.WhenAll(targets.Select(project => ProbeAsync(project, cancellationToken)));
    }

    private async Task ProbeAsync(Project project, CancellationToken cancellationToken)
    {
        var startedAt = time.GetUtcNow();
        var stopwatch = Stopwatch.StartNew();
        ProbeResult result;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.HealthProbeTimeout);
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).GetAsync(project.HealthUrl, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            result = new ProbeResult(project.Id, startedAt, status is >= 200 and < 300, status, stopwatch.Elapsed.TotalMilliseconds, null);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            var error = exception is OperationCanceledException ? $"no answer within {options.HealthProbeTimeout.TotalSeconds:0} s" : exception.Message;
            result = new ProbeResult(project.Id, startedAt, false, null, stopwatch.Elapsed.TotalMilliseconds, error);
        }
        await store.WriteProbeResultAsync(result, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A round of health probes failed")]
    private partial void LogRoundFailed(Exception exception);
}

internal static class HealthProbes
{
    public static IServiceCollection AddHealthProbes(this IServiceCollection services)
    {
        services.AddHttpClient(HealthProbeJob.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = true, PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        services.AddSingleton<HealthProbeJob>();
        services.AddHostedService(provider => provider.GetRequiredService<HealthProbeJob>());
        return services;
    }
}
