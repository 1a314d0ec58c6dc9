using System.Text;

namespace Vigil.Core.Ingest.PostHog;

/// <summary>
/// Decompression of lz-string's <c>compressToBase64</c> (pieroxy.net/blog/pages/lz-string), which posthog-js sends as
/// <c>compression=lz64</c>. The text is an LZW stream of UTF-16 code units, written as 6-bit base64 digits, least
/// significant bit first: each code takes as many bits as the dictionary needs (3 at the start, one more each time the
/// dictionary doubles). Code 0 brings a new 8-bit character, 1 a new 16-bit character, 2 ends the stream; any other
/// code names a dictionary entry (or the entry about to be made: the previous one plus its own first character).
/// </summary>
public static class LzString
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=";

    /// <summary>
    /// The decompressed text, or null when <paramref name="base64"/> is not such a stream, or when it would decompress
    /// to more than <paramref name="maxLength"/> characters (then <paramref name="tooLong"/>, and no more is read).
    /// </summary>
    public static string? DecompressFromBase64(string base64, int maxLength, out bool tooLong)
    {
        ArgumentNullException.ThrowIfNull(base64);
        tooLong = false;
        if (base64.Length == 0)
        {
            return null;
        }
        var digits = new byte[base64.Length];
        for (var index = 0; index < base64.Length; index++)
        {
            var digit = Alphabet.IndexOf(base64[index], StringComparison.Ordinal);
            if (digit < 0)
            {
                return null;
            }
            digits[index] = (byte)digit;
        }
        return Decompress(new BitReader(digits), maxLength, out tooLong);
    }

    private static string? Decompress(BitReader bits, int maxLength, out bool tooLong)
    {
        tooLong = false;
        // Codes 0, 1 and 2 are the three markers; entries start at 3.
        var dictionary = new List<string> { "", "", "" };
        var width = 3;
        var enlargeIn = 4;
        var first = bits.Read(2) switch
        {
            0 => ((char)bits.Read(8)).ToString(),
            1 => ((char)bits.Read(16)).ToString(),
            2 => "",
            _ => null,
        };
        if (first is not { Length: > 0 })
        {
            return first;
        }
        dictionary.Add(first);
        var previous = first;
        var result = new StringBuilder(first);
        while (true)
        {
            if (bits.PastEnd)
            {
                return null;
            }
            var code = bits.Read(width);
            switch (code)
            {
                case 0 or 1:
                    dictionary.Add(((char)bits.Read(code == 0 ? 8 : 16)).ToString());
                    code = dictionary.Count - 1;
                    if (--enlargeIn == 0)
                    {
                        enlargeIn = 1 << width++;
                    }
                    break;
                case 2:
                    return result.ToString();
            }
            string entry;
            if (code < dictionary.Count)
            {
                entry = dictionary[code];
            }
            else if (code == dictionary.Count)
            {
                entry = previous + previous[0];
            }
            else
            {
                return null;
            }
            if (result.Length + entry.Length > maxLength)
            {
                tooLong = true;
                return null;
            }
            result.Append(entry);
            dictionary.Add(previous + entry[0]);
            previous = entry;
            if (--enlargeIn == 0)
            {
                enlargeIn = 1 << width++;
            }
        }
    }

    /// <summary>Reads the 6-bit digits as a bit stream, each digit from its high bit down; past the end, bits are 0, as lz-string reads them.</summary>
    private sealed class BitReader(byte[] digits)
    {
        private int _digit;
        private int _mask = 32;

        /// <summary>Whether the whole input is read: lz-string stops there when no end marker came.</summary>
        public bool PastEnd => _digit >= digits.Length;

        /// <summary>A value of <paramref name="count"/> bits, the first read the least significant.</summary>
        public int Read(int count)
        {
            var value = 0;
            for (var bit = 0; bit < count; bit++)
            {
                if (_digit < digits.Length && (digits[_digit] & _mask) != 0)
                {
                    value |= 1 << bit;
                }
                _mask >>= 1;
                if (_mask == 0)
                {
                    _mask = 32;
                    _digit++;
                }
            }
            return value;
        }
    }
}
