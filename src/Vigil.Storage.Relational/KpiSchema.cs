namespace Vigil.Storage.Relational;

/// <summary>The KPI settings table, in the dialect of each engine that shares <see cref="RelationalMetadataStore"/>.</summary>
public static class KpiSchema
{
    /// <param name="integer">The engine's 64-bit integer type.</param>
    public static string Migration(string integer) => $"""
        CREATE TABLE kpi_settings (
            project_id {integer} PRIMARY KEY REFERENCES projects (id),
            paid_event TEXT NOT NULL,
            plan_property TEXT,
            free_plan_value TEXT);
        """;
}
