using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Vigil.Budgets;
using Vigil.Cli;
using Vigil.Tests.Support;

namespace Vigil.Tests.Budgets;

/// <summary>
/// <c>vigil budget check</c> run in-process through the real command line against a real server: budgets set through
/// the API, a built folder with files over and under them, the exit code, the table, and the sizes sent as series.
/// </summary>
public sealed class BudgetCheckCommandTests : IDisposable
{
    private readonly DirectoryInfo _dist = Directory.CreateTempSubdirectory("vigil-dist-");
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    public BudgetCheckCommandTests()
    {
        Write("assets/main.3f2a1c.js", 350_000);
        Write("assets/main.3f2a1c.js.map", 2_000_000);
        Write("assets/vendor.js", 100_000);
        Write("assets/app.css", 20_000);
        Write("index.html", 1_000);
    }

    [Theory]
    [InlineData(Backend.Sqlite)]
    [InlineData(Backend.PostgresClickHouse)]
    public async Task Check_ProjectBudgetsOverAndSent_ExitsOneAndTheSizesAreSeries(Backend backend)
    {
        await using var vigil = await VigilServer.StartAsync(backend: backend);
        using var admin = vigil.CreateAdminClient();
        var budgets = $"api/projects/{vigil.ProjectId}/budgets";
        var defaults = await admin.GetJsonAsync(budgets);
        Assert.Equal("""{"compression":"raw","totalMaxBytes":1500000,"budgets":[{"pattern":"main*.js","maxBytes":800000}]}""", defaults.ToJsonString());
        using var saved = await admin.PutAsync(budgets, Json.Raw("""
            {"compression":"raw","totalMaxBytes":1000000,"budgets":[{"pattern":"main*.js","maxBytes":300000},{"pattern":"**/*.css","maxBytes":50000}]}
            """));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);

        var exitCode = await RunAsync("budget", "check", _dist.FullName, "--url", vigil.BaseAddress.ToString(), "--project", $"{vigil.ProjectId}", "--token", vigil.AdminToken, "--send");

