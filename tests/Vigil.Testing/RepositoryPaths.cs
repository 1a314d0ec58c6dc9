namespace Vigil.Testing;

/// <summary>Where the repository's own files are, for tests that run its scripts.</summary>
public static class RepositoryPaths
{
    /// <summary>The directory holding Vigil.slnx, found above the test's binaries.</summary>
    public static string Root()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Vigil.slnx")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("The repository root (with Vigil.slnx) is not above " + AppContext.BaseDirectory);
    }
}
