using System.Globalization;

namespace Vigil.Bench;

internal sealed record LatencySummary(int Count, double P50, double P95, double P99, double Max)
{
    /// <summary>Exact nearest-rank percentiles: every latency is kept and sorted, which a load generator can afford.</summary>
    public static LatencySummary From(IEnumerable<double> latencies)
    {
        var sorted = latencies.ToArray();
        Array.Sort(sorted);
        if (sorted.Length == 0)
        {
            return new LatencySummary(0, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        return new LatencySummary(sorted.Length, Rank(sorted, 0.50), Rank(sorted, 0.95), Rank(sorted, 0.99), sorted[^1]);
    }

    private static double Rank(double[] sorted, double percentile) =>
        sorted[Math.Clamp((int)Math.Ceiling(percentile * sorted.Length) - 1, 0, sorted.Length - 1)];
}

internal static class Markdown
{
    public static string Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        var lines = new List<string>
        {
            "| " + string.Join(" | ", headers) + " |",
            "|" + string.Join("|", headers.Select((_, index) => index == 0 ? " --- " : " ---: ")) + "|",
        };
        lines.AddRange(rows.Select(row => "| " + string.Join(" | ", row) + " |"));
        return string.Join(Environment.NewLine, lines);
    }

    public static string Milliseconds(double value) =>
        double.IsNaN(value) ? "–" : value.ToString(value < 10 ? "0.00" : value < 100 ? "0.0" : "0", CultureInfo.InvariantCulture);

    public static string Count(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Machine() =>
        $"{Environment.ProcessorCount} logical CPUs, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}";
}
