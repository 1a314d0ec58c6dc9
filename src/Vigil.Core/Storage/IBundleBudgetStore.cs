using Vigil.Core.Budgets;

namespace Vigil.Core.Storage;

/// <summary>Each project's bundle-size budgets, in the metadata store.</summary>
public interface IBundleBudgetStore
{
    /// <summary>The project's budgets: <see cref="BundleBudgetSet.Default"/> until it saves its own.</summary>
    Task<BundleBudgetSet> ReadBundleBudgetsAsync(long projectId, CancellationToken cancellationToken);

    /// <summary>Replaces the project's budgets with a valid set, in one transaction.</summary>
    Task SaveBundleBudgetsAsync(long projectId, BundleBudgetSet budgets, CancellationToken cancellationToken);
}
