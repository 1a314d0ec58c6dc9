using System.Text;
using System.Text.Json;
using System.Web;

namespace Vigil.Core.Ingest.PostHog;

/// <summary>The JSON of a capture request, or why it could not be had.</summary>
public sealed record UnwrappedPayload(ReadOnlyMemory<byte> Json, RequestRejection? Problem);

/// <summary>
/// Undoes the ways PostHog SDKs wrap a capture payload, down to its JSON: a form field <c>data=</c>
/// (<c>application/x-www-form-urlencoded</c>, as posthog-js sends with <c>compression=base64</c>), base64 text, or the
/// JSON itself. Gzip (<c>Content-Encoding: gzip</c>, <c>compression=gzip-js</c>) is undone before, while the body streams in.
/// </summary>
public static class PostHogPayload
{
    /// <summary>The payload's JSON document, which the caller disposes; null, with the problem, when there is none.</summary>
    public static JsonDocument? Read(ReadOnlyMemory<byte> payload, bool isForm, string? compression, out RequestRejection? problem)
    {
        var unwrapped = Unwrap(payload, isForm, compression);
        problem = unwrapped.Problem;
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
        if (compression is "lz64" or "lz-string")
        {
            return Refused("compression", "lz64 (lz-string) compression is not supported; send gzip-js, gzip, base64 or plain JSON.");
        }
        if (StartsLikeJson(payload.Span))
        {
            return new UnwrappedPayload(payload, null);
        }
        // Form decoding turns a '+' of base64 into a space; put it back.
        var base64 = Encoding.UTF8.GetString(payload.Span).Trim().Replace(' ', '+');
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
