using Vigil.Core.Logs;

namespace Vigil.Core.Projects;

public sealed record Project(
    long Id,
    string Name,
    string TimeZoneId,
    KeyEvents KeyEvents,
    Targets Targets,
    string? HealthUrl,
    DateTimeOffset CreatedAt)
{
    public const string DefaultTimeZoneId = "Asia/Seoul";

    /// <summary>How many days of log lines are kept and searched (<see cref="LogLimits.MinRetentionDays"/>–<see cref="LogLimits.MaxRetentionDays"/>).</summary>
    public int LogRetentionDays { get; init; } = LogLimits.DefaultRetentionDays;

    public TimeZoneInfo TimeZone => TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);
}

/// <summary>The event names the dashboard counts as page views, signups, apps created and orders.</summary>
public sealed record KeyEvents(string PageView, string Signup, string AppCreated, string Order)
{
    public static KeyEvents Default { get; } = new("$pageview", "signup", "app_created", "order");
}

/// <summary>What the team promised itself: the dashboard marks each tile ✅ or ⚠️ against these.</summary>
public sealed record Targets(double MaxErrorRatePercent, double MaxResponseTimeMs, double MinUptimePercent)
{
    public static Targets Default { get; } = new(1.0, 2000, 99.9);
}

public enum ApiKeyKind
{
    /// <summary>Write-only, for one project; safe to embed in a web page.</summary>
    Ingest,

    /// <summary>Full API access to every project of the installation.</summary>
    Admin,
}

public sealed record ApiKey(long Id, ApiKeyKind Kind, long? ProjectId, string Prefix, DateTimeOffset CreatedAt);

public sealed record User(long Id, string Email, string PasswordHash, DateTimeOffset CreatedAt);
