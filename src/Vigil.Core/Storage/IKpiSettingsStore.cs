using Vigil.Core.Kpis;

namespace Vigil.Core.Storage;

/// <summary>Each project's KPI settings, in the metadata store.</summary>
public interface IKpiSettingsStore
{
    /// <summary>The project's settings, or <see cref="KpiSettings.Default"/> when it never saved any.</summary>
    Task<KpiSettings> GetKpiSettingsAsync(long projectId, CancellationToken cancellationToken);

    Task SaveKpiSettingsAsync(long projectId, KpiSettings settings, CancellationToken cancellationToken);
}
