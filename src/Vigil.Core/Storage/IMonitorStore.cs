using Vigil.Core.Monitors;

namespace Vigil.Core.Storage;

public enum MonitorSaveOutcome
{
    Saved,
    NotFound,

    /// <summary>Another monitor of the project has that name.</summary>
    NameTaken,
}

/// <summary>Monitor definitions and heartbeat pings, in the metadata store, so every node schedules and serves the same ones.</summary>
public interface IMonitorStore
{
    /// <summary>Every monitor of one project, or of every project when <paramref name="projectId"/> is null, by name.</summary>
    Task<IReadOnlyList<MonitorDefinition>> ListMonitorsAsync(long? projectId, CancellationToken cancellationToken);

    Task<MonitorDefinition?> FindMonitorAsync(long projectId, long monitorId, CancellationToken cancellationToken);

    /// <summary>Null when the project already has a monitor of that name.</summary>
    Task<MonitorDefinition?> CreateMonitorAsync(MonitorDefinition monitor, CancellationToken cancellationToken);

    /// <summary>Replaces the definition of <c>monitor.Id</c> in <c>monitor.ProjectId</c>; the token, pings and creation time stay.</summary>
    Task<MonitorSaveOutcome> UpdateMonitorAsync(MonitorDefinition monitor, CancellationToken cancellationToken);

    /// <summary>False when the project has no such monitor. Its results stay in the telemetry store.</summary>
    Task<bool> DeleteMonitorAsync(long projectId, long monitorId, CancellationToken cancellationToken);

    /// <summary>Records a heartbeat ping by the monitor's token; null for an unknown token.</summary>
    Task<MonitorDefinition?> RecordPingAsync(string token, DateTimeOffset at, bool failed, CancellationToken cancellationToken);
}
