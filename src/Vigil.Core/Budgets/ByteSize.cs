using System.Globalization;
using System.Text.RegularExpressions;

namespace Vigil.Core.Budgets;

/// <summary>
/// Sizes as people write them: <c>800KB</c>, <c>1.5 MB</c>, <c>120 KiB</c>, <c>5000</c> (bytes). KB, MB and GB are
/// powers of 1000, as bundlers print them; KiB, MiB and GiB powers of 1024.
/// </summary>
public static partial class ByteSize
{
    public const long MaxBytes = 1_000_000_000_000;

    private static readonly Dictionary<string, long> Units = new(StringComparer.OrdinalIgnoreCase)
    {
        [""] = 1, ["B"] = 1,
        ["KB"] = 1000, ["MB"] = 1000 * 1000, ["GB"] = 1000 * 1000 * 1000,
        ["KiB"] = 1024, ["MiB"] = 1024 * 1024, ["GiB"] = 1024 * 1024 * 1024,
    };

    [GeneratedRegex(@"^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex SizePattern();

    /// <summary>The size in whole bytes (rounded), or null when the text is no size from 1 byte to <see cref="MaxBytes"/>.</summary>
    public static long? Parse(string? text)
    {
        if (text is null || SizePattern().Match(text) is not { Success: true } match || !Units.TryGetValue(match.Groups[2].Value, out var unit))
        {
            return null;
        }
        var bytes = Math.Round(decimal.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) * unit, MidpointRounding.AwayFromZero);
        return bytes is >= 1 and <= MaxBytes ? (long)bytes : null;
    }

    /// <summary>Bytes in the largest decimal unit that keeps the number at least 1, to at most one decimal: <c>812.3 KB</c>, <c>1.5 MB</c>, <c>950 B</c>.</summary>
    public static string Format(long bytes)
    {
        var (value, unit) = Math.Abs(bytes) switch
        {
            >= 1000L * 1000 * 1000 => (bytes / 1e9, "GB"),
            >= 1000L * 1000 => (bytes / 1e6, "MB"),
            >= 1000 => (bytes / 1e3, "KB"),
            _ => (bytes, "B"),
        };
        return $"{Math.Round(value, 1, MidpointRounding.AwayFromZero).ToString("0.#", CultureInfo.InvariantCulture)} {unit}";
    }

    /// <summary>
    /// Bytes exactly, in the largest decimal unit that needs at most three decimals (<c>812.345 KB</c>, <c>1.5 MB</c>),
    /// so that <see cref="Parse"/> gives the same number back.
    /// </summary>
    public static string FormatExact(long bytes)
    {
        var (value, unit) = bytes switch
        {
            >= 1000L * 1000 * 1000 when bytes % (1000 * 1000) == 0 => (bytes / 1e9m, "GB"),
            >= 1000L * 1000 when bytes % 1000 == 0 => (bytes / 1e6m, "MB"),
            >= 1000 => (bytes / 1e3m, "KB"),
            _ => (bytes, "B"),
        };
        return $"{value.ToString("0.###", CultureInfo.InvariantCulture)} {unit}";
    }

    public const string Rule = "a size from 1 byte to 1 TB: a number of bytes, or with KB, MB, GB (1000) or KiB, MiB, GiB (1024), e.g. 800KB or 1.5 MB";
}
