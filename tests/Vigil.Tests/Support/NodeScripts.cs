using System.Diagnostics;
using Vigil.Testing;

namespace Vigil.Tests.Support;

/// <summary>
/// Runs the scripts of tests/node, which drive real third-party SDKs (pinned in its package.json) against a test
/// server. ./test.sh installs their node_modules with npm ci.
/// </summary>
public static class NodeScripts
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <param name="package">The npm package the script needs, checked first so a missing install says how to fix it; null for none.</param>
    /// <param name="script">The script's file name in tests/node.</param>
    /// <param name="arguments">Its command-line arguments.</param>
    public static async Task<(int ExitCode, string Output)> RunAsync(string? package, string script, params string[] arguments)
    {
        var directory = Path.Combine(RepositoryPaths.Root(), "tests", "node");
        Assert.True(package is null || Directory.Exists(Path.Combine(directory, "node_modules", package)),
            $"{package} is not installed: run 'npm ci' in {directory} (./test.sh does).");
        var start = new ProcessStartInfo("node", [script, .. arguments])
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var node = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var standardOutput = node.StandardOutput.ReadToEndAsync();
        var standardError = node.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await node.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            node.Kill(entireProcessTree: true);
            throw new TimeoutException($"node {script} did not finish within {Timeout.TotalSeconds} s:\n{await standardError}");
        }
        return (node.ExitCode, await standardOutput + await standardError);
    }
}
