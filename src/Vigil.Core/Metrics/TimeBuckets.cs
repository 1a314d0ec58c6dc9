namespace Vigil.Core.Metrics;

public enum Granularity
{
    Minute,
    Hour,
    Day,
}

/// <summary>
/// Bucket boundaries in a project's time zone. Minute buckets are UTC minutes (every zone offset is a
/// whole number of minutes); hour buckets start at local hour starts, so a zone at +05:30 gets buckets at :30 UTC
/// and a local day is always a whole number of hour buckets, also across daylight-saving changes.
/// </summary>
public static class TimeBuckets
{
    public static DateTimeOffset MinuteStart(DateTimeOffset instant)
    {
        var utc = instant.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - utc.Ticks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
    }

    public static DateTimeOffset LocalHourStart(DateTimeOffset instant, TimeZoneInfo zone) =>
        LocalHourStart(instant, zone.GetUtcOffset(instant));

    /// <summary>The local hour start for an instant whose zone offset is already known.</summary>
    public static DateTimeOffset LocalHourStart(DateTimeOffset instant, TimeSpan offset)
    {
        var intoHour = (instant.UtcTicks + offset.Ticks) % TimeSpan.TicksPerHour;
        return new DateTimeOffset(instant.UtcTicks - intoHour, TimeSpan.Zero);
    }

    public static DateOnly LocalDate(DateTimeOffset instant, TimeZoneInfo zone) =>
        LocalDate(instant, zone.GetUtcOffset(instant));

    public static DateOnly LocalDate(DateTimeOffset instant, TimeSpan offset) =>
        DateOnly.FromDayNumber((int)((instant.UtcTicks + offset.Ticks) / TimeSpan.TicksPerDay));

    /// <summary>The first instant of a local date; where midnight is skipped by a daylight-saving jump, the first instant after the gap.</summary>
    public static DateTimeOffset StartOfLocalDay(DateOnly date, TimeZoneInfo zone)
    {
        var midnight = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        var local = midnight;
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(1);
        }
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    public static DateTimeOffset StartOfLocalDay(DateTimeOffset instant, TimeZoneInfo zone) =>
        StartOfLocalDay(LocalDate(instant, zone), zone);

    public static DateTimeOffset BucketStart(DateTimeOffset instant, Granularity granularity, TimeZoneInfo zone) => granularity switch
    {
        Granularity.Minute => MinuteStart(instant),
        Granularity.Hour => LocalHourStart(instant, zone),
        Granularity.Day => StartOfLocalDay(instant, zone),
        _ => throw new ArgumentOutOfRangeException(nameof(granularity)),
    };

    public static DateTimeOffset NextBucketStart(DateTimeOffset bucketStart, Granularity granularity, TimeZoneInfo zone) => granularity switch
    {
        Granularity.Minute => bucketStart.AddMinutes(1),
        // A local hour may be skipped or repeated by a daylight-saving change, but an hour bucket always lasts 60 minutes of real time.
        Granularity.Hour => LocalHourStart(bucketStart.AddHours(1), zone),
        Granularity.Day => StartOfLocalDay(LocalDate(bucketStart, zone).AddDays(1), zone),
        _ => throw new ArgumentOutOfRangeException(nameof(granularity)),
    };

    /// <summary>Starts of the buckets that overlap [from, to): the first one is the bucket holding <paramref name="from"/>.</summary>
    public static IReadOnlyList<DateTimeOffset> Starts(DateTimeOffset from, DateTimeOffset to, Granularity granularity, TimeZoneInfo zone)
    {
        var starts = new List<DateTimeOffset>();
        for (var start = BucketStart(from, granularity, zone); start < to; start = NextBucketStart(start, granularity, zone))
        {
            starts.Add(start);
        }
        return starts;
    }
}
