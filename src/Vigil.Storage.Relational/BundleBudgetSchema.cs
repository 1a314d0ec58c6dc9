namespace Vigil.Storage.Relational;

/// <summary>The bundle-budget tables, in the dialect of each engine that shares <see cref="RelationalMetadataStore"/>.</summary>
public static class BundleBudgetSchema
{
    /// <param name="integer">The engine's 64-bit integer type.</param>
    /// <remarks>A project without a <c>bundle_budget_sets</c> row has the default budgets; one with a row has exactly its <c>bundle_budgets</c>.</remarks>
    public static string Migration(string integer) => $"""
        CREATE TABLE bundle_budget_sets (
            project_id {integer} PRIMARY KEY REFERENCES projects (id),
            compression TEXT NOT NULL,
            total_max_bytes {integer},
            updated_at {integer} NOT NULL);
        CREATE TABLE bundle_budgets (
            project_id {integer} NOT NULL REFERENCES projects (id),
            position INTEGER NOT NULL,
            pattern TEXT NOT NULL,
            max_bytes {integer} NOT NULL,
            PRIMARY KEY (project_id, position));
        """;
}
