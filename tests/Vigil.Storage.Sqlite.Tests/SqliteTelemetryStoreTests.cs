using Dapper;
using Microsoft.Data.Sqlite;
using Vigil.Core.Ingest;
using Vigil.Core.Metrics;
using Vigil.Core.Storage;

namespace Vigil.Storage.Sqlite.Tests;

/// <summary>The telemetry store on a real SQLite file of its own, reopened where a test needs a fresh writer.</summary>
public sealed class SqliteTelemetryStoreTests : IDisposable
{
    private static readonly TimeZoneInfo Seoul = TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul");
    private static readonly DateTimeOffset Minute = new(2026, 11, 21, 5, 30, 0, TimeSpan.Zero);
    // 15:00 UTC is Seoul's midnight.
    private static readonly DateTimeOffset Midnight = new(2026, 11, 20, 15, 0, 0, TimeSpan.Zero);
    private static readonly Dictionary<long, TimeZoneInfo> Zones = new() { [1] = Seoul, [2] = Seoul };
    private readonly string _directory = Directory.CreateTempSubdirectory("vigil-sqlite-test-").FullName;

    private string DatabasePath => Path.Combine(_directory, "vigil.db");

    [Fact]
    public async Task WriteAsync_SameUsersAcrossCommits_CountsEachUserOncePerBucket()
    {
        await using var store = await OpenAsync();

        await store.WriteAsync(Batch(("u1", Minute), ("u2", Minute.AddSeconds(10))), CancellationToken.None);
        await store.WriteAsync(Batch(("u2", Minute.AddSeconds(20)), ("u3", Minute.AddSeconds(30))), CancellationToken.None);

        await AssertUsersAsync(store, expected: 3);
    }

    [Fact]
    public async Task WriteAsync_SameUsersAfterReopening_LoadsTheBucketAndDoesNotCountThemTwice()
    {
        await using (var first = await OpenAsync())
        {
            await first.WriteAsync(Batch(("u1", Minute), ("u2", Minute.AddSeconds(10))), CancellationToken.None);
        }
        SqliteConnection.ClearAllPools();

        await using var second = await OpenAsync();
        await second.WriteAsync(Batch(("u2", Minute.AddSeconds(20)), ("u3", Minute.AddSeconds(30)), ("u1", Minute.AddSeconds(40))), CancellationToken.None);

        await AssertUsersAsync(second, expected: 3);
    }

    [Fact]
    public async Task CountDistinctUsersAsync_AcrossMinutes_IsTheUnionNotTheSum()
    {
        await using var store = await OpenAsync();

        await store.WriteAsync(Batch(("u1", Minute), ("u2", Minute), ("u1", Minute.AddMinutes(1)), ("u3", Minute.AddMinutes(2))), CancellationToken.None);

        Assert.Equal(3, await store.CountDistinctUsersAsync(1, Minute, Minute.AddMinutes(3), Granularity.Minute, CancellationToken.None));
        var perMinute = await store.ReadDistinctUsersPerBucketAsync(1, Minute, Minute.AddMinutes(3), Granularity.Minute, CancellationToken.None);
        Assert.Equal([2L, 1L, 1L], perMinute.Select(bucket => bucket.Count));
    }

    [Fact]
    public async Task WriteAsync_TwoProjects_KeepTheirUsersApart()
    {
        await using var store = await OpenAsync();
        var events = new[] { Event(1, "u1", Minute), Event(2, "u1", Minute), Event(2, "u2", Minute) };

        await store.WriteAsync(new IngestBatch(events, [], Zones), CancellationToken.None);

        Assert.Equal(1, await store.CountDistinctUsersAsync(1, Minute, Minute.AddMinutes(1), Granularity.Minute, CancellationToken.None));
        Assert.Equal(2, await store.CountDistinctUsersAsync(2, Minute, Minute.AddMinutes(1), Granularity.Minute, CancellationToken.None));
    }

    [Fact]
    public async Task WriteAsync_RequestsInOneMinuteOverTwoCommits_MergeIntoOneAggregate()
    {
        await using var store = await OpenAsync();

        await store.WriteAsync(Requests((200, 100.0), (500, 300.0)), CancellationToken.None);
        await store.WriteAsync(Requests((404, 200.0)), CancellationToken.None);

        var bucket = Assert.Single(await store.ReadRequestBucketsAsync(1, Minute, Minute.AddMinutes(1), Granularity.Minute, CancellationToken.None));
        Assert.Equal(3, bucket.Aggregate.Count);
        Assert.Equal(1, bucket.Aggregate.ServerErrors);
        Assert.Equal(1, bucket.Aggregate.ClientErrors);
        Assert.Equal(600.0, bucket.Aggregate.SumMs);
        Assert.Equal(3, bucket.Aggregate.Sketch.Count);
    }

