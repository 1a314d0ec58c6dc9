using Vigil.Core.Budgets;

namespace Vigil.Budgets;

/// <summary>The files under a built front end's folder, measured as a budget set measures them.</summary>
internal static class BundleFiles
{
    public static async Task<IReadOnlyList<BundleFile>> MeasureAsync(string directory, SizeCompression compression, CancellationToken cancellationToken)
    {
        var files = new List<BundleFile>();
        foreach (var path in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(directory, path).Replace(Path.DirectorySeparatorChar, '/');
            // Files a check does not count are listed with their size on disk only; reading them would be wasted.
            var bytes = BudgetCheck.IsCounted(relative)
                ? CompressedSize.Of(await File.ReadAllBytesAsync(path, cancellationToken), compression)
                : new FileInfo(path).Length;
            files.Add(new BundleFile(relative, bytes));
        }
        return files;
    }
}
