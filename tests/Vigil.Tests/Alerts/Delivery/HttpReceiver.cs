using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Vigil.Tests.Alerts.Delivery;

/// <summary>One request as a provider stand-in received it.</summary>
internal sealed record ReceivedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string BodyText => System.Text.Encoding.UTF8.GetString(Body);

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>
/// A real HTTP server on 127.0.0.1 standing in for Slack, Solapi, Twilio or a webhook receiver: it records every
/// request and answers what the test's <c>answer</c> says (200 "ok" unless told otherwise).
/// </summary>
internal sealed class HttpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedRequest> _requests = new();

    private HttpReceiver(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    public IReadOnlyList<ReceivedRequest> Requests => [.. _requests];

    public ReceivedRequest Single => Assert.Single(_requests);

    /// <param name="answer">The status and JSON or text body to answer a request with.</param>
    public static async Task<HttpReceiver> StartAsync(Func<ReceivedRequest, (int Status, string Body)>? answer = null)
    {
        answer ??= _ => (200, "ok");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new HttpReceiver(app);
        app.Run(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            var request = new ReceivedRequest(
                context.Request.Method,
                context.Request.Path + context.Request.QueryString,
                context.Request.Headers.ToDictionary(header => header.Key, header => header.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                body.ToArray());
            receiver._requests.Enqueue(request);
            var (status, text) = answer(request);
            context.Response.StatusCode = status;
            context.Response.ContentType = text.StartsWith('{') ? "application/json" : "text/plain";
            await context.Response.WriteAsync(text);
        });
        await app.StartAsync();
        receiver.Url = new Uri(app.Urls.Single());
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
