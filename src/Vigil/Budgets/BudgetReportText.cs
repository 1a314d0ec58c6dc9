using Vigil.Core.Budgets;

namespace Vigil.Budgets;

/// <summary>A budget report as the aligned plain-text table <c>vigil budget check</c> prints.</summary>
internal static class BudgetReportText
{
    public static void Write(BudgetReport report, string source, TextWriter output)
    {
        var rows = new List<string[]> { new[] { "FILE", "SIZE", "BUDGET", "PATTERN", "" } };
        rows.AddRange(report.Files.Select(file => new[]
        {
            file.Path,
            ByteSize.Format(file.Bytes),
            file.Budget is { } budget ? ByteSize.Format(budget.MaxBytes) : "-",
            file.Budget?.Pattern ?? "",
            Verdict(file.Bytes, file.Budget?.MaxBytes),
        }));
        rows.Add(["total", ByteSize.Format(report.TotalBytes), report.TotalMaxBytes is { } max ? ByteSize.Format(max) : "-", "", Verdict(report.TotalBytes, report.TotalMaxBytes)]);
        var widths = Enumerable.Range(0, rows[0].Length).Select(column => rows.Max(row => row[column].Length)).ToArray();
        foreach (var row in rows)
        {
            // Names left-aligned, sizes right-aligned, so the numbers line up.
            var cells = row.Select((cell, column) => column is 1 or 2 ? cell.PadLeft(widths[column]) : cell.PadRight(widths[column]));
            output.WriteLine(string.Join("  ", cells).TrimEnd());
        }
        output.WriteLine(
            $"Budgets of {source}; sizes {Describe(report.Compression)}, 1 KB = 1000 bytes. {report.Files.Count} file{(report.Files.Count == 1 ? "" : "s")} counted" +
            (report.Skipped > 0 ? $", {report.Skipped} left out (source maps and precompressed copies)." : "."));
        foreach (var budget in report.Unmatched)
        {
            output.WriteLine($"warning: no file matches the budget {budget}.");
        }
        output.WriteLine(report.OverCount switch
        {
            0 => "Within budget.",
            1 => "1 over budget.",
            var count => $"{count} over budget.",
        });
    }

    private static string Verdict(long bytes, long? maxBytes) => maxBytes switch
    {
        null => "",
        var max when bytes > max => $"OVER by {ByteSize.Format(bytes - max.Value)}",
        _ => "ok",
    };

    private static string Describe(SizeCompression compression) => compression switch
    {
        SizeCompression.Gzip => "gzipped (level 9)",
        SizeCompression.Brotli => "brotli-compressed (quality 11)",
        _ => "raw",
    };
}
