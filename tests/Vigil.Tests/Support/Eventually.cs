using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Vigil.Tests.Support;

/// <summary>
/// Waits for what a running server does in its own time (a commit, a scrape, an alert, a page update): asks again
/// and again until the answer is the one expected, and fails the test with what the last answer was when it does not
/// come in time.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(100);

    /// <summary>The first answer of <paramref name="probe"/> that <paramref name="done"/> takes.</summary>
    /// <param name="failure">What the test says when time is up, given the last answer.</param>
    public static async Task<T> ValueAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan within, Func<T, string> failure, TimeSpan? pause = null)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var answer = await probe();
            if (done(answer))
            {
                return answer;
            }
            if (waited.Elapsed > within)
            {
                throw new Xunit.Sdk.XunitException($"not within {within.TotalSeconds:0} s: {failure(answer)}");
            }
            await Task.Delay(pause ?? Pause);
        }
    }

    public static Task TrueAsync(Func<Task<bool>> condition, TimeSpan within, string failure, TimeSpan? pause = null) =>
        ValueAsync(condition, value => value, within, _ => failure, pause);

    public static Task TrueAsync(Func<bool> condition, TimeSpan within, Func<string> failure) =>
        ValueAsync(() => Task.FromResult(condition()), value => value, within, _ => failure());

    /// <summary>The JSON answer of GET <paramref name="path"/> once it is a success and <paramref name="done"/> takes it.</summary>
    public static async Task<JsonNode> JsonAsync(HttpClient client, string path, Func<JsonNode, bool> done, TimeSpan within)
    {
        var (answer, _) = await ValueAsync(
            async () =>
            {
                using var response = await client.GetAsync(path);
                var text = await response.Content.ReadAsStringAsync();
                return (response.IsSuccessStatusCode ? JsonNode.Parse(text) : null, $"{(int)response.StatusCode} {text}");
            },
            read => read.Item1 is { } json && done(json),
            within,
            read => $"GET {path} answered {read.Item2}",
            TimeSpan.FromMilliseconds(500));
        return answer!;
    }
}
