using Vigil.Core.Budgets;

namespace Vigil.Budgets;

/// <summary>
/// A project's budgets as <c>/api/projects/{id}/budgets</c> reads and takes them, and as <c>vigil budget check</c>
/// fetches them: <c>{"compression":"raw","totalMaxBytes":1500000,"budgets":[{"pattern":"main*.js","maxBytes":800000}]}</c>.
/// </summary>
internal sealed record BudgetsBody(string? Compression, long? TotalMaxBytes, List<BudgetBody?>? Budgets)
{
    public static BudgetsBody Of(BundleBudgetSet set) => new(
        BundleBudgetSet.NameOf(set.Compression), set.TotalMaxBytes, set.Budgets.Select(budget => (BudgetBody?)new BudgetBody(budget.Pattern, budget.MaxBytes)).ToList());

    /// <summary>The set, or every problem by field. A left-out compression is raw; a left-out total is no total budget.</summary>
    public (BundleBudgetSet? Set, Dictionary<string, string[]> Errors) ToSet()
    {
        var errors = new Dictionary<string, string[]>();
        var compression = Compression is null ? SizeCompression.Raw : BundleBudgetSet.ParseCompression(Compression);
        if (compression is null)
        {
            errors["compression"] = ["compression must be raw, gzip or brotli."];
        }
        if (Budgets is null)
        {
            errors["budgets"] = ["budgets is required: a list of {\"pattern\", \"maxBytes\"}, empty for none."];
        }
        var budgets = (Budgets ?? []).Select(budget => new BundleBudget(budget?.Pattern ?? "", budget?.MaxBytes ?? 0)).ToList();
        var set = new BundleBudgetSet(compression ?? SizeCompression.Raw, TotalMaxBytes, budgets);
        foreach (var (field, messages) in set.Validate())
        {
            errors.TryAdd(field, messages);
        }
        return errors.Count > 0 ? (null, errors) : (set, errors);
    }
}

internal sealed record BudgetBody(string? Pattern, long? MaxBytes);
