using Vigil.Core.Errors;
using Vigil.Core.Ingest;
using Vigil.Core.Storage;

namespace Vigil.Testing.Contracts;

/// <summary>How every telemetry store keeps and reads errors; each engine's test project runs it on a store of its own.</summary>
public abstract class TelemetryErrorsContract<TEngine> : TelemetryContract<TEngine>
    where TEngine : ITelemetryEngine, new()
{
    private static readonly DateTimeOffset Hour = new(2026, 11, 21, 5, 0, 0, TimeSpan.Zero);
    private static readonly Dictionary<long, TimeZoneInfo> Zones = new() { [1] = TimeZoneInfo.Utc, [2] = TimeZoneInfo.Utc };

    [Fact]
    public async Task ReadErrorGroupsAsync_CountsUsersAndFirstAndLastSeenPerIssueWithinTheRange()
    {
        await WriteAsync(
            Some.Error("aaaa", Hour.AddMinutes(1), user: "u1"),
            Some.Error("aaaa", Hour.AddMinutes(2), user: "u1"),
            Some.Error("aaaa", Hour.AddMinutes(3).AddMilliseconds(250), user: "u2"),
            Some.Error("aaaa", Hour.AddMinutes(4), user: null),
            Some.Error("bbbb", Hour.AddMinutes(5), user: "u3"),
            Some.Error("bbbb", Hour.AddHours(1), user: "u3"),
            Some.Error("cccc", Hour.AddMinutes(5), user: "u3", projectId: 2));

        var groups = await Store.ReadErrorGroupsAsync(1, Hour, Hour.AddHours(1), CancellationToken.None);

        Assert.Equal(
            [
                new ErrorGroupTotals("aaaa", 4, 2, Hour.AddMinutes(1), Hour.AddMinutes(4)),
                new ErrorGroupTotals("bbbb", 1, 1, Hour.AddMinutes(5), Hour.AddMinutes(5)),
            ],
            groups.OrderBy(group => group.Fingerprint));
    }

    [Fact]
    public async Task ReadErrorGroupsAsync_RangeIsHalfOpenToTheMillisecond()
    {
        await WriteAsync(
            Some.Error("aaaa", Hour.AddMilliseconds(-1)),
            Some.Error("aaaa", Hour),
            Some.Error("aaaa", Hour.AddMinutes(10).AddMilliseconds(-1)),
            Some.Error("aaaa", Hour.AddMinutes(10)));

        var group = Assert.Single(await Store.ReadErrorGroupsAsync(1, Hour, Hour.AddMinutes(10), CancellationToken.None));

        Assert.Equal(2, group.Count);
        Assert.Equal(Hour.AddMinutes(10).AddMilliseconds(-1), group.LastSeen);
    }

    [Fact]
    public async Task ReadErrorHourlyCountsAsync_PerIssueAndHour()
    {
        await WriteAsync(
            Some.Error("aaaa", Hour.AddMinutes(1)),
            Some.Error("aaaa", Hour.AddMinutes(59)),
            Some.Error("aaaa", Hour.AddHours(2).AddMinutes(30)),
            Some.Error("aaaa", Hour.AddHours(3)),
            Some.Error("bbbb", Hour.AddMinutes(1)),
            Some.Error("cccc", Hour.AddMinutes(1), projectId: 2));

        var counts = await Store.ReadErrorHourlyCountsAsync(1, Hour, Hour.AddHours(3), CancellationToken.None);

        Assert.Equal(["aaaa", "bbbb"], counts.Keys.Order());
        Assert.Equal([new CountBucket(Hour, 2), new CountBucket(Hour.AddHours(2), 1)], counts["aaaa"]);
        Assert.Equal([new CountBucket(Hour, 1)], counts["bbbb"]);
    }

    [Fact]
    public async Task ReadErrorSamplesAsync_NewestFirst_EveryFieldAsWritten()
    {
        var full = new ErrorEvent(1, Hour.AddMinutes(9).AddMilliseconds(5), "aaaa", "sentry", "fatal", "TypeError",
            "Cannot read 'id' of undefined\n\tin \"cart\" — 한국어", "u1", "4bf92f3577b34da6a3ce929d0e0e4736", "shop@1.4.2", "production",
            [new ErrorFrame("shop.cart", "/app/src/cart.js", "total", 42, 17, true), new ErrorFrame(null, null, "render", null, null, null)]);
        var bare = Some.Error("aaaa", Hour.AddMinutes(1), user: null);
        await WriteAsync(bare, full, Some.Error("aaaa", Hour.AddMinutes(5)));

        var samples = await Store.ReadErrorSamplesAsync(1, "aaaa", 2, CancellationToken.None);

        Assert.Equal(2, samples.Count);
        Assert.Equal(full with { Frames = [] }, samples[0] with { Frames = [] });
        Assert.Equal(full.Frames, samples[0].Frames);
        Assert.Equal(Hour.AddMinutes(5), samples[1].Timestamp);
        var oldest = (await Store.ReadErrorSamplesAsync(1, "aaaa", 3, CancellationToken.None))[2];
        Assert.Equal(bare with { Frames = [] }, oldest with { Frames = [] });
    }

    private async Task WriteAsync(params ErrorEvent[] errors)
    {
        await Store.WriteAsync(new IngestBatch([], [], Zones) { Errors = errors }, CancellationToken.None);
        await MakeReadableAsync();
    }

    private static class Some
    {
        public static ErrorEvent Error(string fingerprint, DateTimeOffset at, string? user = "u1", long projectId = 1) =>
            new(projectId, at, fingerprint, "api", "error", null, "Order 1 has no lines", user, null, null, null, []);
    }
}
