using System.Globalization;
using Vigil.Core.Kpis;

namespace Vigil.Dashboard;

/// <summary>How the KPI page writes figures: invariant digits, a dash for nothing to show.</summary>
internal static class KpiViews
{
    public const string Nothing = "—";

    public static string Number(double? value, int decimals = 0) =>
        value is { } number ? number.ToString(decimals == 0 ? "N0" : "N" + decimals, CultureInfo.InvariantCulture) : Nothing;

    public static string Percent(double? value) => value is { } number ? number.ToString("0.#", CultureInfo.InvariantCulture) + "%" : Nothing;

    /// <summary>A figure as a share in % or as a number with <paramref name="decimals"/>.</summary>
    public static string Figure(double? value, bool percent, int decimals = 0) => percent ? Percent(value) : Number(value, decimals);

    /// <summary>The change badge's text and class; a rise is good unless <paramref name="higherIsBetter"/> is false.</summary>
    public static (string Text, string Class)? Change(Compared figure, bool higherIsBetter = true) => figure.ChangePercent switch
    {
        null => null,
        0 => ("0%", "trend trend-flat"),
        > 0 and var up => ($"▲ {up.ToString("0.#", CultureInfo.InvariantCulture)}%", higherIsBetter ? "trend trend-good" : "trend trend-bad"),
        var down => ($"▼ {Math.Abs(down.Value).ToString("0.#", CultureInfo.InvariantCulture)}%", higherIsBetter ? "trend trend-bad" : "trend trend-good"),
    };

    /// <summary>A retention cell's background: the share as the opacity of the accent colour.</summary>
    public static string Heat(double? percent) =>
        percent is { } share ? string.Create(CultureInfo.InvariantCulture, $"background: rgba(37, 99, 235, {Math.Clamp(share / 100, 0, 1) * 0.85 + 0.05:0.00}); color: {(share > 55 ? "#fff" : "inherit")}") : "";

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Format(string pattern, object value) => string.Format(CultureInfo.InvariantCulture, pattern, value);
}
