using System.Data.Common;
using Dapper;
using Vigil.Core.Projects;
using Vigil.Core.Storage;

namespace Vigil.Storage.Relational;

/// <summary>
/// The metadata store over any engine that speaks this portable SQL (SQLite 3.35+ and PostgreSQL: <c>RETURNING</c>,
/// <c>ON CONFLICT … DO UPDATE … WHERE</c>); an engine supplies its connections and its schema.
/// </summary>
public abstract partial class RelationalMetadataStore(TimeProvider time) : IMetadataStore, IAlertStore
{
    protected abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Tables copied by <see cref="CopyToAsync"/> as they are; their columns are alike in every engine.</summary>
    private static readonly string[] ProjectTables =
        ["alert_rule_files", "alert_states", "alert_history", "silences", "maintenance_windows", "notifications", "error_issues", "monitors", "scrape_targets", "bundle_budget_sets", "bundle_budgets", "kpi_settings", "goals", "revenue_settings",
         "report_settings", "reports",
         "feedback", "nps_settings", "nps_prompts", "nps_responses",
         "experiments"];

    /// <summary>Moves identity counters past ids written explicitly (by <see cref="CopyToAsync"/>); SQLite needs nothing.</summary>
    protected virtual string? ResetIdentitiesStatement => null;

    public abstract Task MigrateAsync(CancellationToken cancellationToken);

