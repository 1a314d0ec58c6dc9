using Vigil.Auth;
using Vigil.Core.Projects;
using Vigil.Projects;

namespace Vigil.Ingest;

/// <summary>
/// Finds the project of an ingest key wherever a client can put it: <c>Authorization: Bearer</c>; <c>x-vigil-key</c>
/// (OpenTelemetry exporters take headers as <c>name=value</c> pairs, where a value without a space is easier to
/// write); the password of <c>Authorization: Basic</c> (Prometheus's <c>remote_write.basic_auth</c>, any user name); or
/// <c>?key=</c> for <c>navigator.sendBeacon</c>, which cannot set headers.
/// </summary>
internal static class IngestKeys
{
    public const string HeaderName = "x-vigil-key";

    public const string Hint = $"Send the project's ingest key as 'Authorization: Bearer <key>', as '{HeaderName}: <key>' or as the 'key' query parameter.";

    public static async Task<Project?> ResolveProjectAsync(HttpRequest request, ProjectDirectory projects, CancellationToken cancellationToken)
    {
        var secret = BearerToken.From(request) ?? BasicPassword(request) ?? request.Headers[HeaderName].FirstOrDefault() ?? request.Query["key"].FirstOrDefault();
        if (string.IsNullOrEmpty(secret))
        {
            return null;
        }
        return await projects.FindIngestProjectAsync(secret, cancellationToken);
    }

    private static string? BasicPassword(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string prefix = "Basic ";
        if (!header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var bytes = new byte[header.Length];
        if (!Convert.TryFromBase64String(header[prefix.Length..].Trim(), bytes, out var length))
        {
            return null;
        }
        var credentials = System.Text.Encoding.UTF8.GetString(bytes, 0, length);
        var colon = credentials.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? null : credentials[(colon + 1)..];
    }
}
