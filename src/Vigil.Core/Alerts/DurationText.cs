using System.Globalization;
using System.Text;

namespace Vigil.Core.Alerts;

/// <summary>
/// Durations as rule files write them: <c>500ms</c>, <c>30s</c>, <c>10min</c> or <c>15m</c>, <c>2h</c>, <c>1d</c>, and
/// combinations from the largest unit down such as <c>1h30m</c>. A bare <c>0</c> is zero.
/// </summary>
public static class DurationText
{
    private static readonly long MaxMilliseconds = TimeSpan.MaxValue.Ticks / TimeSpan.TicksPerMillisecond;

    // Rank orders the units so that "30m1h" or "1h1h" (almost always a typo) is refused, as Prometheus does.
    private static readonly Dictionary<string, (long Milliseconds, int Rank)> Units = new(StringComparer.Ordinal)
    {
        ["d"] = (86_400_000, 5),
        ["h"] = (3_600_000, 4),
        ["min"] = (60_000, 3),
        ["m"] = (60_000, 3),
        ["s"] = (1_000, 2),
        ["ms"] = (1, 1),
    };

    private static readonly (string Unit, long Milliseconds)[] FormatUnits =
        [("d", 86_400_000), ("h", 3_600_000), ("min", 60_000), ("s", 1_000), ("ms", 1)];

    /// <summary>Reads a whole duration; false for anything else, including negative values, decimals and inner spaces.</summary>
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }
        if (text == "0")
        {
            return true;
        }

        long total = 0;
        var previousRank = int.MaxValue;
        var index = 0;
        while (index < text.Length)
        {
            var digitsStart = index;
            while (index < text.Length && char.IsAsciiDigit(text[index]))
            {
                index++;
            }
            var unitStart = index;
            while (index < text.Length && char.IsAsciiLetterLower(text[index]))
            {
                index++;
            }
            if (unitStart == digitsStart || index == unitStart
                || !Units.TryGetValue(text[unitStart..index], out var unit) || unit.Rank >= previousRank
                || !long.TryParse(text.AsSpan(digitsStart, unitStart - digitsStart), NumberStyles.None, CultureInfo.InvariantCulture, out var count)
                || count > (MaxMilliseconds - total) / unit.Milliseconds)
            {
                return false;
            }
            total += count * unit.Milliseconds;
            previousRank = unit.Rank;
        }
        duration = TimeSpan.FromMilliseconds(total);
        return true;
    }

    /// <summary>
    /// Writes a duration the way <see cref="TryParse"/> reads it, largest unit first (<c>1h30min</c>, <c>10min</c>,
    /// <c>0s</c>). Parts below a millisecond are dropped, since rule files cannot express them.
    /// </summary>
    public static string Format(TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        var remaining = duration.Ticks / TimeSpan.TicksPerMillisecond;
        if (remaining == 0)
        {
            return "0s";
        }
        var text = new StringBuilder();
        foreach (var (unit, milliseconds) in FormatUnits)
        {
            var count = remaining / milliseconds;
            if (count > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"{count}{unit}");
                remaining -= count * milliseconds;
            }
        }
        return text.ToString();
    }
}
