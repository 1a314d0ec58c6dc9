using System.Text;
using System.Text.Json;
using System.Web;

namespace Vigil.Core.Ingest.PostHog;

/// <summary>The JSON of a capture request, or why it could not be had (<paramref name="TooLarge"/>: it decompressed to more than a request may hold).</summary>
public sealed record UnwrappedPayload(ReadOnlyMemory<byte> Json, RequestRejection? Problem, bool TooLarge = false);

/// <summary>
/// Undoes the ways PostHog SDKs wrap a capture payload, down to its JSON: a form field <c>data=</c>
/// (<c>application/x-www-form-urlencoded</c>, as posthog-js sends with <c>compression=base64</c> or <c>lz64</c>, and
/// through sendBeacon), lz-string's base64 (<c>compression=lz64</c>, see <see cref="LzString"/>), base64 text, or the
/// JSON itself. Gzip (<c>Content-Encoding: gzip</c>, <c>compression=gzip-js</c>) is undone before, while the body streams in.
/// </summary>
public static class PostHogPayload
{
    /// <summary>The payload's JSON document, which the caller disposes; null, with the problem, when there is none.</summary>
    public static JsonDocument? Read(ReadOnlyMemory<byte> payload, bool isForm, string? compression, out RequestRejection? problem, out bool tooLarge)
    {
        var unwrapped = Unwrap(payload, isForm, compression);
        (problem, tooLarge) = (unwrapped.Problem, unwrapped.TooLarge);
        return problem is null ? EventRules.ParseJson(unwrapped.Json, out problem) : null;
    }

    public static UnwrappedPayload Unwrap(ReadOnlyMemory<byte> payload, bool isForm, string? compression)
    {
        var field = "body";
        if (isForm)
        {
            var form = HttpUtility.ParseQueryString(Encoding.UTF8.GetString(payload.Span));
            if (string.IsNullOrEmpty(form["data"]))
            {
                return Refused("data", "A form-encoded capture request must carry the events in its 'data' field.");
            }
            payload = Encoding.UTF8.GetBytes(form["data"]!);
            compression = form["compression"] ?? compression;
            field = "data";
        }
        // Form decoding turns a '+' of base64 into a space; put it back.
        var base64 = Encoding.UTF8.GetString(payload.Span).Trim().Replace(' ', '+');
        if (compression == "lz64")
        {
            var json = LzString.DecompressFromBase64(base64, IngestLimits.MaxRequestBytes, out var tooLong);
            return json is not null ? new UnwrappedPayload(Encoding.UTF8.GetBytes(json), null)
                : tooLong ? new UnwrappedPayload(ReadOnlyMemory<byte>.Empty, new RequestRejection(field,
                    $"The {field} decompresses to more than {IngestLimits.MaxRequestBytes / 1024} KiB, what one request may carry: send fewer events at once."), TooLarge: true)
                : Refused(field, $"The {field} is not lz-string compressToBase64 text, as compression=lz64 says.");
        }
        if (StartsLikeJson(payload.Span))
        {
            return new UnwrappedPayload(payload, null);
        }
        var decoded = new byte[base64.Length * 3 / 4];
        return Convert.TryFromBase64String(base64, decoded, out var length) && StartsLikeJson(decoded.AsSpan(0, length))
            ? new UnwrappedPayload(decoded.AsMemory(0, length), null)
            : Refused(field, $"The {field} is neither JSON nor base64-encoded JSON.");
    }

    private static bool StartsLikeJson(ReadOnlySpan<byte> payload)
    {
        var start = payload.TrimStart(" \t\r\n"u8);
        return start.Length > 0 && start[0] is (byte)'{' or (byte)'[';
    }

    private static UnwrappedPayload Refused(string field, string detail) => new(ReadOnlyMemory<byte>.Empty, new RequestRejection(field, detail));
}
