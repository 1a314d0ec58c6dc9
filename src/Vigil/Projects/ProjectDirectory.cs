using System.Collections.Concurrent;
using Vigil.Core.Projects;
using Vigil.Core.Storage;

namespace Vigil.Projects;

/// <summary>
/// Projects and keys as the hot paths need them: ingest and API calls resolve a key on every request, so
/// lookups are cached briefly. A change made through this node is visible at once; one made elsewhere within the cache lifetime.
/// </summary>
internal sealed class ProjectDirectory(IMetadataStore store, TimeProvider time)
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

    public async Task UpdateProjectAsync(Project project, CancellationToken cancellationToken)
    {
        await store.UpdateProjectAsync(project, cancellationToken);
        _projects[project.Id] = new Cached<Project?>(project, time.GetUtcNow() + CacheLifetime);
    }

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
