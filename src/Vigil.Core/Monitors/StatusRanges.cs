using System.Globalization;

namespace Vigil.Core.Monitors;

/// <summary>The HTTP statuses a monitor accepts, written as a list of codes and ranges: <c>200-299, 301</c>.</summary>
public sealed record StatusRanges
{
    /// <summary>Any 2xx or 3xx.</summary>
    public static StatusRanges Default { get; } = new([(200, 399)]);

    /// <summary>Any 2xx: the health probe's rule, which the <c>health</c> monitor keeps.</summary>
    public static StatusRanges Success { get; } = new([(200, 299)]);

    private StatusRanges(IReadOnlyList<(int From, int To)> ranges) => Ranges = ranges;

    public IReadOnlyList<(int From, int To)> Ranges { get; }

    public bool Contains(int status) => Ranges.Any(range => status >= range.From && status <= range.To);

    public override string ToString() =>
        string.Join(", ", Ranges.Select(range => range.From == range.To
            ? range.From.ToString(CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{range.From}-{range.To}")));

    public bool Equals(StatusRanges? other) => other is not null && Ranges.SequenceEqual(other.Ranges);

    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);

    /// <summary>Codes from 100 to 599; ranges low to high; separated by commas (spaces allowed).</summary>
    public static bool TryParse(string? text, out StatusRanges ranges, out string error)
    {
        ranges = Default;
        error = "";
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "write statuses such as 200-299 or 200, 301";
            return false;
        }
        var parsed = new List<(int, int)>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var bounds = part.Split('-', StringSplitOptions.TrimEntries);
            if (bounds.Length > 2 || !bounds.All(IsStatus))
            {
                error = $"'{part}' is not a status (100-599) or a range such as 200-299";
                return false;
            }
            var (from, to) = (int.Parse(bounds[0], CultureInfo.InvariantCulture), int.Parse(bounds[^1], CultureInfo.InvariantCulture));
            if (from > to)
            {
                error = $"the range '{part}' runs backwards";
                return false;
            }
            parsed.Add((from, to));
        }
        ranges = new StatusRanges(parsed);
        return true;
    }

    private static bool IsStatus(string text) =>
        text.Length == 3 && text.All(char.IsAsciiDigit) && int.Parse(text, CultureInfo.InvariantCulture) is >= 100 and <= 599;
}