        Assert.True(exitCode == BudgetCommand.OverBudget, $"{exitCode}: {_output}{_error}");
        Assert.Equal(
            [
                "FILE                     SIZE  BUDGET  PATTERN",
                "assets/app.css          20 KB   50 KB  **/*.css  ok",
                "assets/main.3f2a1c.js  350 KB  300 KB  main*.js  OVER by 50 KB",
                "assets/vendor.js       100 KB       -",
                "index.html               1 KB       -",
                "total                  471 KB    1 MB            ok",
                $"Budgets of project {vigil.ProjectId} at {vigil.BaseAddress}; sizes raw, 1 KB = 1000 bytes. 4 files counted, 1 left out (source maps and precompressed copies).",
                "1 over budget.",
                $"Sent 7 values to project {vigil.ProjectId} as metrics (job=\"bundle\").",
            ],
            Lines(_output));
        await vigil.WaitUntilStoredAsync();
        Assert.Equal(350_000, await LastValueAsync(admin, vigil.ProjectId, "bundle_size_bytes", """{budget="main*.js"}"""));
        Assert.Equal(20_000, await LastValueAsync(admin, vigil.ProjectId, "bundle_size_bytes", """{budget="**/*.css"}"""));
        Assert.Equal(471_000, await LastValueAsync(admin, vigil.ProjectId, "bundle_total_bytes", ""));
        Assert.Equal(1, await LastValueAsync(admin, vigil.ProjectId, "bundle_over_budget", ""));
    }

    [Fact]
    public async Task Check_BudgetsOnTheCommandLineWithinThem_ExitsZeroWithoutVigil()
    {
        var exitCode = await RunAsync("budget", "check", _dist.FullName, "--budget", "main*.js=400KB", "--budget", "*.css = 25 KB", "--total", "0.5MB", "--compression", "raw");

        Assert.True(exitCode == BudgetCommand.WithinBudget, $"{exitCode}: {_output}{_error}");
        Assert.Contains("assets/main.3f2a1c.js  350 KB  400 KB  main*.js  ok", Lines(_output));
        Assert.Contains("Budgets of the command line; sizes raw, 1 KB = 1000 bytes. 4 files counted, 1 left out (source maps and precompressed copies).", Lines(_output));
        Assert.Equal("Within budget.", Lines(_output)[^1]);
    }

    [Fact]
    public async Task Check_Gzip_MeasuresCompressedSizesAndWarnsOfBudgetsMatchingNothing()
    {
        var exitCode = await RunAsync("budget", "check", _dist.FullName, "--budget", "main*.js=10KB", "--budget", "*.woff2=50KB", "--compression", "gzip");

        // The test files repeat one line, so they compress to far under their raw sizes.
        Assert.True(exitCode == BudgetCommand.WithinBudget, $"{exitCode}: {_output}{_error}");
        Assert.Contains("sizes gzipped (level 9)", _output.ToString());
        Assert.Contains("warning: no file matches the budget *.woff2 = 50 KB.", Lines(_output));
    }

    [Theory]
    [InlineData(new[] { "budget", "check" }, "give the folder to check")]
    [InlineData(new[] { "budget", "check", "DIST" }, "give --url, --project and --token")]
    [InlineData(new[] { "budget", "check", "DIST", "--budget", "main.js=1KB", "--send" }, "--send needs --url, --project and --token")]
    [InlineData(new[] { "budget", "check", "DIST", "--budget", "main.js 1KB" }, "--budget 'main.js 1KB': a budget is PATTERN = SIZE")]
    [InlineData(new[] { "budget", "check", "DIST", "--total", "lots" }, "--total 'lots': the size must be")]
    [InlineData(new[] { "budget", "check", "DIST", "--budget", "a.js=1KB", "--compression", "zip" }, "--compression 'zip'")]
    [InlineData(new[] { "budget", "check", "DIST", "--url", "http://127.0.0.1:1", "--project", "1", "--token", "t", "--compression", "gzip" }, "--compression goes with --budget")]
    [InlineData(new[] { "budget", "check", "DIST", "--url", "http://127.0.0.1:1", "--project", "one", "--token", "t" }, "--project 'one'")]
    [InlineData(new[] { "budget", "check", "DIST", "--url", "http://127.0.0.1:1", "--project", "1", "--token", "t" }, "Cannot reach Vigil at http://127.0.0.1:1/")]
    [InlineData(new[] { "budget", "check", "DIST", "--total", "1MB", "--verbose" }, "unknown argument --verbose")]
    [InlineData(new[] { "budget", "check", "/no/such/dist", "--total", "1MB" }, "/no/such/dist: no such folder")]
    [InlineData(new[] { "budget", "check", "DIST", "--total", "1MB", "--url" }, "--url needs a value")]
    public async Task Check_UsageOrConnectionProblem_ExitsTwoAndSaysWhy(string[] arguments, string expected)
    {
        var exitCode = await RunAsync(arguments.Select(argument => argument == "DIST" ? _dist.FullName : argument).ToArray());

        Assert.Equal(BudgetCommand.CouldNotCheck, exitCode);
        Assert.Contains(expected, _error.ToString());
    }

    [Fact]
    public async Task Check_WrongTokenOrProject_ExitsTwoWithVigilsAnswer()
    {
        await using var vigil = await VigilServer.StartAsync();

        Assert.Equal(BudgetCommand.CouldNotCheck, await RunAsync("budget", "check", _dist.FullName, "--url", vigil.BaseAddress.ToString(), "--project", $"{vigil.ProjectId}", "--token", "vga_wrong"));
        Assert.Contains("answered 401", _error.ToString());
        Assert.Equal(BudgetCommand.CouldNotCheck, await RunAsync("budget", "check", _dist.FullName, "--url", vigil.BaseAddress.ToString(), "--project", "999", "--token", vigil.AdminToken));
        Assert.Contains("answered 404: There is no project 999.", _error.ToString());
    }

    public void Dispose() => _dist.Delete(recursive: true);

    private Task<int> RunAsync(params string[] arguments) =>
        VigilCli.Create().Parse(arguments).InvokeAsync(new InvocationConfiguration { Output = _output, Error = _error });

    private static string[] Lines(StringWriter writer) => writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.TrimEnd('\r')).ToArray();

    /// <summary>A file of exactly <paramref name="bytes"/> bytes of one repeated line of script.</summary>
    private void Write(string relativePath, int bytes)
    {
        var path = Path.Combine(_dist.FullName, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var line = "console.log('vigil budget check');\n"u8.ToArray();
        File.WriteAllBytes(path, Enumerable.Range(0, bytes).Select(index => line[index % line.Length]).ToArray());
    }

    private static async Task<double> LastValueAsync(HttpClient admin, long projectId, string name, string match)
    {
        var now = DateTimeOffset.UtcNow;
        var range = $"from={Uri.EscapeDataString(now.AddMinutes(-10).ToString("O", CultureInfo.InvariantCulture))}&to={Uri.EscapeDataString(now.AddMinutes(2).ToString("O", CultureInfo.InvariantCulture))}";
        var answer = await admin.GetJsonAsync($"api/projects/{projectId}/metrics/query?name={name}&match={Uri.EscapeDataString(match)}&agg=last&step=1h&{range}");
        var values = Assert.Single(answer["series"]!.AsArray())!["points"]!.AsArray().Select(point => point!["value"]).OfType<JsonValue>().ToList();
        return (double)Assert.Single(values);
    }
}
