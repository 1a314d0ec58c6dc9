using Vigil.Core.Ingest;
using Vigil.Core.Storage;

namespace Vigil.Testing.Contracts;

/// <summary>How every telemetry store sums a numeric property of an event per local day; each engine's test project runs it on a store of its own.</summary>
public abstract class TelemetryRevenueContract<TEngine> : TelemetryContract<TEngine>
    where TEngine : ITelemetryEngine, new()
{
    private static readonly TimeZoneInfo Seoul = TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul");
    private static readonly Dictionary<long, TimeZoneInfo> Zones = new() { [1] = Seoul, [2] = Seoul };

    // 2026-11-21 00:00 in Seoul.
    private static readonly DateTimeOffset Midnight = new(2026, 11, 20, 15, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ReadEventValueSumsAsync_PerLocalDay_SumsNumbersAndNumericStrings()
    {
        await WriteAsync(
            Order(Midnight.AddMinutes(-1), """{"amount":1000}"""),
            Order(Midnight, """{"amount": 12000, "plan": "pro"}"""),
            Order(Midnight.AddHours(23), """{"amount":"500.5"}"""),
            Order(Midnight.AddHours(24), """{"amount":7}"""),
            Order(Midnight.AddHours(5), """{"total":3}"""),
            Order(Midnight.AddHours(5), """{"amount":true}"""),
            Order(Midnight.AddHours(5), """{"amount":99}""", name: "refund"),
            Order(Midnight.AddHours(5), """{"amount":99}""", projectId: 2));

        var sums = await Store.ReadEventValueSumsAsync(1, "order", "amount", null, Midnight.AddHours(-1), Midnight.AddHours(24).AddMilliseconds(1), Seoul, CancellationToken.None);

        Assert.Equal(
            [
                new EventValueSum(new DateOnly(2026, 11, 20), "", 1000, 1),
                new EventValueSum(new DateOnly(2026, 11, 21), "", 12500.5, 4),
                new EventValueSum(new DateOnly(2026, 11, 22), "", 7, 1),
            ],
            sums);
    }

    [Fact]
    public async Task ReadEventValueSumsAsync_ByGroupProperty_StringValuesElseNone()
    {
        await WriteAsync(
            Order(Midnight.AddHours(1), """{"amount":100,"plan":"pro"}"""),
            Order(Midnight.AddHours(2), """{"plan": "pro", "amount": 50}"""),
            Order(Midnight.AddHours(3), """{"amount":30,"plan":"프로, \"연간\""}"""),
            Order(Midnight.AddHours(4), """{"amount":20,"plan":7}"""),
            Order(Midnight.AddHours(5), """{"amount":10}"""));

        var sums = await Store.ReadEventValueSumsAsync(1, "order", "amount", "plan", Midnight, Midnight.AddDays(1), Seoul, CancellationToken.None);

        var day = new DateOnly(2026, 11, 21);
        Assert.Equal(
            [
                new EventValueSum(day, "(none)", 30, 2),
                new EventValueSum(day, "pro", 150, 2),
                new EventValueSum(day, "프로, \"연간\"", 30, 1),
            ],
            sums);
    }

    [Fact]
    public async Task ReadEventValueSumsAsync_RangeEndsAtMillisecond_ExcludesTheEnd()
    {
        var end = Midnight.AddHours(3).AddMilliseconds(500);
        await WriteAsync(
            Order(end.AddMilliseconds(-1), """{"amount":1}"""),
            Order(end, """{"amount":2}"""));

        var sums = await Store.ReadEventValueSumsAsync(1, "order", "amount", null, Midnight, end, Seoul, CancellationToken.None);

        Assert.Equal([new EventValueSum(new DateOnly(2026, 11, 21), "", 1, 1)], sums);
    }

    private async Task WriteAsync(params ProductEvent[] events)
    {
        await Store.WriteAsync(new IngestBatch(events, [], Zones), CancellationToken.None);
        await MakeReadableAsync();
    }

    private static ProductEvent Order(DateTimeOffset at, string properties, string name = "order", long projectId = 1) =>
        new(projectId, name, "u1", at, properties, []);
}
