using System.IO.Compression;

namespace Vigil.Core.Budgets;

/// <summary>The size of a file's bytes as a budget measures them.</summary>
public static class CompressedSize
{
    public static long Of(ReadOnlySpan<byte> content, SizeCompression compression)
    {
        // An empty file is served as an empty body, compressed or not.
        if (compression == SizeCompression.Raw || content.IsEmpty)
        {
            return content.Length;
        }
        var counter = new CountingStream();
        // SmallestSize is zlib level 9 for gzip and quality 11 for brotli: what build tools precompress with.
        using (Stream compressor = compression == SizeCompression.Gzip
            ? new GZipStream(counter, CompressionLevel.SmallestSize, leaveOpen: true)
            : new BrotliStream(counter, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            compressor.Write(content);
        }
        return counter.Length;
    }

    /// <summary>Counts what is written and keeps none of it.</summary>
    private sealed class CountingStream : Stream
    {
        private long _length;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _length;

        public override long Position
        {
            get => _length;
            set => throw new NotSupportedException();
        }

        public override void Write(byte[] buffer, int offset, int count) => _length += count;

        public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
