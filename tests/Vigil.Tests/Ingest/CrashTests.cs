using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Microsoft.Data.Sqlite;
using Vigil.Testing;
using Vigil.Tests.Support;

namespace Vigil.Tests.Ingest;

[Collection(Heavy.Collection)]
public sealed class CrashTests : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("vigil-crash-").FullName;

    [Fact]
    public async Task KillDashNine_WhileIngesting_EveryAcknowledgedEventSurvives()
    {
        var port = TestServers.FreePort();
        var acknowledged = new ConcurrentBag<string>();
        string ingestKey;
        await using (var server = await VigilProcess.StartAsync(_dataDirectory, port))
        {
            ingestKey = server.PrintedValue("Ingest key") ?? throw new InvalidOperationException("no ingest key printed");
            using var client = new HttpClient { BaseAddress = server.BaseAddress };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ingestKey);
            using var stop = new CancellationTokenSource();
            var senders = Enumerable.Range(0, 8).Select(sender => SendUntilStoppedAsync(client, sender, acknowledged, stop.Token)).ToList();
            await Task.Delay(TimeSpan.FromSeconds(3));

            await server.KillAsync();
            stop.Cancel();
            await Task.WhenAll(senders);
        }

        Assert.True(acknowledged.Count > 1000, $"only {acknowledged.Count} events were acknowledged before the kill");
        await using (var restarted = await VigilProcess.StartAsync(_dataDirectory, port))
        {
            Assert.Null(restarted.PrintedValue("Ingest key"));
            var stored = await StoredDistinctIdsAsync();
            var missing = acknowledged.Where(id => !stored.Contains(id)).ToList();
            Assert.True(missing.Count == 0, $"{missing.Count} of {acknowledged.Count} acknowledged events are missing, e.g. {string.Join(", ", missing.Take(5))}");

            // The restarted server still ingests into the same file.
            using var client = new HttpClient { BaseAddress = restarted.BaseAddress };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ingestKey);
            await client.PostEventsAsync(new { @event = "after-restart", distinct_id = "after" });
        }
    }

    private static async Task SendUntilStoppedAsync(HttpClient client, int sender, ConcurrentBag<string> acknowledged, CancellationToken stop)
    {
        for (var batch = 0; !stop.IsCancellationRequested; batch++)
        {
            var ids = Enumerable.Range(0, 50).Select(index => $"s{sender}-b{batch}-e{index}").ToList();
            try
            {
                using var response = await client.PostAsync("v1/events", Json.Body(new { events = ids.Select(id => new { @event = "crash-test", distinct_id = id }) }));
                if (response.IsSuccessStatusCode)
                {
                    ids.ForEach(acknowledged.Add);
                }
            }
            catch (HttpRequestException)
            {
                // The server is gone: whatever was not answered was not acknowledged.
                return;
            }
        }
    }

    private async Task<HashSet<string>> StoredDistinctIdsAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_dataDirectory, "vigil.db")};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT distinct_id FROM events WHERE name = 'crash-test'";
        var ids = new HashSet<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
        }
        return ids;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
