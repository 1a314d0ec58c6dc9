using System.IO.Compression;
using System.Net.Http.Headers;

namespace Vigil.Tests.Support;

/// <summary>Raw request bodies as SDKs send them: bytes with their content type, gzipped with its header when asked.</summary>
public static class RequestBodies
{
    public static ByteArrayContent Of(byte[] bytes, string contentType, bool gzip = false)
    {
        if (gzip)
        {
            var compressed = new MemoryStream();
            using (var stream = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            {
                stream.Write(bytes);
            }
            bytes = compressed.ToArray();
        }
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        if (gzip)
        {
            content.Headers.ContentEncoding.Add("gzip");
        }
        return content;
    }
}
