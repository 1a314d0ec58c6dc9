using Vigil.Core.Monitors;
using Vigil.Core.Storage;
using Vigil.Projects;

namespace Vigil.Monitors;

/// <param name="Errors">Field (camelCase, as in the API) → messages; empty when saved.</param>
internal sealed record MonitorSaveResult(MonitorDefinition? Monitor, MonitorSaveOutcome Outcome, IReadOnlyDictionary<string, string[]> Errors)
{
    public static MonitorSaveResult Invalid(Dictionary<string, string[]> errors) => new(null, MonitorSaveOutcome.Saved, errors);
}

/// <summary>Creating, changing and deleting monitors, for the API and the monitors page alike.</summary>
internal sealed class MonitorCommands(IMonitorStore store, ProjectDirectory projects, TimeProvider time)
{
    public async Task<MonitorSaveResult> CreateAsync(long projectId, MonitorInput input, CancellationToken cancellationToken)
    {
        var (valid, errors) = MonitorValidation.Validate(input);
        if (valid is null)
        {
            return MonitorSaveResult.Invalid(errors);
        }
        var monitor = valid with
        {
            ProjectId = projectId,
            Token = valid.Kind == MonitorKind.Heartbeat ? NewToken() : null,
            CreatedAt = time.GetUtcNow(),
        };
        var created = await store.CreateMonitorAsync(monitor, cancellationToken);
        if (created is null)
        {
            return NameTaken(monitor.Name);
        }
        await FollowHealthAsync(created.Name, created.Name, projectId, cancellationToken);
        return new MonitorSaveResult(created, MonitorSaveOutcome.Saved, new Dictionary<string, string[]>());
    }

    public async Task<MonitorSaveResult> UpdateAsync(long projectId, long monitorId, MonitorInput input, CancellationToken cancellationToken)
    {
        if (await store.FindMonitorAsync(projectId, monitorId, cancellationToken) is not { } existing)
        {
            return new MonitorSaveResult(null, MonitorSaveOutcome.NotFound, new Dictionary<string, string[]>());
        }
        var (valid, errors) = MonitorValidation.Validate(input);
        if (valid is null)
        {
            return MonitorSaveResult.Invalid(errors);
        }
        var monitor = valid with
        {
            Id = monitorId,
            ProjectId = projectId,
            // A heartbeat keeps its URL for life; one that becomes a heartbeat gets one.
            Token = existing.Token ?? (valid.Kind == MonitorKind.Heartbeat ? NewToken() : null),
            LastPingAt = existing.LastPingAt,
            LastPingFailed = existing.LastPingFailed,
            CreatedAt = existing.CreatedAt,
        };
        var outcome = await store.UpdateMonitorAsync(monitor, cancellationToken);
        switch (outcome)
        {
            case MonitorSaveOutcome.NameTaken:
                return NameTaken(monitor.Name);
            case MonitorSaveOutcome.Saved:
                await FollowHealthAsync(existing.Name, monitor.Name, projectId, cancellationToken);
                return new MonitorSaveResult(monitor, outcome, new Dictionary<string, string[]>());
            default:
                return new MonitorSaveResult(null, outcome, new Dictionary<string, string[]>());
        }
    }

    public async Task<bool> DeleteAsync(long projectId, long monitorId, CancellationToken cancellationToken)
    {
        var existing = await store.FindMonitorAsync(projectId, monitorId, cancellationToken);
        if (existing is null || !await store.DeleteMonitorAsync(projectId, monitorId, cancellationToken))
        {
            return false;
        }
        await FollowHealthAsync(existing.Name, existing.Name, projectId, cancellationToken);
        return true;
    }

    private Task FollowHealthAsync(string before, string after, long projectId, CancellationToken cancellationToken) =>
        before == MonitorDefaults.HealthMonitorName || after == MonitorDefaults.HealthMonitorName
            ? projects.FollowHealthMonitorAsync(projectId, cancellationToken)
            : Task.CompletedTask;

    private static MonitorSaveResult NameTaken(string name) => new(null, MonitorSaveOutcome.NameTaken, new Dictionary<string, string[]>
    {
        ["name"] = [$"another monitor of this project is already named '{name}'."],
    });

    private static string NewToken() => ApiKeySecrets.NewHeartbeatToken();
}