    [Fact]
    public async Task WriteAsync_MoreRoutesThanAnHourKeeps_FoldsTheNewOnesIntoOther()
    {
        await using var store = await OpenAsync();
        var hour = new DateTimeOffset(2026, 11, 21, 5, 0, 0, TimeSpan.Zero);
        RequestSample Request(int route) => new(1, hour.AddMinutes(1), "GET", $"/pages/{route}", 200, route) { TraceId = route.ToString("x32", System.Globalization.CultureInfo.InvariantCulture) };
        var routes = SqliteWriter.MaxRoutesPerHour + 5;

        await store.WriteAsync(new IngestBatch([], Enumerable.Range(1, routes).Select(Request).ToList(), Zones), CancellationToken.None);
        // A route the hour already keeps still adds to its own row.
        await store.WriteAsync(new IngestBatch([], [Request(1)], Zones), CancellationToken.None);

        var totals = await store.ReadRoutesAsync(1, hour, hour.AddHours(1), CancellationToken.None);
        Assert.Equal(SqliteWriter.MaxRoutesPerHour, totals.Count);
        var other = Assert.Single(totals, total => total.Key.IsOther).Aggregate;
        Assert.Equal(6, other.Requests.Count);
        Assert.Equal($"/pages/{routes}", other.Slowest[0].Route);
        Assert.Equal(2, totals.Single(total => total.Key.Route == "/pages/1").Aggregate.Requests.Count);
        await using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        Assert.Equal(routes + 1, await connection.ExecuteScalarAsync<long>("SELECT COUNT(trace_id) FROM requests"));
    }

    [Fact]
    public async Task CheckpointAsync_WhileCommitsKeepComing_KeepsTheWalFromGrowing()
    {
        await using var store = await OpenAsync();
        var walPath = DatabasePath + "-wal";
        var batch = Batch(Enumerable.Range(0, 2_000).Select(index => ($"user-{index}", Minute.AddMilliseconds(index))).ToArray());
        await store.WriteAsync(batch, CancellationToken.None);
        var oneCommit = new FileInfo(walPath).Length;
        const int Commits = 40;

        var writing = Task.Run(async () =>
        {
            for (var commit = 1; commit < Commits; commit++)
            {
                await store.WriteAsync(batch, CancellationToken.None);
            }
        });
        while (!writing.IsCompleted)
        {
            await store.CheckpointAsync(CancellationToken.None);
        }
        await writing;

        // Without the finishing step under the write lock, a checkpoint running beside the commits never lets the
        // WAL start over, and it ends near 40 commits long.
        Assert.InRange(new FileInfo(walPath).Length, oneCommit, 10 * oneCommit);
        Assert.Equal(Commits * 2_000, (await store.ReadEventCountsAsync(1, "$pageview", Minute, Minute.AddMinutes(1), Granularity.Minute, CancellationToken.None)).Sum(bucket => bucket.Count));
    }

