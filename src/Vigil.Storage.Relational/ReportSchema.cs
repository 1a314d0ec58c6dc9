namespace Vigil.Storage.Relational;

/// <summary>Report settings and the report archive, in the dialect of each engine that shares <see cref="RelationalMetadataStore"/>.</summary>
public static class ReportSchema
{
    /// <param name="identity">The engine's auto-numbered primary key column type.</param>
    /// <param name="integer">The engine's 64-bit integer type.</param>
    public static string Migration(string identity, string integer) => $"""
        CREATE TABLE report_settings (
            project_id {integer} PRIMARY KEY REFERENCES projects (id),
            daily_schedule TEXT,
            weekly_schedule TEXT,
            language TEXT NOT NULL,
            recipients TEXT NOT NULL);
        CREATE TABLE reports (
            id {identity},
            project_id {integer} NOT NULL REFERENCES projects (id),
            kind TEXT NOT NULL,
            period_from TEXT NOT NULL,
            period_to TEXT NOT NULL,
            language TEXT NOT NULL,
            scheduled {integer} NOT NULL,
            subject TEXT NOT NULL,
            body TEXT NOT NULL,
            created_at {integer} NOT NULL);
        CREATE UNIQUE INDEX reports_scheduled_once ON reports (project_id, kind, period_from) WHERE scheduled = 1;
        CREATE INDEX reports_by_project ON reports (project_id, id);
        """;
}
