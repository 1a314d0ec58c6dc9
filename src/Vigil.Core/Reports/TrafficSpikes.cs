using Vigil.Core.Storage;

namespace Vigil.Core.Reports;

/// <summary>An hour of the report's day whose page views stood out from the same hour of the week before.</summary>
public sealed record TrafficSpike(DateTimeOffset HourStart, long PageViews, double Usual);

/// <summary>
/// The anomaly rule of the daily report. Each local hour of the day is compared with the same local hour of each of the
/// seven days before (an hour with no page views counts as 0): it is a spike when its page views exceed the mean of
/// those seven by more than three standard deviations (population σ), and are at least <see cref="MinimumPageViews"/>,
/// so a quiet site's 3 views after a week of zeros is not news. A repeated hour of a daylight-saving day counts both
/// of its buckets together.
/// </summary>
public static class TrafficSpikes
{
    public const int BaselineDays = 7;
    public const double Deviations = 3.0;
    public const long MinimumPageViews = 20;

    /// <param name="hourly">Page views per local-hour bucket covering at least the report's day and the seven days before; absent buckets are zeros.</param>
    public static IReadOnlyList<TrafficSpike> Find(DateOnly date, IEnumerable<CountBucket> hourly, TimeZoneInfo zone)
    {
        var byLocalHour = new Dictionary<(DateOnly Date, int Hour), (DateTimeOffset Start, long Count)>();
        foreach (var bucket in hourly)
        {
            var local = TimeZoneInfo.ConvertTime(bucket.Start, zone);
            var key = (DateOnly.FromDateTime(local.DateTime), local.Hour);
            byLocalHour[key] = byLocalHour.TryGetValue(key, out var known) ? (known.Start, known.Count + bucket.Count) : (bucket.Start, bucket.Count);
        }

        var spikes = new List<TrafficSpike>();
        foreach (var ((day, hour), (start, count)) in byLocalHour.Where(entry => entry.Key.Date == date).OrderBy(entry => entry.Value.Start))
        {
            var baseline = Enumerable.Range(1, BaselineDays)
                .Select(back => (double)byLocalHour.GetValueOrDefault((day.AddDays(-back), hour)).Count)
                .ToList();
            var mean = baseline.Average();
            var deviation = Math.Sqrt(baseline.Sum(value => (value - mean) * (value - mean)) / baseline.Count);
            if (count >= MinimumPageViews && count > mean + Deviations * deviation)
            {
                spikes.Add(new TrafficSpike(start, count, mean));
            }
        }
        return spikes;
    }
}