    public async Task<bool> HasUsersAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM users", cancellationToken: cancellationToken)) > 0;
    }

    public async Task<User> CreateUserAsync(string email, string passwordHash, CancellationToken cancellationToken)
    {
        var createdAt = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await OpenAsync(cancellationToken);
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "INSERT INTO users (email, password_hash, created_at) VALUES (@email, @passwordHash, @createdAt) RETURNING id",
            new { email, passwordHash, createdAt }, cancellationToken: cancellationToken));
        return new User(id, email, passwordHash, DateTimeOffset.FromUnixTimeMilliseconds(createdAt));
    }

    public async Task<User?> FindUserByEmailAsync(string email, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(
            "SELECT id AS Id, email AS Email, password_hash AS PasswordHash, created_at AS CreatedAt FROM users WHERE lower(email) = lower(@email)",
            new { email }, cancellationToken: cancellationToken));
        return row is null ? null : new User(row.Id, row.Email, row.PasswordHash, DateTimeOffset.FromUnixTimeMilliseconds(row.CreatedAt));
    }

    public async Task<Project> CreateProjectAsync(string name, string timeZoneId, CancellationToken cancellationToken)
    {
        var project = new Project(0, name, timeZoneId, KeyEvents.Default, Targets.Default, null, time.GetUtcNow());
        await using var connection = await OpenAsync(cancellationToken);
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(ProjectRecord.Insert, ProjectRecord.From(project), cancellationToken: cancellationToken));
        return project with { Id = id };
    }

    public async Task<IReadOnlyList<Project>> ListProjectsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ProjectRecord>(new CommandDefinition($"SELECT {ProjectRecord.Columns} FROM projects ORDER BY id", cancellationToken: cancellationToken));
        return rows.Select(row => row.ToProject()).ToList();
    }

    public async Task<Project?> FindProjectAsync(long projectId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ProjectRecord>(new CommandDefinition(
            $"SELECT {ProjectRecord.Columns} FROM projects WHERE id = @projectId", new { projectId }, cancellationToken: cancellationToken));
        return row?.ToProject();
    }

    public async Task UpdateProjectAsync(Project project, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(ProjectRecord.Update, ProjectRecord.From(project), cancellationToken: cancellationToken));
    }

    public async Task<ApiKey> CreateApiKeyAsync(ApiKeyKind kind, long? projectId, string secretHash, string prefix, string? publicSecret, CancellationToken cancellationToken)
    {
        var createdAt = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await OpenAsync(cancellationToken);
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO api_keys (kind, project_id, secret_hash, prefix, public_secret, created_at)
            VALUES (@kind, @projectId, @secretHash, @prefix, @publicSecret, @createdAt) RETURNING id
            """,
            new { kind = kind.ToString(), projectId, secretHash, prefix, publicSecret, createdAt }, cancellationToken: cancellationToken));
        return new ApiKey(id, kind, projectId, prefix, DateTimeOffset.FromUnixTimeMilliseconds(createdAt));
    }

    public async Task<ApiKey?> FindApiKeyBySecretHashAsync(string secretHash, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ApiKeyRow>(new CommandDefinition(
            "SELECT id AS Id, kind AS Kind, project_id AS ProjectId, prefix AS Prefix, created_at AS CreatedAt FROM api_keys WHERE secret_hash = @secretHash",
            new { secretHash }, cancellationToken: cancellationToken));
        return row is null ? null : new ApiKey(row.Id, Enum.Parse<ApiKeyKind>(row.Kind), row.ProjectId, row.Prefix, DateTimeOffset.FromUnixTimeMilliseconds(row.CreatedAt));
    }

    public async Task<IReadOnlyList<string>> ListIngestKeysAsync(long projectId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var keys = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT public_secret FROM api_keys WHERE project_id = @projectId AND kind = 'Ingest' AND public_secret IS NOT NULL ORDER BY id",
            new { projectId }, cancellationToken: cancellationToken));
        return keys.ToList();
    }

    public async Task<bool> TryHoldLeaseAsync(string name, string holder, TimeSpan duration, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await OpenAsync(cancellationToken);
        // One statement: take a free or expired lease, or extend our own; another live holder's row is left alone
        // and the statement returns nothing.
        var taken = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            """
            INSERT INTO leases (name, holder, expires_at) VALUES (@name, @holder, @expiresAt)
            ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
            WHERE leases.holder = excluded.holder OR leases.expires_at <= @now
            RETURNING holder
            """,
            new { name, holder, expiresAt = (now + duration).ToUnixTimeMilliseconds(), now = now.ToUnixTimeMilliseconds() },
            cancellationToken: cancellationToken));
        return taken == holder;
    }

    public async Task ReleaseLeaseAsync(string name, string holder, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM leases WHERE name = @name AND holder = @holder", new { name, holder }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Copies every account, project and key, ids included, into <paramref name="target"/> in one transaction, so the
    /// keys teams already use keep working (<c>vigil migrate</c>). The target must hold no accounts or projects yet.
    /// </summary>
    public async Task<MetadataCounts> CopyToAsync(RelationalMetadataStore target, CancellationToken cancellationToken)
    {
        await using var source = await OpenAsync(cancellationToken);
        var users = (await source.QueryAsync<UserRow>(new CommandDefinition(
            "SELECT id AS Id, email AS Email, password_hash AS PasswordHash, created_at AS CreatedAt FROM users ORDER BY id", cancellationToken: cancellationToken))).ToList();
        var projects = (await source.QueryAsync<ProjectRecord>(new CommandDefinition($"SELECT {ProjectRecord.Columns} FROM projects ORDER BY id", cancellationToken: cancellationToken))).ToList();
        var keys = (await source.QueryAsync<StoredKeyRow>(new CommandDefinition(
            "SELECT id AS Id, kind AS Kind, project_id AS ProjectId, secret_hash AS SecretHash, prefix AS Prefix, public_secret AS PublicSecret, created_at AS CreatedAt FROM api_keys ORDER BY id",
            cancellationToken: cancellationToken))).ToList();

        await using var connection = await target.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var existing = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT (SELECT COUNT(*) FROM users) + (SELECT COUNT(*) FROM projects)", transaction: transaction, cancellationToken: cancellationToken));
        if (existing > 0)
        {
            throw new InvalidOperationException("The target metadata database already has accounts or projects; migrate into an empty one.");
        }
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO users (id, email, password_hash, created_at) VALUES (@Id, @Email, @PasswordHash, @CreatedAt)", users, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            ProjectRecord.InsertWithId, projects, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO api_keys (id, kind, project_id, secret_hash, prefix, public_secret, created_at)
            VALUES (@Id, @Kind, @ProjectId, @SecretHash, @Prefix, @PublicSecret, @CreatedAt)
            """,
            keys, transaction, cancellationToken: cancellationToken));
        long projectRows = 0;
        foreach (var table in ProjectTables)
        {
            projectRows += await CopyTableAsync(source, connection, transaction, table, cancellationToken);
        }
        if (target.ResetIdentitiesStatement is { } reset)
        {
            await connection.ExecuteAsync(new CommandDefinition(reset, transaction: transaction, cancellationToken: cancellationToken));
        }
        await transaction.CommitAsync(cancellationToken);
        return new MetadataCounts(users.Count, projects.Count, keys.Count, projectRows);
    }

    /// <summary>Copies a table whose columns are alike in every engine, ids included; answers how many rows it copied.</summary>
    private static async Task<long> CopyTableAsync(DbConnection source, DbConnection target, DbTransaction transaction, string table, CancellationToken cancellationToken)
    {
        var rows = (await source.QueryAsync(new CommandDefinition($"SELECT * FROM {table}", cancellationToken: cancellationToken)))
            .Cast<IDictionary<string, object?>>()
            .ToList();
        if (rows.Count == 0)
        {
            return 0;
        }
        var columns = rows[0].Keys.ToList();
        var insert = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(column => "@" + column))})";
        await target.ExecuteAsync(new CommandDefinition(insert, rows.Select(row => new DynamicParameters(row)), transaction, cancellationToken: cancellationToken));
        return rows.Count;
    }

    public async Task<MetadataCounts> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var (users, projects, keys) = await connection.QuerySingleAsync<(long, long, long)>(new CommandDefinition(
            "SELECT (SELECT COUNT(*) FROM users), (SELECT COUNT(*) FROM projects), (SELECT COUNT(*) FROM api_keys)", cancellationToken: cancellationToken));
        var projectRows = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT " + string.Join(" + ", ProjectTables.Select(table => $"(SELECT COUNT(*) FROM {table})")), cancellationToken: cancellationToken));
        return new MetadataCounts(users, projects, keys, projectRows);
    }

    private sealed record StoredKeyRow(long Id, string Kind, long? ProjectId, string SecretHash, string Prefix, string? PublicSecret, long CreatedAt);

    private sealed record UserRow(long Id, string Email, string PasswordHash, long CreatedAt);

    private sealed record ApiKeyRow(long Id, string Kind, long? ProjectId, string Prefix, long CreatedAt);
}

/// <param name="ProjectRows">Rows of every table a project owns besides its keys: alert rules, states, history, silences, the outbox, issues, monitors.</param>
public sealed record MetadataCounts(long Users, long Projects, long ApiKeys, long ProjectRows);
