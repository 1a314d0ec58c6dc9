using Dapper;
using Vigil.Core.Projects;
using Vigil.Core.Storage;

namespace Vigil.Storage.Sqlite;

public sealed class SqliteMetadataStore(SqliteDatabase database, TimeProvider time) : IMetadataStore
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
    ];

    public Task MigrateAsync(CancellationToken cancellationToken) => database.MigrateAsync("metadata", Migrations, cancellationToken);

    public async Task<bool> HasUsersAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM users", cancellationToken: cancellationToken)) > 0;
    }

    public async Task<User> CreateUserAsync(string email, string passwordHash, CancellationToken cancellationToken)
    {
        var createdAt = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken);
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "INSERT INTO users (email, password_hash, created_at) VALUES (@email, @passwordHash, @createdAt) RETURNING id",
            new { email, passwordHash, createdAt }, cancellationToken: cancellationToken));
        return new User(id, email, passwordHash, DateTimeOffset.FromUnixTimeMilliseconds(createdAt));
    }

    public async Task<User?> FindUserByEmailAsync(string email, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(
            "SELECT id, email, password_hash AS PasswordHash, created_at AS CreatedAt FROM users WHERE email = @email",
            new { email }, cancellationToken: cancellationToken));
        return row is null ? null : new User(row.Id, row.Email, row.PasswordHash, DateTimeOffset.FromUnixTimeMilliseconds(row.CreatedAt));
    }

    public async Task<Project> CreateProjectAsync(string name, string timeZoneId, CancellationToken cancellationToken)
    {
        var project = new Project(0, name, timeZoneId, KeyEvents.Default, Targets.Default, null, time.GetUtcNow());
        await using var connection = await database.OpenAsync(cancellationToken);
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO projects (name, time_zone, page_view_event, signup_event, app_created_event, order_event,
                max_error_rate_percent, max_response_time_ms, min_uptime_percent, health_url, created_at)
            VALUES (@Name, @TimeZoneId, @PageView, @Signup, @AppCreated, @Order,
                @MaxErrorRatePercent, @MaxResponseTimeMs, @MinUptimePercent, @HealthUrl, @CreatedAt)
            RETURNING id
            """,
            ProjectRow.From(project), cancellationToken: cancellationToken));
        return project with { Id = id };
    }

    public async Task<IReadOnlyList<Project>> ListProjectsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ProjectRow>(new CommandDefinition(ProjectRow.Select + " ORDER BY id", cancellationToken: cancellationToken));
        return rows.Select(row => row.ToProject()).ToList();
    }

    public async Task<Project?> FindProjectAsync(long projectId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ProjectRow>(new CommandDefinition(ProjectRow.Select + " WHERE id = @projectId", new { projectId }, cancellationToken: cancellationToken));
        return row?.ToProject();
    }

    public async Task UpdateProjectAsync(Project project, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE projects SET name = @Name, time_zone = @TimeZoneId, page_view_event = @PageView, signup_event = @Signup,
                app_created_event = @AppCreated, order_event = @Order, max_error_rate_percent = @MaxErrorRatePercent,
                max_response_time_ms = @MaxResponseTimeMs, min_uptime_percent = @MinUptimePercent, health_url = @HealthUrl
            WHERE id = @Id
            """,
            ProjectRow.From(project), cancellationToken: cancellationToken));
    }

    public async Task<ApiKey> CreateApiKeyAsync(ApiKeyKind kind, long? projectId, string secretHash, string prefix, string? publicSecret, CancellationToken cancellationToken)
    {
        var createdAt = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken);
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
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ApiKeyRow>(new CommandDefinition(
            "SELECT id, kind, project_id AS ProjectId, prefix, created_at AS CreatedAt FROM api_keys WHERE secret_hash = @secretHash",
            new { secretHash }, cancellationToken: cancellationToken));
        return row is null ? null : new ApiKey(row.Id, Enum.Parse<ApiKeyKind>(row.Kind), row.ProjectId, row.Prefix, DateTimeOffset.FromUnixTimeMilliseconds(row.CreatedAt));
    }

    public async Task<IReadOnlyList<string>> ListIngestKeysAsync(long projectId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var keys = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT public_secret FROM api_keys WHERE project_id = @projectId AND kind = 'Ingest' AND public_secret IS NOT NULL ORDER BY id",
            new { projectId }, cancellationToken: cancellationToken));
        return keys.ToList();
    }

    private sealed record UserRow(long Id, string Email, string PasswordHash, long CreatedAt);

    private sealed record ApiKeyRow(long Id, string Kind, long? ProjectId, string Prefix, long CreatedAt);

    private sealed class ProjectRow
    {
        public const string Select = """
            SELECT id AS Id, name AS Name, time_zone AS TimeZoneId, page_view_event AS PageView, signup_event AS Signup,
                app_created_event AS AppCreated, order_event AS "Order", max_error_rate_percent AS MaxErrorRatePercent,
                max_response_time_ms AS MaxResponseTimeMs, min_uptime_percent AS MinUptimePercent, health_url AS HealthUrl,
                created_at AS CreatedAt
            FROM projects
            """;

        public long Id { get; init; }
        public string Name { get; init; } = "";
        public string TimeZoneId { get; init; } = "";
        public string PageView { get; init; } = "";
        public string Signup { get; init; } = "";
        public string AppCreated { get; init; } = "";
        public string Order { get; init; } = "";
        public double MaxErrorRatePercent { get; init; }
        public double MaxResponseTimeMs { get; init; }
        public double MinUptimePercent { get; init; }
        public string? HealthUrl { get; init; }
        public long CreatedAt { get; init; }

        public static ProjectRow From(Project project) => new()
        {
            Id = project.Id,
            Name = project.Name,
            TimeZoneId = project.TimeZoneId,
            PageView = project.KeyEvents.PageView,
            Signup = project.KeyEvents.Signup,
            AppCreated = project.KeyEvents.AppCreated,
            Order = project.KeyEvents.Order,
            MaxErrorRatePercent = project.Targets.MaxErrorRatePercent,
            MaxResponseTimeMs = project.Targets.MaxResponseTimeMs,
            MinUptimePercent = project.Targets.MinUptimePercent,
            HealthUrl = project.HealthUrl,
            CreatedAt = project.CreatedAt.ToUnixTimeMilliseconds(),
        };

        public Project ToProject() => new(
            Id,
            Name,
            TimeZoneId,
            new KeyEvents(PageView, Signup, AppCreated, Order),
            new Targets(MaxErrorRatePercent, MaxResponseTimeMs, MinUptimePercent),
            HealthUrl,
            DateTimeOffset.FromUnixTimeMilliseconds(CreatedAt));
    }
}