    [Fact]
    public async Task WriteAsync_EarlierFirstEventAfterReopening_ReplacesTheStoredOne()
    {
        await using (var first = await OpenAsync())
        {
            await first.WriteAsync(KpiBatch(KpiEvent("u1", "signup", Midnight.AddHours(5), "ios"), KpiEvent("u2", "signup", Midnight.AddHours(1), "ios")), CancellationToken.None);
        }
        SqliteConnection.ClearAllPools();

        await using var second = await OpenAsync();
        await second.WriteAsync(KpiBatch(KpiEvent("u1", "signup", Midnight.AddHours(2), "web"), KpiEvent("u2", "signup", Midnight.AddHours(3), "web")), CancellationToken.None);

        var users = await second.ReadFirstOccurrencesAsync(1, "signup", null, "platform", Midnight, Midnight.AddDays(1), CancellationToken.None);
        Assert.Equal(["u1:2:web", "u2:1:ios"], users.Select(user => $"{user.DistinctId}:{(user.Time - Midnight).TotalHours}:{user.PropertyValue}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ReadFirstOccurrencesAsync_DollarName_NotKeptButReadFromTheEvents()
    {
        await using var store = await OpenAsync();
        await store.WriteAsync(KpiBatch(KpiEvent("u1", "$pageview", Midnight.AddHours(5), "ios"), KpiEvent("u1", "$pageview", Midnight.AddHours(2), "web"), KpiEvent("u2", "$pageview", Midnight.AddHours(3), "ios")), CancellationToken.None);

        var users = await store.ReadFirstOccurrencesAsync(1, "$pageview", null, "platform", Midnight, Midnight.AddDays(1), CancellationToken.None);

        Assert.Equal(["u1:2:web", "u2:3:ios"], users.Select(user => $"{user.DistinctId}:{(user.Time - Midnight).TotalHours}:{user.PropertyValue}").Order(StringComparer.Ordinal));
        await using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM user_first_events"));
    }

    [Fact]
    public async Task MigrateAsync_EventsFromBeforeTheRollups_BuildsThemAndDropsTheNameIndex()
    {
        await using (var store = await OpenAsync())
        {
            await store.WriteAsync(KpiBatch(KpiEvent("u1", "signup", Midnight.AddHours(2), "web"), KpiEvent("u1", "signup", Midnight.AddHours(1), "ios"), KpiEvent("u2", "order", Midnight.AddHours(3), "ios")), CancellationToken.None);
        }
        // The file as the build before the rollups left it: the name index, neither table, the migration (the ninth) not applied.
        await using (var connection = new SqliteConnection($"Data Source={DatabasePath}"))
        {
            await connection.ExecuteAsync(
                """
                DROP TABLE event_id_blocks;
                DROP TABLE user_first_events;
                CREATE INDEX events_by_project_name ON events (project_id, name);
                DELETE FROM schema_migrations WHERE store = 'telemetry' AND version = 9;
                """);
        }
        SqliteConnection.ClearAllPools();

        await using var upgraded = await OpenAsync();

        var signups = await upgraded.ReadFirstOccurrencesAsync(1, "signup", null, "platform", Midnight, Midnight.AddDays(1), CancellationToken.None);
        Assert.Equal("u1:1:ios", $"{Assert.Single(signups).DistinctId}:{(signups[0].Time - Midnight).TotalHours}:{signups[0].PropertyValue}");
        var orders = await upgraded.CountEventsPerUserAsync(1, "order", Midnight, Midnight.AddDays(1), CancellationToken.None);
        Assert.Equal(1, orders["u2"]);
        await using var check = new SqliteConnection($"Data Source={DatabasePath}");
        Assert.Equal(0, await check.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM sqlite_master WHERE name = 'events_by_project_name'"));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task<SqliteTelemetryStore> OpenAsync()
    {
        var store = new SqliteTelemetryStore(new SqliteDatabase(DatabasePath));
        await store.MigrateAsync(CancellationToken.None);
        return store;
    }

    private static async Task AssertUsersAsync(SqliteTelemetryStore store, long expected)
    {
        Assert.Equal(expected, await store.CountDistinctUsersAsync(1, Minute, Minute.AddMinutes(1), Granularity.Minute, CancellationToken.None));
        Assert.Equal(expected, Assert.Single(await store.ReadDistinctUsersPerBucketAsync(1, Minute, Minute.AddMinutes(1), Granularity.Minute, CancellationToken.None)).Count);
        var hour = TimeBuckets.LocalHourStart(Minute, Seoul);
        Assert.Equal(expected, Assert.Single(await store.ReadDistinctUsersPerBucketAsync(1, hour, hour.AddHours(1), Granularity.Hour, CancellationToken.None)).Count);
        var day = TimeBuckets.LocalDate(Minute, Seoul);
        Assert.Equal(expected, Assert.Single(await store.ReadDistinctUsersPerDayAsync(1, day, day, CancellationToken.None)).Users);
    }

    private static IngestBatch Batch(params (string User, DateTimeOffset Time)[] events)
    {
        var productEvents = events.Select(item => Event(1, item.User, item.Time)).ToList();
        return new IngestBatch(productEvents, [], Zones);
    }

    private static IngestBatch Requests(params (int Status, double DurationMs)[] requests)
    {
        var samples = requests.Select(item => new RequestSample(1, Minute.AddSeconds(5), "GET", "/api/orders", item.Status, item.DurationMs)).ToList();
        return new IngestBatch([], samples, Zones);
    }

    private static ProductEvent Event(long projectId, string user, DateTimeOffset time) => new(projectId, "$pageview", user, time, "{}", []);

    private static IngestBatch KpiBatch(params ProductEvent[] events) => new(events, [], Zones);

    private static ProductEvent KpiEvent(string user, string name, DateTimeOffset time, string platform)
    {
        var properties = $$"""{"platform":"{{platform}}"}""";
        return new(1, name, user, time, properties, IngestParser.BreakdownValues(properties));
    }
}
