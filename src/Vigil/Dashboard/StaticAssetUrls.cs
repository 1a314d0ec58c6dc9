using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Vigil.Dashboard;

/// <summary>
/// URLs of files in the web root with a content hash appended, so browsers may cache them for long and still
/// see a new build at once. The web root does not change while the server runs, so each hash is computed once.
/// </summary>
internal sealed class StaticAssetUrls(IWebHostEnvironment environment)
{
    private readonly ConcurrentDictionary<string, string> _urls = new(StringComparer.Ordinal);

    public string this[string path] => _urls.GetOrAdd(path, Versioned);

    private string Versioned(string path)
    {
        var file = environment.WebRootFileProvider.GetFileInfo(path);
        if (!file.Exists)
        {
            return path;
        }
        using var stream = file.CreateReadStream();
        var hash = SHA256.HashData(stream);
        return $"{path}?v={Convert.ToHexStringLower(hash, 0, 6)}";
    }
}
