using System.Globalization;
using Vigil.Core.Goals;
using Vigil.Core.Revenue;

namespace Vigil.Dashboard;

/// <summary>How the goals page writes its numbers.</summary>
internal static class GoalViews
{
    public static string Money(double amount, RevenueSettings settings, CultureInfo culture) =>
        settings.Symbol + amount.ToString("N" + settings.Decimals.ToString(CultureInfo.InvariantCulture), culture);

    /// <summary>A goal's target or actual: money for revenue, one decimal for the daily average of active users, else whole numbers.</summary>
    public static string Amount(GoalMetric metric, double value, RevenueSettings settings, CultureInfo culture) => metric switch
    {
        GoalMetric.Revenue => Money(value, settings, culture),
        GoalMetric.ActiveUsers => value.ToString(value % 1 == 0 ? "N0" : "N1", culture),
        _ => value.ToString("N0", culture),
    };

    /// <summary>The achievement bar's width: full at 100% and beyond.</summary>
    public static string BarWidth(double achievementPercent) =>
        Math.Clamp(achievementPercent, 0, 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    public static string BarClass(double achievementPercent) => achievementPercent switch
    {
        >= 100 => "goal-bar goal-bar-done",
        >= 70 => "goal-bar goal-bar-near",
        _ => "goal-bar",
    };

    public static string Percent(double? percent, CultureInfo culture) =>
        percent is { } value ? value.ToString("0.#", culture) + "%" : "—";

    /// <summary>▲/▼ and the change in %, or — when there is nothing to compare with.</summary>
    public static string Change(double? percent, CultureInfo culture) => percent switch
    {
        null => "—",
        > 0 => "▲ " + percent.Value.ToString("0.#", culture) + "%",
        < 0 => "▼ " + (-percent.Value).ToString("0.#", culture) + "%",
        _ => "0%",
    };

    public static string ChangeClass(double? percent) => percent switch
    {
        > 0 => "trend trend-good",
        < 0 => "trend trend-bad",
        _ => "trend trend-flat",
    };

    /// <summary>A period's dates as the page shows them: one date, or first – last.</summary>
    public static string Dates(GoalPeriod period, CultureInfo culture)
    {
        var format = culture.TwoLetterISOLanguageName == "ko" ? "M월 d일" : "MMM d";
        var first = period.First.ToString(format, culture);
        return period.Days == 1 ? first : $"{first} – {period.End.AddDays(-1).ToString(format, culture)}";
    }

    /// <summary>A target typed in the form: thousands separators and a currency sign are allowed; anything else is no number.</summary>
    public static double? ParseTarget(string? text)
    {
        var cleaned = (text ?? "").Replace(",", "", StringComparison.Ordinal).Replace("₩", "", StringComparison.Ordinal).Replace("$", "", StringComparison.Ordinal).Trim();
        return double.TryParse(cleaned, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
    }
}
