using Vigil.Alerts.Delivery;
using Vigil.Core.Projects;
using Vigil.Storage.ClickHouse;

namespace Vigil.Hosting;

/// <summary>Settings of <c>vigil serve</c>: flags win over <c>Vigil__*</c> environment variables, which win over defaults.</summary>
public sealed class VigilOptions
{
    public const string Section = "Vigil";

    public string Urls { get; set; } = "http://127.0.0.1:5080";

    public string Data { get; set; } = "./data";

    /// <summary>The time zone of the first project; each project's zone is then a project setting.</summary>
    public string TimeZone { get; set; } = Project.DefaultTimeZoneId;

    public string OwnerEmail { get; set; } = "owner@vigil.local";

    /// <summary>Npgsql connection string of the metadata database; with <see cref="ClickHouse"/>, scales Vigil out.</summary>
    public string? Postgres { get; set; }

    /// <summary>ClickHouse connection string (see <c>ClickHouseSettings</c>) for events and telemetry.</summary>
    public string? ClickHouse { get; set; }

    /// <summary>How long spooled events may wait to be gathered into one ClickHouse insert.</summary>
    public TimeSpan ClickHouseFlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How many monitor checks may run at once on the leader; each monitor has its own interval and timeout.</summary>
    public int MonitorConcurrency { get; set; } = 32;

    /// <summary>How often alert rules are evaluated.</summary>
    public TimeSpan AlertEvaluationInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The address people reach Vigil at, for links in notifications; defaults to the first of <see cref="Urls"/>.</summary>
    public string? PublicUrl { get; set; }

    /// <summary>E-mail, SMS and KakaoTalk providers' accounts; Slack and webhooks need only the URL in the rule file.</summary>
    public NotificationOptions Notifications { get; set; } = new();

    public string DatabasePath => Path.Combine(Path.GetFullPath(Data), "vigil.db");

    public string SpoolDirectory => Path.Combine(Path.GetFullPath(Data), "spool");

    /// <summary>Alert rule files, one per project: <c>rules/&lt;project id&gt;.yaml</c> (a name may follow the id: <c>1-shop.yaml</c>).</summary>
    public string RulesDirectory => Path.Combine(Path.GetFullPath(Data), "rules");

    public bool ScaledOut => Postgres is not null;

    public IEnumerable<string> Validate()
    {
        if (string.IsNullOrWhiteSpace(Data))
        {
            yield return "Vigil:Data (--data) must name a directory.";
        }
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
        {
            yield return $"Vigil:TimeZone (--time-zone) '{TimeZone}' is not a known IANA time zone.";
        }
        if ((Postgres is null) != (ClickHouse is null))
        {
            yield return "Vigil:Postgres (--postgres) and Vigil:ClickHouse (--clickhouse) go together: metadata in PostgreSQL, events in ClickHouse.";
        }
        if (Postgres is not null && !IsValid(() => new Npgsql.NpgsqlConnectionStringBuilder(Postgres), out var postgresError))
        {
            yield return $"Vigil:Postgres (--postgres) is not a PostgreSQL connection string: {postgresError}";
        }
        if (ClickHouse is not null && !IsValid(() => ClickHouseSettings.Parse(ClickHouse), out var clickHouseError))
        {
            yield return $"Vigil:ClickHouse (--clickhouse): {clickHouseError}";
        }
        if (ClickHouseFlushInterval <= TimeSpan.Zero || ClickHouseFlushInterval > TimeSpan.FromMinutes(1))
        {
            yield return "Vigil:ClickHouseFlushInterval must be between 0 and 1 minute.";
        }
        if (MonitorConcurrency is < 1 or > 1000)
        {
            yield return "Vigil:MonitorConcurrency must be from 1 to 1000.";
        }
        if (AlertEvaluationInterval < TimeSpan.FromSeconds(1))
        {
            yield return "Vigil:AlertEvaluationInterval must be at least one second.";
        }
        if (PublicUrl is not null && !(Uri.TryCreate(PublicUrl, UriKind.Absolute, out var publicUrl) && publicUrl.Scheme is "http" or "https"))
        {
            yield return $"Vigil:PublicUrl '{PublicUrl}' must be an absolute http or https URL.";
        }
        foreach (var problem in Notifications.Validate())
        {
            yield return problem;
        }
    }

    private static bool IsValid(Func<object> parse, out string error)
    {
        try
        {
            parse();
            error = "";
            return true;
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException)
        {
            error = exception.Message;
            return false;
        }
    }
}
