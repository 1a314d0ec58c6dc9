using System.Text.Json;
using Vigil.Core.Routes;

namespace Vigil.Storage.Sqlite;

/// <summary>
/// A route hour's slowest requests as route_hours keeps them: a JSON array of
/// <c>{"t": Unix ms, "m": method, "r": route, "s": status, "d": duration ms, "x": trace id or null}</c>, slowest first.
/// Method and route are kept per request because the (other) row holds requests of many routes.
/// </summary>
internal static class SlowRequestJson
{
    private sealed record Stored(long T, string M, string R, int S, double D, string? X);

    private static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static string Serialize(IReadOnlyList<SlowRequest> requests) =>
        JsonSerializer.Serialize(requests.Select(request => new Stored(
            request.Timestamp.ToUnixTimeMilliseconds(), request.Method, request.Route, request.Status, request.DurationMs, request.TraceId)), Options);

    public static IEnumerable<SlowRequest> Deserialize(string json) =>
        (JsonSerializer.Deserialize<List<Stored>>(json, Options) ?? []).Select(stored => new SlowRequest(
            DateTimeOffset.FromUnixTimeMilliseconds(stored.T), stored.M, stored.R, stored.S, stored.D, stored.X));

    /// <summary>Adds a route_hours row to <paramref name="aggregate"/>, and answers it.</summary>
    public static RouteAggregate AddRow(RouteAggregate aggregate, long count, long clientErrors, long serverErrors, double sumMs, byte[] sketch, string slowest)
    {
        aggregate.Requests.Count += count;
        aggregate.Requests.ClientErrors += clientErrors;
        aggregate.Requests.ServerErrors += serverErrors;
        aggregate.Requests.SumMs += sumMs;
        aggregate.Requests.Sketch.MergeBytes(sketch);
        foreach (var request in Deserialize(slowest))
        {
            aggregate.Offer(request);
        }
        return aggregate;
    }
}
