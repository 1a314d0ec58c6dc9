using System.CommandLine;
using Vigil.Alerts;
using Vigil.Cli;

namespace Vigil.Tests.Alerts;

/// <summary><c>vigil rules check</c> and <c>vigil rules test</c> run in-process through the real command line, on files in a temporary folder.</summary>
public sealed class RulesCommandTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("vigil-rules-");
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    [Fact]
    public void Check_ValidFile_PrintsOneLinePerRuleAndExitsZero()
    {
        var path = Write("alerts.yaml", """
            alerts:
              - name: Service Down
                severity: critical
                condition: uptime < 99%
                duration: 1min
                notify:
                  - slack: "#emergency"
                  - sms: on-call team
              - name: Quiet Checkout
                condition: events{name="checkout"}[1h] == 0
            channels:
              "#emergency": { slack: "https://hooks.slack.com/services/T000/B000/XXXX" }
            contacts:
              on-call team: { phone: "010-1234-5678" }
            """);

        var exitCode = Run("rules", "check", path);

        Assert.Equal(RulesCommand.Valid, exitCode);
        Assert.Equal(
            [
                "Service Down [critical] uptime < 99% for 1min -> slack #emergency, sms on-call team",
                "Quiet Checkout [warning] events{name=\"checkout\"}[1h] == 0 for 0s -> no notifications",
                $"{path}: 2 rules, no errors",
            ],
            Lines(_output));
        Assert.Empty(_error.ToString());
    }

    [Fact]
    public void Check_InvalidFile_PrintsEveryErrorLikeACompilerAndExitsOne()
    {
        var path = Write("broken.yaml", """
            alerts:
              - name: Service Down
                condition: uptime > 3s
                duration: soon
                notify:
                  - slack: "#nowhere"
            """);

        var exitCode = Run("rules", "check", path);

        Assert.Equal(RulesCommand.Invalid, exitCode);
        Assert.Equal(
            [
                $"{path}:3:26: error: uptime is a percentage; write e.g. uptime < 99.9%",
                $"{path}:4:15: error: invalid duration 'soon'; write e.g. 30s, 10min, 2h or 1h30m (units ms, s, m or min, h, d)",
                $"{path}:6:16: error: no channel '#nowhere' with slack: under channels:; define it, e.g. \"#nowhere\": {{ slack: https://… }}, or write the address here",
                $"{path}: 3 errors",
            ],
            Lines(_error));
        Assert.Empty(_output.ToString());
    }

    [Fact]
    public void Check_SeriesMatcherWithBadRegex_ErrorAtThePattern()
    {
        var path = Write("series.yaml", """
            alerts:
              - name: Server Errors
                condition: series{name="http_requests_total", agg="increase", status=~"5(0", route!="/healthz"}[5m] > 10
            """);

        var exitCode = Run("rules", "check", path);

        Assert.Equal(RulesCommand.Invalid, exitCode);
        var error = Assert.Single(Lines(_error).SkipLast(1));
        Assert.StartsWith($"{path}:3:75: error: the pattern for status is not a regular expression: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_MissingFile_SaysSoAndExitsTwo()
    {
        var path = Path.Combine(_folder.FullName, "absent.yaml");

        var exitCode = Run("rules", "check", path);

        Assert.Equal(RulesCommand.Unreadable, exitCode);
        Assert.Equal([$"{path}: no such file"], Lines(_error));
    }

    [Fact]
    public void Check_Folder_SaysSoAndExitsTwo()
    {
        var exitCode = Run("rules", "check", _folder.FullName);

        Assert.Equal(RulesCommand.Unreadable, exitCode);
        Assert.Equal([$"{_folder.FullName}: is a folder; give the rule file"], Lines(_error));
    }

    [Fact]
    public void Check_NoFileArgument_IsAUsageError()
    {
        var exitCode = Run("rules", "check");

        Assert.NotEqual(RulesCommand.Valid, exitCode);
    }

    [Fact]
    public void Test_PassingAndFailingGroups_ReportsEachAndExitsOne()
    {
        Write("rules.yaml", """
            alerts:
              - name: Slow Response
                condition: p95_response_time > 3s
                duration: 2min
            """);
        var path = Write("rules.test.yaml", """
            rule_files: [rules.yaml]
            evaluation_interval: 1m
            tests:
              - name: fires after two minutes
                interval: 1m
                input_series:
                  - series: p95_response_time
                    values: '3500x5'
                alert_rule_test:
                  - eval_time: 2m
                    alertname: Slow Response
                    exp_alerts:
                      - exp_labels: { severity: warning }
              - name: wrongly expects it at once
                interval: 1m
                input_series:
                  - series: p95_response_time
                    values: '3500x5'
                alert_rule_test:
                  - eval_time: 1m
                    alertname: Slow Response
                    exp_alerts:
                      - exp_labels: { severity: warning }
            """);

        var exitCode = Run("rules", "test", path);

        Assert.Equal(RulesCommand.Invalid, exitCode);
        Assert.Equal(["PASS fires after two minutes", "FAIL wrongly expects it at once", $"{path}: 1 test passed, 1 failed"], Lines(_output));
        Assert.Equal([$"{path}:20:9: wrongly expects it at once, eval_time 1min, alertname 'Slow Response': expected it firing, got pending since 0s"], Lines(_error));
    }

    [Fact]
    public void Test_AllPass_ExitsZero()
    {
        Write("rules.yaml", "alerts:\n  - name: Down\n    condition: uptime < 99%\n");
        var path = Write("down.test.yaml", """
            rule_files: [rules.yaml]
            tests:
              - input_series:
                  - series: uptime
                    values: '100 90'
                alert_rule_test:
                  - eval_time: 15s
                    alertname: Down
                    exp_alerts:
                      - exp_labels: { severity: warning }
            """);

        Assert.Equal(RulesCommand.Valid, Run("rules", "test", path));
        Assert.Equal(["PASS test 1", $"{path}: 1 test passed, 0 failed"], Lines(_output));
    }

    [Fact]
    public void Test_RuleFileWithErrors_ReportsThemAgainstTheRuleFile()
    {
        var rules = Write("rules.yaml", "alerts:\n  - name: Down\n    condition: uptime < 3s\n");
        var path = Write("down.test.yaml", "rule_files: [rules.yaml]\ntests: []\n");

        Assert.Equal(RulesCommand.Invalid, Run("rules", "test", path));
        Assert.StartsWith($"{rules}:3:", Assert.Single(Lines(_error)));
    }

    [Fact]
    public void Test_SameAlertNameInTwoRuleFiles_ReportsTheDuplicateInsteadOfCrashing()
    {
        Write("rules.yaml", "alerts:\n  - name: Down\n    condition: uptime < 99%\n");
        var other = Write("more.yaml", "alerts:\n  - name: Down\n    condition: uptime < 90%\n");
        var path = Write("down.test.yaml", "rule_files: [rules.yaml, more.yaml]\ntests: []\n");

        Assert.Equal(RulesCommand.Invalid, Run("rules", "test", path));
        Assert.Equal([$"{other}: error: the alert 'Down' is also in an earlier rule file; names must be unique across rule_files"], Lines(_error));
    }

    public void Dispose() => _folder.Delete(recursive: true);

    private int Run(params string[] arguments) =>
        VigilCli.Create().Parse(arguments).Invoke(new InvocationConfiguration { Output = _output, Error = _error });

    private string Write(string name, string content)
    {
        var path = Path.Combine(_folder.FullName, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static string[] Lines(StringWriter writer) =>
        writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
}
