using System.Data.Common;
using Vigil.Storage.Relational;

namespace Vigil.Storage.Sqlite;

public sealed class SqliteMetadataStore(SqliteDatabase database, TimeProvider time) : RelationalMetadataStore(time)
{
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE users (
            id INTEGER PRIMARY KEY,
            email TEXT NOT NULL UNIQUE COLLATE NOCASE,
            password_hash TEXT NOT NULL,
            created_at INTEGER NOT NULL);
        CREATE TABLE projects (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            time_zone TEXT NOT NULL,
            page_view_event TEXT NOT NULL,
            signup_event TEXT NOT NULL,
            app_created_event TEXT NOT NULL,
            order_event TEXT NOT NULL,
            max_error_rate_percent REAL NOT NULL,
            max_response_time_ms REAL NOT NULL,
            min_uptime_percent REAL NOT NULL,
            health_url TEXT,
            created_at INTEGER NOT NULL);
        CREATE TABLE api_keys (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            project_id INTEGER REFERENCES projects (id),
            secret_hash TEXT NOT NULL UNIQUE,
            prefix TEXT NOT NULL,
            public_secret TEXT,
            created_at INTEGER NOT NULL);
        """,
        """
        CREATE TABLE leases (
            name TEXT PRIMARY KEY,
            holder TEXT NOT NULL,
            expires_at INTEGER NOT NULL);
        """,
        AlertSchema.Migration(identity: "INTEGER PRIMARY KEY", integer: "INTEGER"),
        ErrorIssueSchema.Migration(integer: "INTEGER"),
        MonitorSchema.Migration(identity: "INTEGER PRIMARY KEY", integer: "INTEGER", real: "REAL"),
        "ALTER TABLE projects ADD COLUMN log_retention_days INTEGER NOT NULL DEFAULT 14",
        ScrapeTargetSchema.Migration(identity: "INTEGER PRIMARY KEY", integer: "INTEGER"),
        BundleBudgetSchema.Migration(integer: "INTEGER"),
        KpiSchema.Migration(integer: "INTEGER"),
        GoalSchema.Migration(identity: "INTEGER PRIMARY KEY", integer: "INTEGER", real: "REAL"),
        ReportSchema.Migration(identity: "INTEGER PRIMARY KEY", integer: "INTEGER"),
        FeedbackSchema.Migration(identity: "INTEGER PRIMARY KEY", integer: "INTEGER"),
        ExperimentSchema.Migration(identity: "INTEGER PRIMARY KEY", integer: "INTEGER", real: "REAL"),
    ];

    public override Task MigrateAsync(CancellationToken cancellationToken) => database.MigrateAsync("metadata", Migrations, cancellationToken);

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => await database.OpenAsync(cancellationToken);
}
