using System.CommandLine;
using System.Net.Http.Headers;

namespace Vigil.Bench;

/// <summary>Options shared by the modes, so each reads the same everywhere.</summary>
internal static class BenchOptions
{
    public static Option<string> Url() => new("--url") { Description = "Base address of the Vigil server", DefaultValueFactory = _ => "http://127.0.0.1:5080" };

    public static Option<string> IngestKey() => new("--key") { Description = "The project's ingest key", Required = true };

    public static Option<string?> OptionalIngestKey() => new("--key") { Description = "The project's ingest key" };

    public static Option<string> AdminToken() => new("--admin") { Description = "The admin token", Required = true };

    public static Option<string> Project() => new("--project") { Description = "The project id", Required = true };

    public static Option<int> Connections(int defaultValue) => Positive("--connections", "Concurrent connections", defaultValue);

    public static Option<int> Duration(int defaultValue) => Positive("--duration", "Seconds to run", defaultValue);

    public static Option<int> Batch(int defaultValue) => Positive("--batch", "Events per request (the API takes at most 1,000)", defaultValue);

    public static Option<int?> ProcessId() => new("--pid") { Description = "Server process to sample VmRSS/VmHWM and CPU time of (Linux /proc)" };

    public static Option<int> Positive(string name, string description, int defaultValue)
    {
        var option = new Option<int>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError($"{name} must be at least 1.");
            }
        });
        return option;
    }

    public static HttpClient CreateClient(string url, string? token, int connections)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            UseCookies = false,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
        };
        var baseAddress = url.EndsWith('/') ? url : url + "/";
        var http = new HttpClient(handler) { BaseAddress = new Uri(baseAddress), Timeout = TimeSpan.FromSeconds(60) };
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return http;
    }

    public static string Describe(Exception exception) => exception switch
    {
        HttpRequestException { HttpRequestError: var error } => $"connection: {error}",
        TaskCanceledException => "timeout",
        _ => exception.GetType().Name,
    };
}
