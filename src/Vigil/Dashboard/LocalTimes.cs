using System.Globalization;

namespace Vigil.Dashboard;

/// <summary>Instants shown and typed in a project's time zone; forms use the browser's <c>datetime-local</c> text.</summary>
internal static class LocalTimes
{
    private static readonly string[] InputFormats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss"];

    public static string Show(DateTimeOffset? at, TimeZoneInfo zone) =>
        at is { } instant ? TimeZoneInfo.ConvertTime(instant, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "—";

    /// <summary>To the millisecond, for log lines that many share a minute.</summary>
    public static string ShowPrecise(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);

    public static string ToInput(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    /// <summary>
    /// False for text that is not a date and time, and for a wall-clock time the zone skips (a daylight-saving gap).
    /// A time the zone repeats is taken at its standard-time offset, as <see cref="TimeZoneInfo"/> does.
    /// </summary>
    public static bool TryParseInput(string? text, TimeZoneInfo zone, out DateTimeOffset at)
    {
        at = default;
        if (!DateTime.TryParseExact(text?.Trim(), InputFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            || zone.IsInvalidTime(local))
        {
            return false;
        }
        at = new DateTimeOffset(local, zone.GetUtcOffset(local));
        return true;
    }
}
