using System.Collections.Concurrent;
using Vigil.Core.Monitors;
using Vigil.Core.Projects;
using Vigil.Core.Storage;

namespace Vigil.Projects;

/// <summary>
/// Projects and keys as the hot paths need them: ingest and API calls resolve a key on every request, so
/// lookups are cached briefly. A change made through this node is visible at once; one made elsewhere within the cache lifetime.
/// </summary>
internal sealed class ProjectDirectory(IMetadataStore store, IMonitorStore monitors, TimeProvider time)
{
    private static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, Cached<ApiKey?>> _keys = new();
    private readonly ConcurrentDictionary<long, Cached<Project?>> _projects = new();

    private sealed record Cached<T>(T Value, DateTimeOffset Expires);

    public async Task<ApiKey?> FindKeyAsync(string secret, CancellationToken cancellationToken)
    {
        var hash = ApiKeySecrets.Hash(secret);
        if (_keys.TryGetValue(hash, out var cached) && cached.Expires > time.GetUtcNow())
        {
            return cached.Value;
        }
        var key = await store.FindApiKeyBySecretHashAsync(hash, cancellationToken);
        _keys[hash] = new Cached<ApiKey?>(key, time.GetUtcNow() + CacheLifetime);
        return key;
    }

    /// <summary>The project an ingest key writes to; null for an unknown key or any other kind of key.</summary>
    public async Task<Project?> FindIngestProjectAsync(string secret, CancellationToken cancellationToken)
    {
        var key = await FindKeyAsync(secret, cancellationToken);
        return key is { Kind: ApiKeyKind.Ingest, ProjectId: { } projectId } ? await FindProjectAsync(projectId, cancellationToken) : null;
    }

    public async Task<Project?> FindProjectAsync(long projectId, CancellationToken cancellationToken)
    {
        if (_projects.TryGetValue(projectId, out var cached) && cached.Expires > time.GetUtcNow())
        {
            return cached.Value;
        }
        var project = await store.FindProjectAsync(projectId, cancellationToken);
        _projects[projectId] = new Cached<Project?>(project, time.GetUtcNow() + CacheLifetime);
        return project;
    }

    public Task<IReadOnlyList<Project>> ListProjectsAsync(CancellationToken cancellationToken) => store.ListProjectsAsync(cancellationToken);

    public async Task<Project> CreateProjectAsync(string name, string timeZoneId, CancellationToken cancellationToken)
    {
        var project = await store.CreateProjectAsync(name, timeZoneId, cancellationToken);
        await CreateIngestKeyAsync(project.Id, cancellationToken);
        return project;
    }

    /// <summary>Saves the settings, and keeps the <c>health</c> monitor in step with the health URL.</summary>
    public async Task UpdateProjectAsync(Project project, CancellationToken cancellationToken)
    {
        await store.UpdateProjectAsync(project, cancellationToken);
        _projects[project.Id] = new Cached<Project?>(project, time.GetUtcNow() + CacheLifetime);
        var health = (await monitors.ListMonitorsAsync(project.Id, cancellationToken))
            .FirstOrDefault(monitor => monitor is { Name: MonitorDefaults.HealthMonitorName, Kind: MonitorKind.Http });
        if (project.HealthUrl is null)
        {
            if (health is not null)
            {
                await monitors.DeleteMonitorAsync(project.Id, health.Id, cancellationToken);
            }
        }
        else if (health is null)
        {
            // A monitor of another kind already named "health" keeps the name; the create then does nothing.
            await monitors.CreateMonitorAsync(HealthMonitor(project), cancellationToken);
        }
        else if (health.Url != project.HealthUrl)
        {
            await monitors.UpdateMonitorAsync(health with { Url = project.HealthUrl }, cancellationToken);
        }
    }

    /// <summary>
    /// After the <c>health</c> monitor changed on the monitors page or API: the project's health URL follows it (its URL,
    /// or none once it is gone or no longer an HTTP monitor).
    /// </summary>
    public async Task FollowHealthMonitorAsync(long projectId, CancellationToken cancellationToken)
    {
        if (await store.FindProjectAsync(projectId, cancellationToken) is not { } project)
        {
            return;
        }
        var url = (await monitors.ListMonitorsAsync(projectId, cancellationToken))
            .FirstOrDefault(monitor => monitor is { Name: MonitorDefaults.HealthMonitorName, Kind: MonitorKind.Http })?.Url;
        if (url != project.HealthUrl)
        {
            var updated = project with { HealthUrl = url };
            await store.UpdateProjectAsync(updated, cancellationToken);
            _projects[projectId] = new Cached<Project?>(updated, time.GetUtcNow() + CacheLifetime);
        }
    }

    /// <summary>The health probe's former schedule and rule: every 30 s, 10 s timeout, a 2xx answer is up.</summary>
    private MonitorDefinition HealthMonitor(Project project) => new()
    {
        ProjectId = project.Id,
        Name = MonitorDefaults.HealthMonitorName,
        Kind = MonitorKind.Http,
        Url = project.HealthUrl,
        Interval = TimeSpan.FromSeconds(30),
        Timeout = TimeSpan.FromSeconds(10),
        ExpectedStatus = StatusRanges.Success,
        CreatedAt = time.GetUtcNow(),
    };

    public async Task<string> CreateIngestKeyAsync(long projectId, CancellationToken cancellationToken)
    {
        var key = ApiKeySecrets.NewIngestKey();
        await store.CreateApiKeyAsync(ApiKeyKind.Ingest, projectId, ApiKeySecrets.Hash(key), ApiKeySecrets.DisplayPrefix(key), key, cancellationToken);
        return key;
    }

    public async Task<string> CreateAdminTokenAsync(CancellationToken cancellationToken)
    {
        var token = ApiKeySecrets.NewAdminToken();
        await store.CreateApiKeyAsync(ApiKeyKind.Admin, null, ApiKeySecrets.Hash(token), ApiKeySecrets.DisplayPrefix(token), null, cancellationToken);
        return token;
    }

    public Task<IReadOnlyList<string>> ListIngestKeysAsync(long projectId, CancellationToken cancellationToken) =>
        store.ListIngestKeysAsync(projectId, cancellationToken);
}
