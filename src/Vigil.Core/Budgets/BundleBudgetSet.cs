namespace Vigil.Core.Budgets;

/// <summary>How a file's size is measured before it is compared with its budget.</summary>
public enum SizeCompression
{
    /// <summary>The bytes on disk.</summary>
    Raw,

    /// <summary>Gzip at its highest level (9), as <c>gzip -9</c> and bundlesize measure.</summary>
    Gzip,

    /// <summary>Brotli at its highest quality (11), as precompressed assets are usually served.</summary>
    Brotli,
}

/// <summary>The largest a file matching <see cref="Pattern"/> may be, in bytes of the set's compression.</summary>
public sealed record BundleBudget(string Pattern, long MaxBytes)
{
    /// <summary>The line form the settings page and <c>--budget</c> take: <c>main*.js = 800 KB</c>.</summary>
    public override string ToString() => $"{Pattern} = {ByteSize.FormatExact(MaxBytes)}";

    /// <summary>Reads <c>PATTERN = SIZE</c> (spaces around <c>=</c> optional); the problem names what is wrong.</summary>
    public static (BundleBudget? Budget, string? Problem) ParseLine(string line)
    {
        var separator = line.LastIndexOf('=');
        if (separator < 0)
        {
            return (null, "a budget is PATTERN = SIZE, e.g. main*.js = 800KB");
        }
        var pattern = line[..separator].Trim();
        if (FilePattern.Problem(pattern) is { } problem)
        {
            return (null, problem);
        }
        return ByteSize.Parse(line[(separator + 1)..]) is { } bytes ? (new BundleBudget(pattern, bytes), null) : (null, $"the size must be {ByteSize.Rule}");
    }
}

/// <summary>
/// A project's bundle-size budgets: per-file budgets, the first whose pattern matches a file applying to it, and a
/// budget for the total of every file, all measured with one <see cref="Compression"/>.
/// </summary>
public sealed record BundleBudgetSet(SizeCompression Compression, long? TotalMaxBytes, IReadOnlyList<BundleBudget> Budgets)
{
    public const int MaxBudgets = 100;

    /// <summary>What a project has until it saves its own: main bundle under 800 KB, everything under 1.5 MB, raw.</summary>
    public static readonly BundleBudgetSet Default = new(SizeCompression.Raw, 1_500_000, [new BundleBudget("main*.js", 800_000)]);

    public bool Equals(BundleBudgetSet? other) =>
        other is not null && Compression == other.Compression && TotalMaxBytes == other.TotalMaxBytes && Budgets.SequenceEqual(other.Budgets);

    public override int GetHashCode() => HashCode.Combine(Compression, TotalMaxBytes, Budgets.Count);

    /// <summary>Every problem, by field (<c>budgets[2].pattern</c>, <c>totalMaxBytes</c>, …); empty when the set is valid.</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (!Enum.IsDefined(Compression))
        {
            errors["compression"] = ["compression must be raw, gzip or brotli."];
        }
        if (TotalMaxBytes is { } total && total is < 1 or > ByteSize.MaxBytes)
        {
            errors["totalMaxBytes"] = ["totalMaxBytes must be from 1 to 1,000,000,000,000 bytes, or null for no total budget."];
        }
        if (Budgets.Count > MaxBudgets)
        {
            errors["budgets"] = [$"budgets holds {Budgets.Count} budgets; at most {MaxBudgets}."];
        }
        for (var index = 0; index < Budgets.Count; index++)
        {
            var budget = Budgets[index];
            if (FilePattern.Problem(budget.Pattern) is { } problem)
            {
                errors[$"budgets[{index}].pattern"] = [problem + "."];
            }
            else if (Budgets.Take(index).Select(earlier => earlier.Pattern).ToList().IndexOf(budget.Pattern) is var earlier and >= 0)
            {
                errors[$"budgets[{index}].pattern"] = [$"pattern is the same as budgets[{earlier}]'s, which every file it matches meets first."];
            }
            if (budget.MaxBytes is < 1 or > ByteSize.MaxBytes)
            {
                errors[$"budgets[{index}].maxBytes"] = ["maxBytes must be from 1 to 1,000,000,000,000 bytes."];
            }
        }
        return errors;
    }

    public static string NameOf(SizeCompression compression) => compression.ToString().ToLowerInvariant();

    public static SizeCompression? ParseCompression(string? text) => text switch
    {
        "raw" => SizeCompression.Raw,
        "gzip" => SizeCompression.Gzip,
        "brotli" => SizeCompression.Brotli,
        _ => null,
    };
}
