using Dapper;
using Vigil.Core.Kpis;
using Vigil.Core.Storage;

namespace Vigil.Storage.Relational;

public abstract partial class RelationalMetadataStore : IKpiSettingsStore
{
    public async Task<KpiSettings> GetKpiSettingsAsync(long projectId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<KpiSettingsRow>(new CommandDefinition(
            "SELECT paid_event AS PaidEvent, plan_property AS PlanProperty, free_plan_value AS FreePlanValue FROM kpi_settings WHERE project_id = @projectId",
            new { projectId }, cancellationToken: cancellationToken));
        return row is null ? KpiSettings.Default : new KpiSettings(row.PaidEvent, row.PlanProperty, row.FreePlanValue);
    }

    public async Task SaveKpiSettingsAsync(long projectId, KpiSettings settings, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO kpi_settings (project_id, paid_event, plan_property, free_plan_value) VALUES (@projectId, @PaidEvent, @PlanProperty, @FreePlanValue)
            ON CONFLICT (project_id) DO UPDATE SET paid_event = excluded.paid_event, plan_property = excluded.plan_property, free_plan_value = excluded.free_plan_value
            """,
            new { projectId, settings.PaidEvent, settings.PlanProperty, settings.FreePlanValue }, cancellationToken: cancellationToken));
    }

    private sealed record KpiSettingsRow(string PaidEvent, string? PlanProperty, string? FreePlanValue);
}
