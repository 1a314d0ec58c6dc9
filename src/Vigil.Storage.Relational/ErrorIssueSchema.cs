namespace Vigil.Storage.Relational;

/// <summary>The issue table, in the dialect of each engine that shares <see cref="RelationalMetadataStore"/>.</summary>
public static class ErrorIssueSchema
{
    /// <param name="integer">The engine's 64-bit integer type.</param>
    public static string Migration(string integer) => $"""
        CREATE TABLE error_issues (
            project_id {integer} NOT NULL REFERENCES projects (id),
            fingerprint TEXT NOT NULL,
            title TEXT NOT NULL,
            culprit TEXT,
            status TEXT NOT NULL,
            first_seen {integer} NOT NULL,
            last_seen {integer} NOT NULL,
            resolved_at {integer},
            regressed_at {integer},
            regressions {integer} NOT NULL,
            PRIMARY KEY (project_id, fingerprint));
        CREATE INDEX error_issues_by_last_seen ON error_issues (project_id, last_seen);
        CREATE INDEX error_issues_by_first_seen ON error_issues (first_seen);
        CREATE INDEX error_issues_by_regressed ON error_issues (regressed_at);
        """;
}
