namespace Vigil.Storage.Relational;

/// <summary>The scrape-target table, in the dialect of each engine that shares <see cref="RelationalMetadataStore"/>.</summary>
public static class ScrapeTargetSchema
{
    /// <param name="identity">The engine's auto-numbered primary key column type.</param>
    /// <param name="integer">The engine's 64-bit integer type.</param>
    public static string Migration(string identity, string integer) => $"""
        CREATE TABLE scrape_targets (
            id {identity},
            project_id {integer} NOT NULL REFERENCES projects (id),
            url TEXT NOT NULL,
            interval_ms {integer} NOT NULL,
            bearer_token TEXT,
            created_at {integer} NOT NULL);
        CREATE INDEX scrape_targets_by_project ON scrape_targets (project_id);
        """;
}
