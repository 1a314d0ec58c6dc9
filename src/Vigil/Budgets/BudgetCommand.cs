using System.CommandLine;
using System.Globalization;
using Vigil.Core.Budgets;

namespace Vigil.Budgets;

/// <summary>What <c>vigil budget check</c> was asked, as typed; <see cref="Malformed"/> says what the command line got wrong.</summary>
internal sealed record BudgetCheckRequest(
    string? Directory, string? Url, string? Project, string? Token, string[] Budgets, string? Total, string? Compression, bool Send, IReadOnlyList<string> Malformed);

/// <summary>
/// <c>vigil budget check DIR</c>: measures a built front end against the project's bundle-size budgets (fetched from a
/// running Vigil) or against <c>--budget</c>/<c>--total</c>, prints every file with its budget, and exits 0 within
/// budget, 1 over it, 2 when it could not check (bad arguments, no such folder, Vigil unreachable or refusing).
/// <c>--send</c> also sends the sizes to the project as metrics. Plain text, which CI logs keep as it is.
/// </summary>
internal static class BudgetCommand
{
    public const int WithinBudget = 0;
    public const int OverBudget = 1;
    public const int CouldNotCheck = 2;

    public static Command Create()
    {
        var command = new Command("budget", "Bundle-size budgets");
        command.Subcommands.Add(CreateCheck());
        return command;
    }

    private static Command CreateCheck()
    {
        // Everything is read as text and checked here, so that every usage error exits 2 (the parser's own would exit 1,
        // which means over budget).
        var directory = new Argument<string>("DIR") { Description = "The built front end, e.g. dist/", Arity = ArgumentArity.ZeroOrOne };
        var url = new Option<string>("--url") { Description = "Vigil's address, e.g. https://vigil.example.com" };
        var project = new Option<string>("--project") { Description = "The project's id" };
        var token = new Option<string>("--token") { Description = "An admin token (vga_…)" };
        var budget = new Option<string[]>("--budget") { Description = "Instead of the project's budgets: PATTERN=SIZE, e.g. 'main*.js=800KB'; repeat it for more" };
        var total = new Option<string>("--total") { Description = "Instead of the project's budgets: the total's budget, e.g. 1.5MB" };
        var compression = new Option<string>("--compression") { Description = "With --budget/--total: raw (default), gzip or brotli" };
        var send = new Option<bool>("--send") { Description = "Also send the sizes to the project as metrics (needs --url, --project and --token)" };
        var command = new Command("check", "Compare built file sizes with the budgets; exit 0 within budget, 1 over, 2 when it could not check")
        {
            directory, url, project, token, budget, total, compression, send,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        Option<string>[] valued = [url, project, token, total, compression];
        foreach (var option in valued)
        {
            option.Arity = ArgumentArity.ZeroOrOne;
        }
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            new BudgetCheckRequest(
                parseResult.GetValue(directory), parseResult.GetValue(url), parseResult.GetValue(project), parseResult.GetValue(token),
                parseResult.GetValue(budget) ?? [], parseResult.GetValue(total), parseResult.GetValue(compression), parseResult.GetValue(send),
                parseResult.UnmatchedTokens.Select(token => $"unknown argument {token}")
                    .Concat(valued.Where(option => parseResult.GetResult(option) is { Tokens.Count: 0, Implicit: false }).Select(option => $"{option.Name} needs a value"))
                    .ToList()),
            parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error, TimeProvider.System, cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(BudgetCheckRequest request, TextWriter output, TextWriter error, TimeProvider time, CancellationToken cancellationToken)
    {
        var (local, problems) = LocalBudgets(request);
        if (Usage(request, local is not null) is { } usage)
        {
            problems.Insert(0, usage);
        }
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                error.WriteLine($"error: {problem}");
            }
            return CouldNotCheck;
        }
        using var http = request.Url is null ? null : VigilApiClient.CreateHttpClient(request.Url);
        var vigil = http is null ? null : new VigilApiClient(http, long.Parse(request.Project!, CultureInfo.InvariantCulture), request.Token!);
        try
        {
            var budgets = local ?? await vigil!.ReadBudgetsAsync(cancellationToken);
            var report = BudgetCheck.Check(await BundleFiles.MeasureAsync(request.Directory!, budgets.Compression, cancellationToken), budgets);
            BudgetReportText.Write(report, local is null ? $"project {request.Project} at {request.Url}" : "the command line", output);
            if (request.Send)
            {
                var sent = await vigil!.SendMetricsAsync(report, time.GetUtcNow(), cancellationToken);
                output.WriteLine($"Sent {sent} values to project {request.Project} as metrics (job=\"{BudgetMetrics.Job}\").");
            }
            return report.OverCount > 0 ? OverBudget : WithinBudget;
        }
        catch (VigilApiException exception)
        {
            error.WriteLine($"error: {exception.Message}");
            return CouldNotCheck;
        }
    }

    /// <summary>The budgets given on the command line (null when none were), and what is wrong with them.</summary>
    private static (BundleBudgetSet? Budgets, List<string> Problems) LocalBudgets(BudgetCheckRequest request)
    {
        var problems = new List<string>();
        if (request.Budgets.Length == 0 && request.Total is null)
        {
            if (request.Compression is not null)
            {
                problems.Add("--compression goes with --budget and --total; the project's budgets carry their own.");
            }
            return (null, problems);
        }
        var budgets = new List<BundleBudget>();
        foreach (var line in request.Budgets)
        {
            var (budget, problem) = BundleBudget.ParseLine(line);
            if (budget is null)
            {
                problems.Add($"--budget '{line}': {problem}.");
            }
            else
            {
                budgets.Add(budget);
            }
        }
        var total = request.Total is null ? null : ByteSize.Parse(request.Total);
        if (request.Total is not null && total is null)
        {
            problems.Add($"--total '{request.Total}': the size must be {ByteSize.Rule}.");
        }
        var compression = request.Compression is null ? SizeCompression.Raw : BundleBudgetSet.ParseCompression(request.Compression);
        if (compression is null)
        {
            problems.Add($"--compression '{request.Compression}': raw, gzip or brotli.");
        }
        var set = new BundleBudgetSet(compression ?? SizeCompression.Raw, total, budgets);
        if (problems.Count == 0)
        {
            problems.AddRange(set.Validate().Select(entry => $"{entry.Key}: {entry.Value[0]}"));
        }
        return (set, problems);
    }

    private static string? Usage(BudgetCheckRequest request, bool hasLocalBudgets)
    {
        if (request.Malformed.Count > 0)
        {
            return string.Join("; ", request.Malformed) + ".";
        }
        if (request.Directory is null)
        {
            return "give the folder to check: vigil budget check DIR.";
        }
        if (!Directory.Exists(request.Directory))
        {
            return $"{request.Directory}: no such folder.";
        }
        var needsVigil = !hasLocalBudgets || request.Send;
        if (needsVigil && (request.Url is null || request.Project is null || request.Token is null))
        {
            return request.Send
                ? "--send needs --url, --project and --token."
                : "give --url, --project and --token to check against the project's budgets, or --budget/--total.";
        }
        if (request.Url is not null && VigilApiClient.UrlProblem(request.Url) is { } urlProblem)
        {
            return urlProblem;
        }
        if (request.Project is not null && !long.TryParse(request.Project, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            return $"--project '{request.Project}': a project id, a whole number.";
        }
        return null;
    }
}
