using System.Globalization;

namespace Vigil.Core.Reports;

/// <summary>How reports write numbers: the same in both languages, so only words are translated.</summary>
public static class ReportNumbers
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>U+2212, the typographic minus: "−3.0%" lines up with "+12.5%" where a hyphen would look short.</summary>
    public const char Minus = '\u2212';

    public static string Count(long value) => value.ToString("#,0", Invariant);

    /// <summary>
    /// The change from <paramref name="previous"/> to <paramref name="current"/>, one decimal with its sign ("+12.5%",
    /// "−3.0%", "0.0%"); <paramref name="newText"/> when there was nothing before and something now, where a percentage means nothing.
    /// </summary>
    public static string Change(long current, long previous, string newText)
    {
        if (previous == 0)
        {
            return current == 0 ? "0.0%" : newText;
        }
        var percent = Math.Round(100.0 * (current - previous) / previous, 1, MidpointRounding.AwayFromZero);
        return percent switch
        {
            > 0 => "+" + percent.ToString("0.0", Invariant) + "%",
            < 0 => Minus + (-percent).ToString("0.0", Invariant) + "%",
            _ => "0.0%",
        };
    }

    /// <summary>A percentage with up to <paramref name="decimals"/> decimals, trailing zeros dropped ("99.9%", "1%").</summary>
    public static string Percent(double value, int decimals = 2) =>
        Math.Round(value, decimals, MidpointRounding.AwayFromZero).ToString("#,0." + new string('#', decimals), Invariant) + "%";

    /// <summary>A share with exactly one decimal ("71.4%"), so a column of shares lines up.</summary>
    public static string Share(double value) => value.ToString("0.0", Invariant) + "%";

    public static string Milliseconds(double value) => Math.Round(value, MidpointRounding.AwayFromZero).ToString("#,0", Invariant) + " ms";

    /// <summary>A goal's numbers: whole numbers without decimals, others with up to two.</summary>
    public static string Number(double value) => value.ToString("#,0.##", Invariant);
}
