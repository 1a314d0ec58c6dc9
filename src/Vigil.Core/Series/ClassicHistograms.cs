using Vigil.Core.Ingest.Prometheus;

namespace Vigil.Core.Series;

/// <summary>
/// Prometheus classic histograms as remote-write sends them: a family <c>x</c> arrives as counters <c>x_bucket{le=…}</c>
/// (cumulative: each counts every observation up to its bound), <c>x_sum</c> and <c>x_count</c>, each series on its
/// own. At query time the parts of each label set (without <c>le</c>) are put back together as one histogram series
/// named <c>x</c>, whose minute rollups carry the bucket increases, so <c>p95</c> of <c>x</c> answers as
/// <c>histogram_quantile(0.95, sum by (le) (increase(x_bucket[…])))</c> does in Prometheus.
/// </summary>
public static class ClassicHistograms
{
    private const string BucketSuffix = "_bucket";
    private const string SumSuffix = "_sum";
    private const string CountSuffix = "_count";

    /// <summary>The names of the parts of the family <paramref name="family"/>.</summary>
    public static IReadOnlyList<string> PartNames(string family) => [family + BucketSuffix, family + SumSuffix, family + CountSuffix];

    /// <summary>The counters among <paramref name="series"/> that are parts of <paramref name="family"/>; none when none is a bucket.</summary>
    public static IReadOnlyList<NamedSeries> Parts(string family, IEnumerable<NamedSeries> series)
    {
        var parts = series.Where(part => part.Kind == SeriesKind.Counter && PartNames(family).Contains(part.Name)).ToList();
        return parts.Any(part => part.Name == family + BucketSuffix) ? parts : [];
    }

    /// <summary>How many histograms <paramref name="parts"/> make: one per label set without <c>le</c>.</summary>
    public static int CountHistograms(IEnumerable<NamedSeries> parts) => parts.Select(HistogramLabels).Select(SeriesLabels.ToJson).Distinct().Count();

    private static List<KeyValuePair<string, string>> HistogramLabels(NamedSeries part) => part.Labels.Where(label => label.Key != "le").ToList();

    /// <summary>
    /// The family's histogram series (one per label set of its parts, without <c>le</c>) and their minute rollups:
    /// <see cref="MinuteRollup.Buckets"/> the increase of each bucket, <see cref="MinuteRollup.Count"/> the increase
    /// of <c>_count</c> and <see cref="MinuteRollup.Sum"/> that of <c>_sum</c>. Empty when no part is a bucket counter.
    /// </summary>
    public static (List<NamedSeries> Series, IReadOnlyList<SeriesMinute> Minutes) Assemble(
        string family, IReadOnlyList<NamedSeries> parts, IEnumerable<SeriesMinute> minutes)
    {
        var roles = new Dictionary<(long ProjectId, long SeriesId), (NamedSeries Histogram, string Role, double Bound)>();
        foreach (var part in parts.Where(part => part.Kind == SeriesKind.Counter))
        {
            var role = PartNames(family).FirstOrDefault(name => name == part.Name)?[family.Length..];
            var bound = role == BucketSuffix ? Bound(part.Label("le")) : 0;
            if (role is null || double.IsNaN(bound))
            {
                continue;
            }
            roles[(part.ProjectId, part.Id)] = (new NamedSeries(part.ProjectId, family, HistogramLabels(part), SeriesKind.Histogram, part.Unit), role, bound);
        }
        if (!roles.Values.Any(part => part.Role == BucketSuffix))
        {
            return ([], []);
        }
        var rollups = new Dictionary<(NamedSeries Histogram, DateTimeOffset Minute), MinuteRollup>();
        foreach (var minute in minutes)
        {
            if (!roles.TryGetValue((minute.ProjectId, minute.SeriesId), out var part))
            {
                continue;
            }
            if (!rollups.TryGetValue((part.Histogram, minute.Minute), out var rollup))
            {
                rollups[(part.Histogram, minute.Minute)] = rollup = new MinuteRollup { LastTime = minute.Rollup.LastTime };
            }
            // A counter's minute rollup holds its increase in Sum.
            var increase = minute.Rollup.Sum;
            switch (part.Role)
            {
                case BucketSuffix:
                    rollup.AddBucket(part.Bound, increase);
                    break;
                case CountSuffix:
                    rollup.Count += (long)Math.Round(increase);
                    break;
                default:
                    rollup.Sum += increase;
                    break;
            }
        }
        var histograms = roles.Values.Select(part => part.Histogram).Distinct().ToList();
        return (histograms, rollups.Select(pair => new SeriesMinute(pair.Key.Histogram.ProjectId, pair.Key.Histogram.Id, pair.Key.Minute, pair.Value)).ToList());
    }

    /// <summary>
    /// The <paramref name="q"/>-quantile of cumulative buckets (upper bound → observations up to it), as Prometheus's
    /// <c>histogram_quantile</c> estimates it: the bucket the rank falls in, then linear interpolation inside it (from
    /// 0 for the lowest bucket, unless its bound is not positive). A rank in the <c>+Inf</c> bucket answers the highest
    /// finite bound. Counts that drop from one bound to the next (a scrape racing the observations) are raised to the
    /// one before. Null without a <c>+Inf</c> bucket, with fewer than two buckets, or with no observations.
    /// </summary>
    public static double? BucketQuantile(double q, IReadOnlyDictionary<double, double> cumulative)
    {
        var buckets = cumulative.OrderBy(bucket => bucket.Key).Select(bucket => (Bound: bucket.Key, Count: bucket.Value)).ToList();
        if (buckets.Count < 2 || !double.IsPositiveInfinity(buckets[^1].Bound))
        {
            return null;
        }
        for (var index = 1; index < buckets.Count; index++)
        {
            buckets[index] = buckets[index] with { Count = Math.Max(buckets[index].Count, buckets[index - 1].Count) };
        }
        var observations = buckets[^1].Count;
        if (observations <= 0)
        {
            return null;
        }
        var rank = q * observations;
        var at = buckets.FindIndex(0, buckets.Count - 1, bucket => bucket.Count >= rank);
        if (at < 0)
        {
            return buckets[^2].Bound;
        }
        if (at == 0 && buckets[0].Bound <= 0)
        {
            return buckets[0].Bound;
        }
        var (start, end, count) = (0.0, buckets[at].Bound, buckets[at].Count);
        if (at > 0)
        {
            start = buckets[at - 1].Bound;
            count -= buckets[at - 1].Count;
            rank -= buckets[at - 1].Count;
        }
        return start + (end - start) * (rank / count);
    }

    /// <summary>An <c>le</c> value as Prometheus writes it (<c>0.25</c>, <c>1e-3</c>, <c>+Inf</c>); NaN when it is none.</summary>
    private static double Bound(string? le) => PrometheusText.ParseValue(le ?? "") ?? double.NaN;
}
