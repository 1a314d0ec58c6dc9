namespace Vigil.Core.Ingest;

/// <summary>What ingest accepts, shared by every way in (<c>/v1/events</c>, <c>/v1/requests</c>, OTLP <c>/v1/traces</c>).</summary>
public static class IngestLimits
{
    public const int MaxItemsPerRequest = 1000;
    public const int MaxRequestBytes = 1024 * 1024;
    /// <summary>
    /// OTLP senders batch by span count, not bytes (the .NET SDK 512 spans, a collector 8,192 by default), so an OTLP
    /// body may be larger than a JSON batch; the specification recommends a limit and 413 beyond it.
    /// </summary>
    public const int MaxOtlpRequestBytes = 8 * 1024 * 1024;
    public const int MaxPropertiesBytes = 32 * 1024;
    public const int MaxNameLength = 200;
    public const int MaxDistinctIdLength = 200;
    public const int MaxRouteLength = 512;
    public const int MaxMethodLength = 16;
    public const int MinStatus = 100;
    public const int MaxStatus = 599;
    public static readonly double MaxDurationMs = TimeSpan.FromDays(1).TotalMilliseconds;
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(30);
    public static readonly TimeSpan MaxFutureSkew = TimeSpan.FromHours(1);

    public static bool IsHttpStatus(int status) => status is >= MinStatus and <= MaxStatus;

    /// <summary>False for NaN and infinities too.</summary>
    public static bool IsDurationMs(double milliseconds) => milliseconds >= 0 && milliseconds <= MaxDurationMs;

    /// <summary>Why a timestamp is outside the window ingest keeps (<paramref name="shown"/> as the client sent it), or null.</summary>
    public static string? TimestampProblem(string field, string shown, DateTimeOffset timestamp, DateTimeOffset now)
    {
        if (timestamp < now - MaxAge)
        {
            return $"{field} {shown} is more than {MaxAge.TotalDays} days old.";
        }
        if (timestamp > now + MaxFutureSkew)
        {
            return $"{field} {shown} is more than {MaxFutureSkew.TotalHours} hour ahead of the server's clock.";
        }
        return null;
    }
}
