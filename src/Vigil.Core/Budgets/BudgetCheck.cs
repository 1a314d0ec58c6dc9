namespace Vigil.Core.Budgets;

/// <summary>A built file: its path relative to the checked folder (<c>/</c> between folders) and its measured size.</summary>
public sealed record BundleFile(string Path, long Bytes);

/// <summary>A file with the budget that applies to it, if any.</summary>
public sealed record FileVerdict(string Path, long Bytes, BundleBudget? Budget)
{
    /// <summary>Larger than its budget; a file exactly at its budget is within it.</summary>
    public bool Over => Budget is { } budget && Bytes > budget.MaxBytes;
}

/// <summary>What a folder measured against a budget set: every counted file, the total, and the budgets no file matched.</summary>
public sealed record BudgetReport(
    SizeCompression Compression, IReadOnlyList<FileVerdict> Files, long TotalBytes, long? TotalMaxBytes, IReadOnlyList<BundleBudget> Unmatched, int Skipped)
{
    public bool TotalOver => TotalMaxBytes is { } max && TotalBytes > max;

    /// <summary>Files over their budgets, plus one when the total is over.</summary>
    public int OverCount => Files.Count(file => file.Over) + (TotalOver ? 1 : 0);

    /// <summary>Per budget that matched any file, the largest of its files (the one that decides whether the budget holds).</summary>
    public IEnumerable<FileVerdict> LargestPerBudget() =>
        Files.Where(file => file.Budget is not null).GroupBy(file => file.Budget!).Select(files => files.MaxBy(file => file.Bytes)!);
}

/// <summary>
/// Compares built files with a budget set (README "Bundle-size budgets"). Each file gets the first budget whose pattern
/// matches it; the total adds up every counted file. Source maps and precompressed copies (<c>.map</c>, <c>.gz</c>,
/// <c>.br</c>) are not counted: browsers do not download the maps, and the copies are the same code again.
/// </summary>
public static class BudgetCheck
{
    private static readonly string[] SkippedExtensions = [".map", ".gz", ".br"];

    public static bool IsCounted(string path) => !SkippedExtensions.Any(extension => path.EndsWith(extension, StringComparison.OrdinalIgnoreCase));

    public static BudgetReport Check(IEnumerable<BundleFile> files, BundleBudgetSet budgets)
    {
        var patterns = budgets.Budgets.Select(budget => (Budget: budget, Pattern: FilePattern.Parse(budget.Pattern))).ToList();
        var all = files.ToList();
        var verdicts = all
            .Where(file => IsCounted(file.Path))
            .OrderBy(file => file.Path, StringComparer.Ordinal)
            .Select(file => new FileVerdict(file.Path, file.Bytes, patterns.FirstOrDefault(entry => entry.Pattern.Matches(file.Path)).Budget))
            .ToList();
        var unmatched = budgets.Budgets.Where(budget => verdicts.All(file => file.Budget != budget)).ToList();
        return new BudgetReport(budgets.Compression, verdicts, verdicts.Sum(file => file.Bytes), budgets.TotalMaxBytes, unmatched, all.Count - verdicts.Count);
    }
}
