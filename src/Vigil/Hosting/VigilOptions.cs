using Vigil.Core.Projects;

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

    public TimeSpan HealthProbeInterval { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan HealthProbeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public string DatabasePath => Path.Combine(Path.GetFullPath(Data), "vigil.db");

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
        if (HealthProbeInterval < TimeSpan.FromSeconds(1))
        {
            yield return "Vigil:HealthProbeInterval must be at least one second.";
        }
        if (HealthProbeTimeout <= TimeSpan.Zero)
        {
            yield return "Vigil:HealthProbeTimeout must be positive.";
        }
    }
}
