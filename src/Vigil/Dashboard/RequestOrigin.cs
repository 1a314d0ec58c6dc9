namespace Vigil.Dashboard;

internal static class RequestOrigin
{
    /// <summary>How the browser reached Vigil (scheme, host, path base): where the snippets and DSNs a page shows must point.</summary>
    public static string Of(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";
}
