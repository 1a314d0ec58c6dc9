using System.CommandLine;
using Vigil.Core.Alerts;

namespace Vigil.Alerts;

/// <summary>
/// <c>vigil rules check FILE</c>: reads an alert rule file and lists its rules, or prints every error as
/// <c>FILE:LINE:COLUMN: error: MESSAGE</c> so editors and CI logs can jump to it. Plain text writers rather than the
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

    public static int Check(string path, TextWriter output, TextWriter error)
    {
        if (Directory.Exists(path))
        {
            error.WriteLine($"{path}: is a folder; give the rule file");
            return Unreadable;
        }
        string yaml;
        try
        {
            yaml = File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            error.WriteLine(exception is FileNotFoundException or DirectoryNotFoundException
                ? $"{path}: no such file"
                : $"{path}: cannot be read: {exception.Message}");
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
