using Vigil.Auth;
using Vigil.Core.Projects;
using Vigil.Projects;

namespace Vigil.Ingest;

/// <summary>
/// Finds the project of an ingest key wherever a client can put it: <c>Authorization: Bearer</c>; <c>x-vigil-key</c>
/// (OpenTelemetry exporters take headers as <c>name=value</c> pairs, where a value without a space is easier to
/// write); or <c>?key=</c> for <c>navigator.sendBeacon</c>, which cannot set headers.
/// </summary>
internal static class IngestKeys
{
    public const string HeaderName = "x-vigil-key";

    public const string Hint = $"Send the project's ingest key as 'Authorization: Bearer <key>', as '{HeaderName}: <key>' or as the 'key' query parameter.";

    public static async Task<Project?> ResolveProjectAsync(HttpRequest request, ProjectDirectory projects, CancellationToken cancellationToken)
    {
        var secret = BearerToken.From(request) ?? request.Headers[HeaderName].FirstOrDefault() ?? request.Query["key"].FirstOrDefault();
        if (string.IsNullOrEmpty(secret))
        {
            return null;
        }
        return await projects.FindIngestProjectAsync(secret, cancellationToken);
    }
}
