namespace Vigil.Storage.Relational;

/// <summary>The goal and revenue-settings tables, in the dialect of each engine that shares <see cref="RelationalMetadataStore"/>.</summary>
public static class GoalSchema
{
    /// <param name="identity">The engine's auto-numbered primary key column type.</param>
    /// <param name="integer">The engine's 64-bit integer type.</param>
    /// <param name="real">The engine's double-precision type.</param>
    public static string Migration(string identity, string integer, string real) => $"""
        CREATE TABLE goals (
            id {identity},
            project_id {integer} NOT NULL REFERENCES projects (id),
            metric TEXT NOT NULL,
            period TEXT NOT NULL,
            target {real} NOT NULL,
            label TEXT,
            created_at {integer} NOT NULL);
        CREATE INDEX goals_by_project ON goals (project_id);
        CREATE TABLE revenue_settings (
            project_id {integer} PRIMARY KEY REFERENCES projects (id),
            property TEXT NOT NULL,
            currency TEXT NOT NULL);
        """;
}
