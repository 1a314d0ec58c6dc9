using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using Spectre.Console;
using Vigil.Demo;
using Xunit;

namespace Vigil.Tests.Demo;

public sealed class DemoCommandTests
{
    [Fact]
    public async Task SendAsync_ServerAcceptsAll_PostsEveryItemInBatchesOfAtMostOneThousand()
    {
        var generator = SomeDemo.Generator(days: 3, users: 400);
        var chunks = generator.Generate().ToList();
        var server = new FakeIngestServer();

        var result = await SendAsync(server, generator, new StringWriter());

        Assert.True(result.Succeeded, result.Failure);
        Assert.Equal(chunks.Sum(chunk => chunk.Events.Count), result.EventsAccepted);
        Assert.Equal(chunks.Sum(chunk => chunk.Requests.Count), result.RequestsAccepted);
        Assert.Equal(0, result.Rejected);
        Assert.All(server.Posts, post => Assert.InRange(post.Items, 1, 1000));
        Assert.All(server.Posts, post => Assert.Equal("Bearer ingest-key", post.Authorization));
        Assert.Contains(server.Posts, post => post.Path == "/v1/events" && post.Items == 1000);
        Assert.Contains(server.Posts, post => post.Path == "/v1/requests" && post.Items == 1000);
    }

    [Fact]
    public async Task SendAsync_EventBody_MatchesIngestionContract()
    {
        var server = new FakeIngestServer();

        await SendAsync(server, SomeDemo.Generator(days: 1, users: 50), new StringWriter());

        var events = server.Posts.First(post => post.Path == "/v1/events").Body.RootElement.GetProperty("events");
        var first = events[0];
        Assert.Equal("$pageview", first.GetProperty("event").GetString());
        Assert.StartsWith("u_", first.GetProperty("distinct_id").GetString());
        Assert.EndsWith("Z", first.GetProperty("timestamp").GetString());
        Assert.Equal(JsonValueKind.String, first.GetProperty("properties").GetProperty("path").ValueKind);
        var request = server.Posts.First(post => post.Path == "/v1/requests").Body.RootElement.GetProperty("requests")[0];
        Assert.Equal(JsonValueKind.Number, request.GetProperty("status").ValueKind);
        Assert.Equal(JsonValueKind.Number, request.GetProperty("duration_ms").ValueKind);
        Assert.StartsWith("/api/", request.GetProperty("route").GetString());
    }

    [Fact]
    public async Task SendAsync_ServerFailsTransiently_RetriesAndSendsEverything()
    {
        var generator = SomeDemo.Generator(days: 1, users: 100);
        var expected = generator.Generate().Sum(chunk => chunk.Events.Count + chunk.Requests.Count);
        var server = new FakeIngestServer { TransientFailures = 3 };

        var result = await SendAsync(server, generator, new StringWriter());

        Assert.True(result.Succeeded, result.Failure);
        Assert.Equal(expected, result.EventsAccepted + result.RequestsAccepted);
        Assert.Equal(3, server.Posts.Count(post => post.Status == HttpStatusCode.ServiceUnavailable));
    }

    [Fact]
    public async Task SendAsync_ServerAnswers400_FailsAndShowsProblem()
    {
        var server = new FakeIngestServer { Problem = """{"title":"Timestamp too old"}""" };
        var output = new StringWriter();

        var result = await SendAsync(server, SomeDemo.Generator(days: 2, users: 200), output);

        Assert.False(result.Succeeded);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("400", result.Failure);
        Assert.Contains("Timestamp too old", output.ToString());
        Assert.True(server.Posts.Count <= DemoCommand.Senders, $"{server.Posts.Count} posts after the first refusal");
    }

    [Fact]
    public async Task SendAsync_ServerRejectsOneItemPerBatch_CountsAndShowsRejections()
    {
        var server = new FakeIngestServer { RejectFirstItem = true };
        var output = new StringWriter();

        var result = await SendAsync(server, SomeDemo.Generator(days: 1, users: 100), output);

        Assert.True(result.Succeeded, result.Failure);
        Assert.Equal(server.Posts.Count, result.Rejected);
        Assert.Contains("timestamp: too old", output.ToString());
    }

    [Theory]
    [InlineData("--key k", 0)]
    [InlineData("--key k --days 7 --users 10 --url http://127.0.0.1:5080 --seed 3", 0)]
    [InlineData("--days 7", 1)]
    [InlineData("--key k --days 31", 1)]
    [InlineData("--key k --users 0", 1)]
    [InlineData("--key k --url localhost", 1)]
    public void Create_ParsesOptions(string arguments, int errors)
    {
        var command = DemoCommand.Create();

        var parsed = command.Parse(arguments);

        Assert.Equal(errors, parsed.Errors.Count);
    }

    private static Task<DemoSendResult> SendAsync(FakeIngestServer server, DemoDataGenerator generator, StringWriter output)
    {
        var http = new HttpClient(server) { BaseAddress = new Uri("http://vigil.test/") };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "ingest-key");
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        return DemoCommand.SendAsync(http, generator, TimeProvider.System, console, TimeSpan.FromMilliseconds(1), CancellationToken.None);
    }

    private sealed record Post(string Path, string? Authorization, int Items, JsonDocument Body, HttpStatusCode Status);

    /// <summary>Answers like the ingestion API: counts the items of each body and accepts them, unless told otherwise.</summary>
    private sealed class FakeIngestServer : HttpMessageHandler
    {
        private int _transientFailuresLeft;

        public ConcurrentQueue<Post> Posts { get; } = new();

        public int TransientFailures
        {
            get => _transientFailuresLeft;
            init => _transientFailuresLeft = value;
        }

        public string? Problem { get; init; }

        public bool RejectFirstItem { get; init; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = JsonDocument.Parse(await request.Content!.ReadAsStringAsync(cancellationToken));
            var items = body.RootElement.EnumerateObject().Single().Value.GetArrayLength();
            var (status, answer) = Problem is not null
                ? (HttpStatusCode.BadRequest, Problem)
                : Interlocked.Decrement(ref _transientFailuresLeft) >= 0
                    ? (HttpStatusCode.ServiceUnavailable, "")
                    : RejectFirstItem
                        ? (HttpStatusCode.OK, $$"""{"accepted":{{items - 1}},"rejected":[{"index":0,"field":"timestamp","error":"too old"}]}""")
                        : (HttpStatusCode.OK, $$"""{"accepted":{{items}},"rejected":[]}""");
            Posts.Enqueue(new Post(request.RequestUri!.AbsolutePath, request.Headers.Authorization?.ToString(), items, body, status));
            return new HttpResponseMessage(status) { Content = new StringContent(answer, Encoding.UTF8, "application/json") };
        }
    }
}
