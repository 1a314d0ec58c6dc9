namespace Vigil.Core.Metrics;

public static class Change
{
    /// <summary>Percent change from <paramref name="previous"/> to <paramref name="current"/>, one decimal; null when there is nothing to compare with.</summary>
    public static double? Percent(double? current, double? previous)
    {
        if (current is null || previous is null || previous == 0)
        {
            return null;
        }
        return Math.Round(100.0 * (current.Value - previous.Value) / previous.Value, 1);
    }
}
