using Vigil.Core.Series;

namespace Vigil.Core.Storage;

/// <summary>Each project's scrape targets, in the metadata store.</summary>
public interface IScrapeTargetStore
{
    /// <summary>The targets of one project, or of every project when <paramref name="projectId"/> is null, by id.</summary>
    Task<IReadOnlyList<ScrapeTarget>> ListScrapeTargetsAsync(long? projectId, CancellationToken cancellationToken);

    Task<ScrapeTarget> AddScrapeTargetAsync(long projectId, string url, TimeSpan interval, string? bearerToken, CancellationToken cancellationToken);

    /// <summary>False when the project has no such target.</summary>
    Task<bool> DeleteScrapeTargetAsync(long projectId, long targetId, CancellationToken cancellationToken);
}
