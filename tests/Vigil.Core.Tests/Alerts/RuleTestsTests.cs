using Vigil.Core.Alerts;

namespace Vigil.Core.Tests.Alerts;

public sealed class RuleTestsTests
{
    private static RuleSet Rules(string yaml) => RuleFileParser.Parse(yaml).RuleSet ?? throw new InvalidOperationException(string.Join("; ", RuleFileParser.Parse(yaml).Errors));

    private static readonly RuleSet SlowResponse = Rules("""
        alerts:
          - name: Slow Response
            condition: p95_response_time > 3s
            duration: 10min
            labels: { team: web }
        """);

    private static RuleTestGroup Group(string yaml) =>
        Assert.Single(RuleTestParser.Parse(yaml).File?.Groups ?? throw new InvalidOperationException(string.Join("; ", RuleTestParser.Parse(yaml).Errors)));

    [Theory]
    [InlineData("1 2 3", new[] { 1.0, 2, 3 })]
    [InlineData("0+10x3", new[] { 0.0, 10, 20, 30 })]
    [InlineData("5-1x2", new[] { 5.0, 4, 3 })]
    [InlineData("7x2", new[] { 7.0, 7, 7 })]
    [InlineData("-1+1x2", new[] { -1.0, 0, 1 })]
    [InlineData("1.5 2e3", new[] { 1.5, 2000 })]
    public void SeriesValues_Notation_ExpandsLikePromtool(string text, double[] expected)
    {
        Assert.True(SeriesValues.TryParse(text, out var samples, out var error), error);
        Assert.Equal(expected.Select(value => (double?)value), samples);
    }

    [Fact]
    public void SeriesValues_MissingAndStale_AreNullAndNaN()
    {
        Assert.True(SeriesValues.TryParse("1 _ _x2 stale", out var samples, out _));

        Assert.Equal(5, samples.Count);
        Assert.Equal([1.0, null, null, null], samples.Take(4));
        Assert.True(double.IsNaN(samples[4]!.Value));
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("1+2")]
    [InlineData("1x-3")]
    public void SeriesValues_Malformed_SaysWhy(string text)
    {
        Assert.False(SeriesValues.TryParse(text, out _, out var error));
        Assert.NotEmpty(error);
    }

    [Fact]
    public void Run_SustainedForDuration_FiresExactlyAtDurationAndNotBefore()
    {
        // One sample a minute: slow from 2m on, so pending at 2m and firing at 12m.
        var group = Group("""
            rule_files: [rules.yaml]
            evaluation_interval: 1m
            tests:
              - interval: 1m
                input_series:
                  - series: p95_response_time
                    values: '1000 1000 3500x20'
                alert_rule_test:
                  - eval_time: 11m
                    alertname: Slow Response
                    exp_alerts: []
                  - eval_time: 12m
                    alertname: Slow Response
                    exp_alerts:
                      - exp_labels: { severity: warning, team: web }
            """);

        Assert.Empty(RuleTestRunner.Run(SlowResponse, group, TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public void Run_WrongExpectation_SaysWhatHappenedInstead()
    {
        var group = Group("""
            rule_files: [rules.yaml]
            tests:
              - name: too early
                interval: 1m
                input_series:
                  - series: p95_response_time
                    values: '3500x20'
                alert_rule_test:
                  - eval_time: 5m
                    alertname: Slow Response
                    exp_alerts:
                      - exp_labels: { severity: warning }
                  - eval_time: 15m
                    alertname: Slow Response
                    exp_alerts:
                      - exp_labels: { severity: critical }
                  - eval_time: 15m
                    alertname: Nope
                    exp_alerts: []
            """);

        var failures = RuleTestRunner.Run(SlowResponse, group, TimeSpan.FromSeconds(15));

        Assert.Equal(
            [
                "17:9: no rule is named 'Nope'",
                "9:9: too early, eval_time 5min, alertname 'Slow Response': expected it firing, got pending since 0s",
                "13:9: too early, eval_time 15min, alertname 'Slow Response': expected labels {severity=\"critical\"}, got {alertname=\"Slow Response\", severity=\"warning\", team=\"web\"}",
            ],
            failures);
    }

    [Fact]
    public void Run_MissingSamples_LookBackFiveMinutesThenNoData()
    {
        var rules = Rules("""
            alerts:
              - name: Down
                condition: uptime < 99%
                no_data: alerting
            """);
        // Up at 0, then nothing: 0–5m still reads the sample at 0 (up), after that no data, which this rule counts as down.
        var group = Group("""
            rule_files: [rules.yaml]
            evaluation_interval: 1m
            tests:
              - interval: 1m
                input_series:
                  - series: uptime
                    values: '100 _x10'
                alert_rule_test:
                  - eval_time: 5m
                    alertname: Down
                    exp_alerts: []
                  - eval_time: 6m
                    alertname: Down
                    exp_alerts:
                      - exp_labels: {}
            """);

        Assert.Empty(RuleTestRunner.Run(rules, group, TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public void Run_RelativeCondition_ReadsTheSeriesOneWeekEarlier()
    {
        var rules = Rules("""
            alerts:
              - name: Signups Dropped
                condition: signups < 60% of last_week
            """);
        // One sample a day for eight days: 100 on day 0, 50 on day 7 (50% of last week's 100).
        var group = Group("""
            rule_files: [rules.yaml]
            evaluation_interval: 1d
            tests:
              - interval: 1d
                input_series:
                  - series: signups
                    values: '100 100x5 50'
                alert_rule_test:
                  - eval_time: 6d
                    alertname: Signups Dropped
                    exp_alerts: []
                  - eval_time: 7d
                    alertname: Signups Dropped
                    exp_alerts:
                      - exp_labels: { severity: warning }
            """);

        Assert.Empty(RuleTestRunner.Run(rules, group, TimeSpan.FromDays(1)));
    }

    [Fact]
    public void Run_SeriesWithWindow_FeedsOnlyThatWindow()
    {
        var rules = Rules("""
            alerts:
              - name: Errors
                condition: error_rate > 5% and error_rate[15m] > 1%
            """);
        var group = Group("""
            rule_files: [rules.yaml]
            tests:
              - interval: 15s
                input_series:
                  - series: error_rate
                    values: '10x4'
                  - series: error_rate[15m]
                    values: '0.5 0.5 2 2 2'
                alert_rule_test:
                  - eval_time: 15s
                    alertname: Errors
                    exp_alerts: []
                  - eval_time: 30s
                    alertname: Errors
                    exp_alerts:
                      - exp_labels: { severity: warning }
            """);

        Assert.Empty(RuleTestRunner.Run(rules, group, TimeSpan.FromSeconds(15)));
    }

    [Fact]
    public void Parse_Mistakes_AreReportedWithPositions()
    {
        var (file, errors) = RuleTestParser.Parse("""
            rule_files: [rules.yaml]
            tests:
              - interval: 1m
                input_series:
                  - series: nonsense_metric
                    values: '1 2'
                  - series: error_rate
                    values: '1+2'
                alert_rule_test:
                  - alertname: X
                surprise: true
            """);

        Assert.Null(file);
        Assert.Equal([5, 8, 10, 11], errors.Select(error => error.Line));
    }
}
