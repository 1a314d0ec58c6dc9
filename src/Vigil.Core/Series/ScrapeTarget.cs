namespace Vigil.Core.Series;

/// <summary>A Prometheus text endpoint Vigil reads for a project every <see cref="Interval"/>.</summary>
public sealed record ScrapeTarget(long Id, long ProjectId, string Url, TimeSpan Interval, string? BearerToken, DateTimeOffset CreatedAt)
{
    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(30);
    public const int MaxTargetsPerProject = 100;
}
