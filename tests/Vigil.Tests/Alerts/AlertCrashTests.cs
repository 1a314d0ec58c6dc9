using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Vigil.Tests.Alerts.Delivery;
using Vigil.Tests.Support;
using Vigil.Testing;

namespace Vigil.Tests.Alerts;

/// <summary>The outbox across a kill -9: a notification that was stored is delivered after the restart, once.</summary>
[Collection(Heavy.Collection)]
public sealed class AlertCrashTests : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("vigil-alert-crash-").FullName;

    [Fact]
    public async Task KillDashNine_DuringRetries_TheNotificationIsDeliveredOnceAfterRestart()
    {
        var answers = new List<int>();
        var receiverUp = false;
        await using var receiver = await HttpReceiver.StartAsync(_ =>
        {
            lock (answers)
            {
                answers.Add(receiverUp ? 200 : 500);
                return (answers[^1], receiverUp ? "ok" : "down");
            }
        });
        // The rules come from the data directory, as a team keeps them next to the database.
        Directory.CreateDirectory(Path.Combine(_dataDirectory, "rules"));
        await File.WriteAllTextAsync(Path.Combine(_dataDirectory, "rules", "1-shop.yaml"), $$"""
            alerts:
              - name: Slow Response
                condition: p95_response_time > 3s
                notify:
                  - webhook: ops
            channels:
              ops: { webhook: "{{receiver.Url}}hook" }
            """);
        var environment = new Dictionary<string, string> { ["Vigil__AlertEvaluationInterval"] = "00:00:01" };
        var port = TestServers.FreePort();

        await using (var server = await VigilProcess.StartAsync(_dataDirectory, port, environment))
        {
            using var client = new HttpClient { BaseAddress = server.BaseAddress };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.PrintedValue("Ingest key"));
            await client.PostRequestsAsync(Enumerable.Range(0, 20).Select(_ => (object)new { method = "GET", route = "/", status = 200, duration_ms = 4000 }).ToArray());
            await Eventually.TrueAsync(() => Count(answers) >= 1, TimeSpan.FromSeconds(45), () => Printed(server));

            await server.KillAsync();
        }
        receiverUp = true;

        await using (var restarted = await VigilProcess.StartAsync(_dataDirectory, port, environment))
        {
            await Eventually.TrueAsync(() => Count(answers, 200) == 1, TimeSpan.FromSeconds(45), () => Printed(restarted));
            await Task.Delay(TimeSpan.FromSeconds(3));
        }

        Assert.Equal(1, Count(answers, 200));
        var deliveries = receiver.Requests.Select(request => request.Header("X-Vigil-Delivery")).Distinct().ToList();
        Assert.Single(deliveries);
        var alert = JsonNode.Parse(receiver.Requests[^1].BodyText)!["alerts"]![0]!;
        Assert.Equal("Slow Response", (string?)alert["name"]);
    }

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);

    private static int Count(List<int> answers, int? status = null)
    {
        lock (answers)
        {
            return answers.Count(answer => status is null || answer == status);
        }
    }

    private static string Printed(VigilProcess server) => "the server printed:\n" + string.Join('\n', server.Output.TakeLast(40));
}
