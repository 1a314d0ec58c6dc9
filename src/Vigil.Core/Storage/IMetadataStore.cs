using Vigil.Core.Projects;

namespace Vigil.Core.Storage;

/// <summary>Accounts, projects, keys and settings: small, relational, read often and written rarely.</summary>
public interface IMetadataStore
{
    Task MigrateAsync(CancellationToken cancellationToken);

    Task<bool> HasUsersAsync(CancellationToken cancellationToken);

    Task<User> CreateUserAsync(string email, string passwordHash, CancellationToken cancellationToken);

    Task<User?> FindUserByEmailAsync(string email, CancellationToken cancellationToken);

    Task<Project> CreateProjectAsync(string name, string timeZoneId, CancellationToken cancellationToken);

    Task<IReadOnlyList<Project>> ListProjectsAsync(CancellationToken cancellationToken);

    Task<Project?> FindProjectAsync(long projectId, CancellationToken cancellationToken);

    Task UpdateProjectAsync(Project project, CancellationToken cancellationToken);

    /// <summary>Stores a key by the SHA-256 hash of its secret; the secret itself is never stored for admin tokens.</summary>
    Task<ApiKey> CreateApiKeyAsync(ApiKeyKind kind, long? projectId, string secretHash, string prefix, string? publicSecret, CancellationToken cancellationToken);

    Task<ApiKey?> FindApiKeyBySecretHashAsync(string secretHash, CancellationToken cancellationToken);

    /// <summary>Ingest keys are publishable, so they are kept readable for the settings page and the snippet.</summary>
    Task<IReadOnlyList<string>> ListIngestKeysAsync(long projectId, CancellationToken cancellationToken);

    /// <summary>
    /// Takes the named lease for <paramref name="holder"/> until now + <paramref name="duration"/> when it is free or
    /// expired, or extends it when the holder already has it; false while another holder's lease runs. Work that must
    /// happen on one node at a time (probes, alerts, reports) runs only while its node holds the lease.
    /// </summary>
    Task<bool> TryHoldLeaseAsync(string name, string holder, TimeSpan duration, CancellationToken cancellationToken);

    Task ReleaseLeaseAsync(string name, string holder, CancellationToken cancellationToken);
}
