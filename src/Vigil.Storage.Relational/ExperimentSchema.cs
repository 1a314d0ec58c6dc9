namespace Vigil.Storage.Relational;

/// <summary>The experiments table, in the dialect of each engine that shares <see cref="RelationalMetadataStore"/>.</summary>
public static class ExperimentSchema
{
    /// <param name="identity">The engine's auto-numbered primary key column type.</param>
    /// <param name="integer">The engine's 64-bit integer type.</param>
    /// <param name="real">The engine's double-precision type.</param>
    public static string Migration(string identity, string integer, string real) => $"""
        CREATE TABLE experiments (
            id {identity},
            project_id {integer} NOT NULL REFERENCES projects (id),
            experiment_key TEXT NOT NULL,
            name TEXT NOT NULL,
            hypothesis TEXT,
            variants TEXT NOT NULL,
            goal_event TEXT NOT NULL,
            method TEXT NOT NULL,
            alpha {real} NOT NULL,
            power {real} NOT NULL,
            baseline_rate {real} NOT NULL,
            minimum_detectable_lift {real} NOT NULL,
            status TEXT NOT NULL,
            created_at {integer} NOT NULL,
            started_at {integer},
            stopped_at {integer},
            shipped_variant TEXT,
            decision_note TEXT);
        CREATE UNIQUE INDEX experiments_by_key ON experiments (project_id, experiment_key);
        """;
}
