namespace Vigil.Core.Metrics;

/// <summary>A validated chart request: [From, To) cut into steps of one minute, one local hour or one local day.</summary>
public sealed record SeriesRange(DateTimeOffset From, DateTimeOffset To, Granularity Granularity)
{
    public const int MaxPoints = 1500;

    public static string StepName(Granularity granularity) => granularity switch
    {
        Granularity.Minute => "1m",
        Granularity.Hour => "1h",
        Granularity.Day => "1d",
        _ => throw new ArgumentOutOfRangeException(nameof(granularity)),
    };

    public static Granularity? ParseStep(string? step) => step switch
    {
        "1m" => Granularity.Minute,
        "1h" => Granularity.Hour,
        "1d" => Granularity.Day,
        _ => null,
    };

    public static string MetricName(SeriesMetric metric) => char.ToLowerInvariant(metric.ToString()[0]) + metric.ToString()[1..];

    public static SeriesMetric? ParseMetric(string? name) =>
        Enum.GetValues<SeriesMetric>().Select(metric => (SeriesMetric?)metric).FirstOrDefault(metric => MetricName(metric!.Value) == name);

    /// <summary>Approximate point count, before time-zone alignment, to refuse requests that would draw too many points.</summary>
    public int ApproximatePoints => (int)Math.Min(int.MaxValue, Math.Ceiling((To - From) / Granularity switch
    {
        Granularity.Minute => TimeSpan.FromMinutes(1),
        Granularity.Hour => TimeSpan.FromHours(1),
        _ => TimeSpan.FromDays(1),
    }));
}
