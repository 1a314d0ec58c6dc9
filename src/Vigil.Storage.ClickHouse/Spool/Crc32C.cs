using System.Buffers.Binary;
using System.Runtime.Intrinsics.X86;

namespace Vigil.Storage.ClickHouse.Spool;

/// <summary>
/// CRC-32C (Castagnoli), which detects a torn or partly written spool record. The CPU instruction does 8 bytes at a
/// time where there is one; the table is the portable fallback. (System.IO.Hashing is not in this package registry.)
/// </summary>
internal static class Crc32C
{
    private const uint Polynomial = 0x82F63B78; // reflected 0x1EDC6F41
    private static readonly uint[] Table = BuildTable();

    public static uint Compute(ReadOnlySpan<byte> data)
    {
        var crc = ~0u;
        if (Sse42.X64.IsSupported)
        {
            var wide = (ulong)crc;
            while (data.Length >= 8)
            {
                wide = Sse42.X64.Crc32(wide, BinaryPrimitives.ReadUInt64LittleEndian(data));
                data = data[8..];
            }
            crc = (uint)wide;
        }
        foreach (var value in data)
        {
            crc = Table[(crc ^ value) & 0xFF] ^ (crc >> 8);
        }
        return ~crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint index = 0; index < 256; index++)
        {
            var entry = index;
            for (var bit = 0; bit < 8; bit++)
            {
                entry = (entry & 1) != 0 ? (entry >> 1) ^ Polynomial : entry >> 1;
            }
            table[index] = entry;
        }
        return table;
    }
}
