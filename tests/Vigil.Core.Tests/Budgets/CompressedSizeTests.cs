using System.IO.Compression;
using System.Text;
using Vigil.Core.Budgets;

namespace Vigil.Core.Tests.Budgets;

public sealed class CompressedSizeTests
{
    private static readonly byte[] Script = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 2000).Select(index => $"export const value{index % 50} = {index};\n")));

    [Fact]
    public void Of_Raw_TheLength() => Assert.Equal(Script.Length, CompressedSize.Of(Script, SizeCompression.Raw));

    [Fact]
    public void Of_OneByteGzip_HeaderBlockAndTrailer() =>
        // 10 bytes of gzip header, 3 of a fixed-Huffman deflate block (one literal, end of block), 8 of CRC-32 and length (RFC 1952).
        Assert.Equal(21, CompressedSize.Of("a"u8, SizeCompression.Gzip));

    [Theory]
    [InlineData(SizeCompression.Raw)]
    [InlineData(SizeCompression.Gzip)]
    [InlineData(SizeCompression.Brotli)]
    public void Of_EmptyFile_Zero(SizeCompression compression) =>
        // Served as an empty body, compressed or not (an empty Brotli stream would be 1 byte, an empty gzip 20).
        Assert.Equal(0, CompressedSize.Of([], compression));

    [Theory]
    [InlineData(SizeCompression.Gzip)]
    [InlineData(SizeCompression.Brotli)]
    public void Of_Compressed_TheSizeOfAStreamThatDecompressesToTheFile(SizeCompression compression)
    {
        using var compressed = new MemoryStream();
        using (Stream compressor = compression == SizeCompression.Gzip
            ? new GZipStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true)
            : new BrotliStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            compressor.Write(Script);
        }
        var expected = compressed.Length;
        compressed.Position = 0;
        using var decompressed = new MemoryStream();
        using (Stream decompressor = compression == SizeCompression.Gzip
            ? new GZipStream(compressed, CompressionMode.Decompress)
            : new BrotliStream(compressed, CompressionMode.Decompress))
        {
            decompressor.CopyTo(decompressed);
        }

        var size = CompressedSize.Of(Script, compression);

        Assert.Equal(Script, decompressed.ToArray());
        Assert.Equal(expected, size);
        Assert.True(size < Script.Length / 10, $"{compression}: {size} of {Script.Length} bytes");
    }
}
