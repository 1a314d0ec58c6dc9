namespace Vigil.Core.Errors.Sentry;

/// <summary>
/// Where Sentry SDKs put their DSN's public key, which for Vigil is the project's ingest key: the
/// <c>X-Sentry-Auth</c> header (or <c>Authorization</c>) as <c>Sentry sentry_key=…, sentry_version=7, …</c>, the
/// <c>sentry_key</c> query parameter (what the JavaScript SDKs send), or the envelope header's <c>dsn</c>.
/// </summary>
public static class SentryAuth
{
    /// <summary>The <c>sentry_key</c> of a <c>Sentry key=value, …</c> header, or null.</summary>
    public static string? KeyFromHeader(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }
        var pairs = header.Trim();
        if (pairs.StartsWith("Sentry ", StringComparison.OrdinalIgnoreCase))
        {
            pairs = pairs["Sentry ".Length..];
        }
        else if (!pairs.StartsWith("sentry_", StringComparison.OrdinalIgnoreCase))
        {
            // Another scheme, such as Bearer: not Sentry's.
            return null;
        }
        foreach (var pair in pairs.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && pair[..equals].Trim().Equals("sentry_key", StringComparison.OrdinalIgnoreCase))
            {
                var key = pair[(equals + 1)..].Trim();
                return key.Length == 0 ? null : key;
            }
        }
        return null;
    }

    /// <summary>The public key of a DSN such as <c>https://key@vigil.example/42</c> (or <c>key:secret@</c>, as older DSNs were), or null.</summary>
    public static string? KeyFromDsn(string? dsn)
    {
        if (string.IsNullOrWhiteSpace(dsn) || !Uri.TryCreate(dsn, UriKind.Absolute, out var uri) || uri.UserInfo.Length == 0)
        {
            return null;
        }
        var key = Uri.UnescapeDataString(uri.UserInfo.Split(':', 2)[0]);
        return key.Length == 0 ? null : key;
    }

    /// <summary>The DSN that points a Sentry SDK at a Vigil project: the ingest key as its public key, the project id as its project.</summary>
    /// <param name="origin">Vigil's origin and path base as the SDK reaches it, such as <c>https://vigil.example</c>.</param>
    public static string Dsn(string origin, string ingestKey, long projectId)
    {
        ArgumentNullException.ThrowIfNull(origin);
        var uri = new UriBuilder(origin.TrimEnd('/') + "/" + projectId) { UserName = Uri.EscapeDataString(ingestKey) };
        return uri.Uri.AbsoluteUri;
    }
}
