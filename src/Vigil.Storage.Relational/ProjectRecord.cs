using Vigil.Core.Projects;

namespace Vigil.Storage.Relational;

/// <summary>The flat row the relational metadata stores keep a project in.</summary>
internal sealed class ProjectRecord
{
    public const string Columns = """
        id AS Id, name AS Name, time_zone AS TimeZoneId, page_view_event AS PageView, signup_event AS Signup,
        app_created_event AS AppCreated, order_event AS "Order", max_error_rate_percent AS MaxErrorRatePercent,
        max_response_time_ms AS MaxResponseTimeMs, min_uptime_percent AS MinUptimePercent, health_url AS HealthUrl,
        created_at AS CreatedAt, log_retention_days AS LogRetentionDays
        """;

    private const string InsertColumns = """
        name, time_zone, page_view_event, signup_event, app_created_event, order_event,
            max_error_rate_percent, max_response_time_ms, min_uptime_percent, health_url, created_at, log_retention_days
        """;

    private const string InsertValues = """
        @Name, @TimeZoneId, @PageView, @Signup, @AppCreated, @Order,
            @MaxErrorRatePercent, @MaxResponseTimeMs, @MinUptimePercent, @HealthUrl, @CreatedAt, @LogRetentionDays
        """;

    public const string Insert = "INSERT INTO projects (" + InsertColumns + ") VALUES (" + InsertValues + ") RETURNING id";

    /// <summary>Keeps the id, for copying projects between stores.</summary>
    public const string InsertWithId = "INSERT INTO projects (id, " + InsertColumns + ") VALUES (@Id, " + InsertValues + ")";

    public const string Update = """
        UPDATE projects SET name = @Name, time_zone = @TimeZoneId, page_view_event = @PageView, signup_event = @Signup,
            app_created_event = @AppCreated, order_event = @Order, max_error_rate_percent = @MaxErrorRatePercent,
            max_response_time_ms = @MaxResponseTimeMs, min_uptime_percent = @MinUptimePercent, health_url = @HealthUrl,
            log_retention_days = @LogRetentionDays
        WHERE id = @Id
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
    public int LogRetentionDays { get; init; }

    /// <summary>Unix milliseconds.</summary>
    public long CreatedAt { get; init; }

    public static ProjectRecord From(Project project) => new()
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
        LogRetentionDays = project.LogRetentionDays,
        CreatedAt = project.CreatedAt.ToUnixTimeMilliseconds(),
    };

    public Project ToProject() => new(
        Id,
        Name,
        TimeZoneId,
        new KeyEvents(PageView, Signup, AppCreated, Order),
        new Targets(MaxErrorRatePercent, MaxResponseTimeMs, MinUptimePercent),
        HealthUrl,
        DateTimeOffset.FromUnixTimeMilliseconds(CreatedAt))
    {
        LogRetentionDays = LogRetentionDays,
    };
}
