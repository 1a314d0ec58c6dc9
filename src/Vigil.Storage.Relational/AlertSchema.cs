namespace Vigil.Storage.Relational;

/// <summary>The alert tables, in the dialect of each engine that shares <see cref="RelationalMetadataStore"/>.</summary>
public static class AlertSchema
{
    /// <param name="identity">The engine's auto-numbered key column type, e.g. <c>INTEGER PRIMARY KEY</c>.</param>
    /// <param name="integer">The engine's 64-bit integer type.</param>
    public static string Migration(string identity, string integer) => $"""
        CREATE TABLE alert_rule_files (
            project_id {integer} PRIMARY KEY REFERENCES projects (id),
            yaml TEXT NOT NULL,
            version {integer} NOT NULL,
            updated_at {integer} NOT NULL);
        CREATE TABLE alert_states (
            project_id {integer} NOT NULL REFERENCES projects (id),
            rule_name TEXT NOT NULL,
            severity TEXT NOT NULL,
            condition_text TEXT NOT NULL,
            status TEXT NOT NULL,
            active_at {integer},
            firing_since {integer},
            clearing_since {integer},
            last_notified_at {integer},
            firing_notified {integer} NOT NULL,
            value_text TEXT NOT NULL,
            silenced {integer} NOT NULL,
            evaluated_at {integer} NOT NULL,
            PRIMARY KEY (project_id, rule_name));
        CREATE TABLE alert_history (
            id {identity},
            project_id {integer} NOT NULL REFERENCES projects (id),
            rule_name TEXT NOT NULL,
            transition TEXT NOT NULL,
            at {integer} NOT NULL,
            value_text TEXT NOT NULL);
        CREATE INDEX alert_history_by_rule ON alert_history (project_id, rule_name, at);
        CREATE INDEX alert_history_by_project ON alert_history (project_id, at);
        CREATE TABLE silences (
            id {identity},
            project_id {integer} NOT NULL REFERENCES projects (id),
            matchers TEXT NOT NULL,
            starts_at {integer} NOT NULL,
            ends_at {integer} NOT NULL,
            reason TEXT NOT NULL,
            created_by TEXT NOT NULL,
            created_at {integer} NOT NULL);
        CREATE INDEX silences_by_end ON silences (ends_at);
        CREATE TABLE maintenance_windows (
            id {identity},
            project_id {integer} NOT NULL REFERENCES projects (id),
            starts_at {integer} NOT NULL,
            ends_at {integer} NOT NULL,
            reason TEXT NOT NULL,
            created_at {integer} NOT NULL);
        CREATE TABLE notifications (
            id {identity},
            project_id {integer} NOT NULL REFERENCES projects (id),
            destination TEXT NOT NULL,
            message TEXT NOT NULL,
            status TEXT NOT NULL,
            attempts {integer} NOT NULL,
            next_attempt_at {integer} NOT NULL,
            last_error TEXT,
            created_at {integer} NOT NULL,
            give_up_at {integer} NOT NULL,
            sent_at {integer});
        CREATE INDEX notifications_due ON notifications (status, next_attempt_at);
        CREATE INDEX notifications_by_project ON notifications (project_id, id);
        """;
}
