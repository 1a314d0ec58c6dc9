using System.CommandLine;
using Vigil.Core.Alerts;

namespace Vigil.Alerts;

/// <summary>
/// <c>vigil rules check FILE</c>: reads an alert rule file and lists its rules, or prints every error as
/// <c>FILE:LINE:COLUMN: error: MESSAGE</c> so editors and CI logs can jump to it. <c>vigil rules test FILE</c>: runs
/// rule unit tests written like Prometheus's (<see cref="RuleTestParser"/>). Plain text writers rather than the
/// Spectre console, which would wrap long lines and break that shape.
/// </summary>
internal static class RulesCommand
{
    public const int Valid = 0;
    public const int Invalid = 1;
    public const int Unreadable = 2;

    public static Command Create()
    {
        var command = new Command("rules", "Work with alert rule files");
        command.Subcommands.Add(CreateCheck());
        command.Subcommands.Add(CreateTest());
        return command;
    }

    private static Command CreateCheck()
    {
        var file = new Argument<string>("FILE") { Description = "The alert rule file (YAML)" };
        var command = new Command("check", "Check an alert rule file: list its rules, or report every error by line and column") { file };
        command.SetAction(parseResult =>
            Check(parseResult.GetValue(file)!, parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error));
        return command;
    }

    private static Command CreateTest()
    {
        var file = new Argument<string>("FILE") { Description = "The rule test file (YAML, like promtool's): rule_files, evaluation_interval, tests" };
        var command = new Command("test", "Run alert rule unit tests: input series, evaluation times, expected alerts") { file };
        command.SetAction(parseResult =>
            Test(parseResult.GetValue(file)!, parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error));
        return command;
    }

    public static int Check(string path, TextWriter output, TextWriter error)
    {
        if (Read(path, "rule file", error) is not { } yaml)
        {
            return Unreadable;
        }
        var result = RuleFileParser.Parse(yaml);
        if (result.RuleSet is not { } ruleSet)
        {
            foreach (var problem in result.Errors)
            {
                error.WriteLine($"{path}:{problem.Line}:{problem.Column}: error: {problem.Message}");
            }
            error.WriteLine($"{path}: {Count(result.Errors.Count, "error")}");
            return Invalid;
        }
        foreach (var rule in ruleSet.Alerts)
        {
            output.WriteLine(Summarize(rule));
        }
        output.WriteLine($"{path}: {Count(ruleSet.Alerts.Count, "rule")}, no errors");
        return Valid;
    }

    /// <summary>Exit 0 when every test passes, 1 when one fails or a file has errors, 2 when a file cannot be read.</summary>
    public static int Test(string path, TextWriter output, TextWriter error)
    {
        if (Read(path, "test file", error) is not { } yaml)
        {
            return Unreadable;
        }
        var (tests, problems) = RuleTestParser.Parse(yaml);
        if (tests is null)
        {
            foreach (var problem in problems)
            {
                error.WriteLine($"{path}:{problem.Line}:{problem.Column}: error: {problem.Message}");
            }
            return Invalid;
        }
        var rules = new List<AlertRule>();
        var ruleSet = RuleSet.Empty;
        foreach (var ruleFile in tests.RuleFiles)
        {
            // Rule files are named relative to the test file, as promtool does.
            var rulePath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, ruleFile);
            if (Read(rulePath, "rule file", error) is not { } ruleYaml)
            {
                return Unreadable;
            }
            var parsed = RuleFileParser.Parse(ruleYaml);
            if (parsed.RuleSet is null)
            {
                foreach (var problem in parsed.Errors)
                {
                    error.WriteLine($"{rulePath}:{problem.Line}:{problem.Column}: error: {problem.Message}");
                }
                return Invalid;
            }
            // Alerts are told apart by name in the expected results, so a name may appear once across every rule file.
            if (parsed.RuleSet.Alerts.FirstOrDefault(alert => rules.Any(earlier => earlier.Name == alert.Name)) is { } duplicate)
            {
                error.WriteLine($"{rulePath}: error: the alert '{duplicate.Name}' is also in an earlier rule file; names must be unique across rule_files");
                return Invalid;
            }
            rules.AddRange(parsed.RuleSet.Alerts);
            ruleSet = parsed.RuleSet;
        }
        ruleSet = ruleSet with { Alerts = rules };

        var failed = 0;
        foreach (var group in tests.Groups)
        {
            var failures = RuleTestRunner.Run(ruleSet, group, tests.EvaluationInterval);
            if (failures.Count == 0)
            {
                output.WriteLine($"PASS {group.Name}");
                continue;
            }
            failed++;
            output.WriteLine($"FAIL {group.Name}");
            foreach (var failure in failures)
            {
                error.WriteLine($"{path}:{failure}");
            }
        }
        output.WriteLine($"{path}: {Count(tests.Groups.Count - failed, "test")} passed, {failed} failed");
        return failed == 0 ? Valid : Invalid;
    }

    private static string? Read(string path, string what, TextWriter error)
    {
        if (Directory.Exists(path))
        {
            error.WriteLine($"{path}: is a folder; give the {what}");
            return null;
        }
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            error.WriteLine(exception is FileNotFoundException or DirectoryNotFoundException
                ? $"{path}: no such file"
                : $"{path}: cannot be read: {exception.Message}");
            return null;
        }
    }

    /// <summary>One line per rule, e.g. <c>Service Down [critical] uptime &lt; 99% for 1min -> slack #emergency, sms on-call team</c>.</summary>
    internal static string Summarize(AlertRule rule)
    {
        var targets = rule.Notify.Count == 0
            ? "no notifications"
            : string.Join(", ", rule.Notify.Select(target => $"{target.Kind.ToString().ToLowerInvariant()} {target.Name}"));
        return $"{rule.Name} [{rule.Severity.ToString().ToLowerInvariant()}] {rule.ConditionText} for {DurationText.Format(rule.Duration)} -> {targets}";
    }

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
