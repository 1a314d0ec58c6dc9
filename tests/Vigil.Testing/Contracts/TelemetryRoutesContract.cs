using Vigil.Core.Ingest;
using Vigil.Core.Routes;
using Vigil.Core.Storage;

namespace Vigil.Testing.Contracts;

/// <summary>How every telemetry store keeps and reads per-route request numbers; each engine's test project runs it on a store of its own.</summary>
public abstract class TelemetryRoutesContract<TEngine> : TelemetryContract<TEngine>
    where TEngine : ITelemetryEngine, new()
{
    private static readonly DateTimeOffset Hour = new(2026, 11, 21, 5, 0, 0, TimeSpan.Zero);

    // A zone an hour and a half off UTC: routes are read by UTC hour whatever the project's zone.
    private static readonly Dictionary<long, TimeZoneInfo> Zones = new()
    {
        [1] = TimeZoneInfo.CreateCustomTimeZone("routes-test", TimeSpan.FromMinutes(90), "routes-test", "routes-test"),
        [2] = TimeZoneInfo.Utc,
    };

    [Fact]
    public async Task ReadRoutesAsync_PerMethodAndRoute_CountsErrorsPercentilesAndSlowest()
    {
        // Two commits into the same hour: the second adds to what the first stored, and its slower requests push out the first's.
        await WriteAsync(Enumerable.Range(1, 60).Select(index => Request(Hour.AddMinutes(index % 60), "GET", "/orders/{id}", 200, index * 10, Trace(index))).ToArray());
        await WriteAsync(
            [
                .. Enumerable.Range(61, 40).Select(index => Request(Hour.AddMinutes(30), "GET", "/orders/{id}", index > 95 ? 503 : index > 90 ? 404 : 200, index * 10, Trace(index))),
                Request(Hour.AddMinutes(5), "POST", "/orders/{id}", 201, 50, null),
                Request(Hour.AddMinutes(5), "GET", "/orders/{id}", 200, 99_000, Trace(999), projectId: 2),
            ]);

        var totals = await Store.ReadRoutesAsync(1, Hour, Hour.AddHours(1), CancellationToken.None);

        Assert.Equal(["GET /orders/{id}", "POST /orders/{id}"], totals.Select(total => $"{total.Key.Method} {total.Key.Route}").Order());
        var get = totals.Single(total => total.Key.Method == "GET").Aggregate;
        Assert.Equal((100L, 5L, 5L), (get.Requests.Count, get.Requests.ClientErrors, get.Requests.ServerErrors));
        Assert.Equal(Enumerable.Range(1, 100).Sum() * 10.0, get.Requests.SumMs, 6);
        Assert.InRange(get.Requests.Sketch.Quantile(0.95)!.Value, 950 * 0.98, 950 * 1.02);
        Assert.Equal([1000.0, 990, 980, 970, 960], get.Slowest.Select(request => request.DurationMs));
        var slowest = get.Slowest[0];
        Assert.Equal((Hour.AddMinutes(30), "GET", "/orders/{id}", 503, Trace(100)), (slowest.Timestamp, slowest.Method, slowest.Route, slowest.Status, slowest.TraceId));
        var post = totals.Single(total => total.Key.Method == "POST").Aggregate;
        Assert.Null(Assert.Single(post.Slowest).TraceId);
    }

    [Fact]
    public async Task ReadRoutesAsync_OnlyTheUtcHoursStartingInTheRange()
    {
        await WriteAsync(
            Request(Hour.AddMinutes(-1), "GET", "/", 200, 100, Trace(1)),
            Request(Hour.AddMinutes(59), "GET", "/", 200, 200, Trace(2)),
            Request(Hour.AddHours(1), "GET", "/", 200, 300, Trace(3)));

        var totals = await Store.ReadRoutesAsync(1, Hour, Hour.AddHours(1), CancellationToken.None);

        var route = Assert.Single(totals).Aggregate;
        Assert.Equal(1, route.Requests.Count);
        Assert.Equal(Trace(2), Assert.Single(route.Slowest).TraceId);
    }

    [Fact]
    public async Task ReadRoutesAsync_SlowestOverSeveralHours_AreTheSlowestOfAll()
    {
        await WriteAsync(
            [
                .. Enumerable.Range(1, 8).Select(index => Request(Hour.AddMinutes(index), "GET", "/", 200, index, Trace(index))),
                .. Enumerable.Range(1, 8).Select(index => Request(Hour.AddHours(1).AddMinutes(index), "GET", "/", 200, index * 2.5, Trace(100 + index))),
            ]);

        var totals = await Store.ReadRoutesAsync(1, Hour, Hour.AddHours(2), CancellationToken.None);

        Assert.Equal([20.0, 17.5, 15, 12.5, 10], Assert.Single(totals).Aggregate.Slowest.Select(request => request.DurationMs));
    }

    private async Task WriteAsync(params RequestSample[] requests)
    {
        await Store.WriteAsync(new IngestBatch([], requests, Zones), CancellationToken.None);
        await MakeReadableAsync();
    }

    private static string Trace(int number) => number.ToString("x32", System.Globalization.CultureInfo.InvariantCulture);

    private static RequestSample Request(DateTimeOffset at, string method, string route, int status, double durationMs, string? traceId, long projectId = 1) =>
        new(projectId, at, method, route, status, durationMs) { TraceId = traceId };
}
