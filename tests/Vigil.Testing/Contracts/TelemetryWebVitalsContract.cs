using Vigil.Core.Ingest;
using Vigil.Core.Storage;
using Vigil.Core.WebVitals;

namespace Vigil.Testing.Contracts;

/// <summary>How every telemetry store keeps and reads Web Vitals; each engine's test project runs it on a store of its own.</summary>
public abstract class TelemetryWebVitalsContract<TEngine> : TelemetryContract<TEngine>
    where TEngine : ITelemetryEngine, new()
{
    private static readonly DateTimeOffset Hour = new(2026, 11, 21, 5, 0, 0, TimeSpan.Zero);
    private static readonly Dictionary<long, TimeZoneInfo> Zones = new() { [1] = TimeZoneInfo.Utc, [2] = TimeZoneInfo.Utc };

    [Fact]
    public async Task ReadWebVitalsAsync_PerMetricAndPage_CountsByRatingAndP75()
    {
        // Two commits into the same hour: the second adds to what the first stored.
        await WriteAsync(Enumerable.Range(1, 60).Select(index => Vital(Hour.AddMinutes(index % 60), WebVitalMetric.Lcp, "/", index * 100)).ToArray());
        await WriteAsync(
            [
                .. Enumerable.Range(61, 40).Select(index => Vital(Hour.AddMinutes(30), WebVitalMetric.Lcp, "/", index * 100)),
                Vital(Hour.AddMinutes(5), WebVitalMetric.Cls, "/", 0.3),
                Vital(Hour.AddMinutes(5), WebVitalMetric.Lcp, "/pricing", 900),
                Vital(Hour.AddMinutes(5), WebVitalMetric.Lcp, "/", 100, projectId: 2),
            ]);

        var totals = await Store.ReadWebVitalsAsync(1, Hour, Hour.AddHours(1), CancellationToken.None);

        Assert.Equal(["/:Cls", "/:Lcp", "/pricing:Lcp"], totals.Select(total => $"{total.Page}:{total.Aggregate.Metric}").Order());
        var home = totals.Single(total => total.Page == "/" && total.Aggregate.Metric == WebVitalMetric.Lcp).Aggregate;
        Assert.Equal((25L, 15L, 60L), (home.Good, home.NeedsImprovement, home.Poor));
        Assert.InRange(home.P75!.Value, 7500 * 0.98, 7500 * 1.02);
        var shift = totals.Single(total => total.Aggregate.Metric == WebVitalMetric.Cls).Aggregate;
        Assert.Equal((1L, WebVitalRating.Poor), (shift.Poor, shift.P75Rating));
    }

    [Fact]
    public async Task ReadWebVitalsAsync_OnlyTheHoursStartingInTheRange()
    {
        await WriteAsync(
            Vital(Hour.AddMinutes(-1), WebVitalMetric.Ttfb, "/", 100),
            Vital(Hour.AddMinutes(59), WebVitalMetric.Ttfb, "/", 200),
            Vital(Hour.AddHours(1), WebVitalMetric.Ttfb, "/", 300));

        var totals = await Store.ReadWebVitalsAsync(1, Hour, Hour.AddHours(1), CancellationToken.None);

        var ttfb = Assert.Single(totals).Aggregate;
        Assert.Equal(1, ttfb.Count);
        Assert.InRange(ttfb.P75!.Value, 198, 202);
    }

    private async Task WriteAsync(params WebVitalSample[] vitals)
    {
        await Store.WriteAsync(new IngestBatch([], [], Zones) { WebVitals = vitals }, CancellationToken.None);
        await MakeReadableAsync();
    }

    private static WebVitalSample Vital(DateTimeOffset at, WebVitalMetric metric, string page, double value, long projectId = 1) =>
        new(projectId, at, metric, page, value, "u1");
}
