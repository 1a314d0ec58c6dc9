namespace Vigil.Core.Ingest;

public static class IngestLimits
{
    public const int MaxItemsPerRequest = 1000;
    public const int MaxRequestBytes = 1024 * 1024;
    public const int MaxPropertiesBytes = 32 * 1024;
    public const int MaxNameLength = 200;
    public const int MaxDistinctIdLength = 200;
    public const int MaxRouteLength = 512;
    public const int MaxMethodLength = 16;
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(30);
    public static readonly TimeSpan MaxFutureSkew = TimeSpan.FromHours(1);
}
