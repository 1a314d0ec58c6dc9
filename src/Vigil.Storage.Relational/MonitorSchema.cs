namespace Vigil.Storage.Relational;

/// <summary>The monitor table, in the dialect of each engine that shares <see cref="RelationalMetadataStore"/>.</summary>
public static class MonitorSchema
{
    /// <summary>
    /// Creates the table and turns every project's health URL into an HTTP monitor named <c>health</c>, on the health
    /// probe's schedule (every 30 s, 10 s timeout) and rule (a 2xx answer is up).
    /// </summary>
    /// <param name="identity">The engine's auto-numbered key column type, e.g. <c>INTEGER PRIMARY KEY</c>.</param>
    /// <param name="integer">The engine's 64-bit integer type.</param>
    /// <param name="real">The engine's double type.</param>
    public static string Migration(string identity, string integer, string real) => $"""
        CREATE TABLE monitors (
            id {identity},
            project_id {integer} NOT NULL REFERENCES projects (id),
            name TEXT NOT NULL,
            kind TEXT NOT NULL,
            interval_seconds {integer} NOT NULL,
            timeout_seconds {integer} NOT NULL,
            url TEXT,
            method TEXT NOT NULL,
            expected_status TEXT NOT NULL,
            keyword TEXT,
            max_latency_ms {real},
            follow_redirects {integer} NOT NULL,
            ignore_certificate_errors {integer} NOT NULL,
            host TEXT,
            port {integer},
            warn_days {integer} NOT NULL,
            period_seconds {integer},
            grace_seconds {integer},
            token TEXT UNIQUE,
            last_ping_at {integer},
            last_ping_failed {integer} NOT NULL,
            created_at {integer} NOT NULL,
            UNIQUE (project_id, name));
        INSERT INTO monitors (project_id, name, kind, interval_seconds, timeout_seconds, url, method, expected_status,
            follow_redirects, ignore_certificate_errors, warn_days, last_ping_failed, created_at)
        SELECT id, 'health', 'Http', 30, 10, health_url, 'GET', '200-299', 1, 0, 14, 0, created_at FROM projects WHERE health_url IS NOT NULL;
        """;
}
