namespace Vigil.Storage.Relational;

/// <summary>The feedback and NPS tables, in the dialect of each engine that shares <see cref="RelationalMetadataStore"/>.</summary>
public static class FeedbackSchema
{
    /// <param name="identity">The engine's auto-numbered primary key column type.</param>
    /// <param name="integer">The engine's 64-bit integer type.</param>
    public static string Migration(string identity, string integer) => $"""
        CREATE TABLE feedback (
            id {identity},
            project_id {integer} NOT NULL REFERENCES projects (id),
            created_at {integer} NOT NULL,
            rating {integer} NOT NULL,
            category TEXT NOT NULL,
            text TEXT,
            page TEXT,
            distinct_id TEXT,
            status TEXT NOT NULL);
        CREATE INDEX feedback_by_project_time ON feedback (project_id, created_at);
        CREATE TABLE nps_settings (
            project_id {integer} PRIMARY KEY REFERENCES projects (id),
            enabled {integer} NOT NULL,
            period_days {integer} NOT NULL,
            question TEXT);
        CREATE TABLE nps_prompts (
            project_id {integer} NOT NULL REFERENCES projects (id),
            distinct_id TEXT NOT NULL,
            shown_at {integer} NOT NULL,
            outcome TEXT,
            outcome_at {integer},
            PRIMARY KEY (project_id, distinct_id));
        CREATE TABLE nps_responses (
            id {identity},
            project_id {integer} NOT NULL REFERENCES projects (id),
            created_at {integer} NOT NULL,
            score {integer} NOT NULL,
            comment TEXT,
            distinct_id TEXT,
            page TEXT);
        CREATE INDEX nps_responses_by_project_time ON nps_responses (project_id, created_at);
        """;
}
