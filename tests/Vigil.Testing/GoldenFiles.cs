namespace Vigil.Testing;

/// <summary>
/// Golden files: text a test renders must equal a committed file that the test project copies beside its binaries.
/// On a difference the test writes what it rendered beside the binaries as <c>NAME.received.txt</c>, to compare and,
/// when the change is meant, copy over the golden file.
/// </summary>
public static class GoldenFiles
{
    /// <param name="directory">The golden files' folder, relative to the test project (and so to its binaries).</param>
    public static void AssertMatches(string directory, string name, string rendered)
    {
        var expected = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, directory, name));
        if (expected != rendered)
        {
            File.WriteAllText(Path.Combine(AppContext.BaseDirectory, name.Replace(".txt", ".received.txt", StringComparison.Ordinal)), rendered);
        }
        Assert.Equal(expected, rendered);
    }
}
