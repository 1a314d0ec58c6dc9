using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vigil.Core.Errors;

/// <summary>One occurrence of an error, grouped (its <see cref="Fingerprint"/> names its issue) and ready to store.</summary>
/// <param name="Source">Where it came from: <c>sentry</c>, <c>browser</c>, <c>otlp</c> or <c>api</c>.</param>
/// <param name="Level">Sentry's levels: <c>fatal</c>, <c>error</c>, <c>warning</c>, <c>info</c>, <c>debug</c>.</param>
/// <param name="DistinctId">The user it happened to, when known; counts towards the users affected.</param>
/// <param name="TraceId">32 hex digits, when the error happened inside a trace: the way to its logs and requests.</param>
public sealed record ErrorEvent(
    long ProjectId,
    DateTimeOffset Timestamp,
    string Fingerprint,
    string Source,
    string Level,
    string? Type,
    string Message,
    string? DistinctId,
    string? TraceId,
    string? Release,
    string? Environment,
    IReadOnlyList<ErrorFrame> Frames);

/// <summary>Per issue over a time range: how often, for how many users, since and until when.</summary>
public sealed record ErrorGroupTotals(string Fingerprint, long Count, long Users, DateTimeOffset FirstSeen, DateTimeOffset LastSeen);

/// <summary>The one JSON shape of stack frames that every store keeps, so samples read back alike from any engine.</summary>
public static class ErrorFrameJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize(IReadOnlyList<ErrorFrame> frames) => JsonSerializer.Serialize(frames, Options);

    public static IReadOnlyList<ErrorFrame> Deserialize(string json) => JsonSerializer.Deserialize<List<ErrorFrame>>(json, Options) ?? [];
}
