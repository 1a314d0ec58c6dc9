using System.Buffers;
using System.IO.Compression;

namespace Vigil.Ingest;

/// <summary>
/// A request body read up to a limit (after decompressing, when the client says gzip, deflate or br) into a pooled buffer: ingest reads
/// thousands of bodies a second, and fresh arrays for each would be most of what the collector has to clear.
/// Dispose returns the buffer; nothing may hold <see cref="Bytes"/> after that.
/// </summary>
internal sealed class IngestBody : IDisposable
{
    private const int InitialSize = 16 * 1024;

    private byte[]? _buffer;
    private readonly int _length;

    private IngestBody(byte[]? buffer, int length, BodyProblem? problem)
    {
        _buffer = buffer;
        _length = length;
        Problem = problem;
    }

    public sealed record BodyProblem(int Status, string Title, string Detail);

    public ReadOnlyMemory<byte> Bytes => _buffer.AsMemory(0, _length);

    public BodyProblem? Problem { get; }

    /// <param name="request">The request whose body is read.</param>
    /// <param name="maxBytes">The most it may hold, after decompressing.</param>
    /// <param name="cancellationToken">Ends the read.</param>
    /// <param name="gzip">The body is gzip though the headers do not say so (posthog-js marks it in the query: <c>compression=gzip-js</c>).</param>
    /// <param name="emptyIsValid">An empty body means something (a protobuf message with no fields set is zero bytes long).</param>
    public static async Task<IngestBody> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken, bool gzip = false, bool emptyIsValid = false)
    {
        if (request.ContentLength > maxBytes)
        {
            return TooLarge(maxBytes);
        }
        var encoding = gzip ? "gzip" : request.Headers.ContentEncoding.ToString().Trim().ToLowerInvariant();
        await using var source = Decompressing(request.Body, encoding);
        var compressed = source != request.Body;
        // One byte more than the declared length, so a body longer than declared is still caught by the limit.
        var buffer = ArrayPool<byte>.Shared.Rent(request.ContentLength is { } declared and > 0 && !compressed ? (int)declared + 1 : InitialSize);
        var length = 0;
        try
        {
            int read;
            while ((read = await source.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
            {
                length += read;
                if (length > maxBytes)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    return TooLarge(maxBytes);
                }
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, maxBytes + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
            }
        }
        catch (InvalidDataException)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            return new IngestBody(null, 0, new BodyProblem(StatusCodes.Status400BadRequest, "Invalid body", $"The body is declared {encoding} but is not valid {encoding} data."));
        }
        if (length == 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            return new IngestBody(null, 0, emptyIsValid ? null : new BodyProblem(StatusCodes.Status400BadRequest, "Empty body", "The request has no body."));
        }
        return new IngestBody(buffer, length, null);
    }

    /// <summary>
    /// The body decoded as its Content-Encoding says: gzip, deflate (zlib, as HTTP defines it) or br (the Sentry Python
    /// SDK's choice when brotli is installed). Other encodings are read as they are, and fail as the payload they are not.
    /// </summary>
    private static Stream Decompressing(Stream body, string encoding) => encoding switch
    {
        "gzip" or "x-gzip" => new GZipStream(body, CompressionMode.Decompress, leaveOpen: true),
        "deflate" => new ZLibStream(body, CompressionMode.Decompress, leaveOpen: true),
        "br" => new BrotliStream(body, CompressionMode.Decompress, leaveOpen: true),
        _ => body,
    };

    public void Dispose()
    {
        if (_buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = null;
        }
    }

    private static IngestBody TooLarge(int maxBytes) =>
        new(null, 0, new BodyProblem(StatusCodes.Status413PayloadTooLarge, "Request too large", $"A request body may be at most {maxBytes / 1024} KiB."));
}
