using Vigil.Core.Alerts;

namespace Vigil.Core.Tests.Alerts;

public sealed class RuleFileParserTests
{
    /// <summary>The file shape teams paste from their plan, exactly.</summary>
    private const string Seed = """
        alerts:
          - name: Service Down
            severity: critical
            condition: uptime < 99%
            duration: 1min
            notify:
              - slack: "#emergency"
              - sms: on-call team
              - email: tech-lead
          - name: Slow Response
            condition: p95_response_time > 3s
            duration: 10min
            notify:
              - slack: "#performance"
        channels:
          "#emergency": { slack: "https://hooks.slack.com/services/T000/B000/XXXX" }
          "#performance": { slack: "https://hooks.slack.com/services/T000/B000/YYYY" }
          ops-hook: { webhook: "https://ops.example.com/hook", secret: "s3cret" }
        contacts:
          on-call team: { phone: ["010-1234-5678", "+82 10 2345 6789"] }
          tech-lead: { email: lead@example.com }
        route:
          repeat_interval: 4h
          group_wait: 0s
          send_resolved: true
        """;

    [Fact]
    public void Parse_SeedFile_BuildsTheExpectedRuleSet()
    {
        var ruleSet = ParseValid(Seed);

        Assert.Equal(2, ruleSet.Alerts.Count);
        var down = ruleSet.Alerts[0];
        Assert.Equal("Service Down", down.Name);
        Assert.Equal(Severity.Critical, down.Severity);
        Assert.Equal(new Comparison(new MetricReference(AlertMetric.Uptime), ComparisonOperator.Less, new Threshold(99)), down.Condition);
        Assert.Equal("uptime < 99%", down.ConditionText);
        Assert.Equal(TimeSpan.FromMinutes(1), down.Duration);
        Assert.Equal(
            [new NotifyTarget(ChannelKind.Slack, "#emergency"), new NotifyTarget(ChannelKind.Sms, "on-call team"), new NotifyTarget(ChannelKind.Email, "tech-lead")],
            down.Notify);
        Assert.Empty(down.Labels);
        Assert.Equal(NoDataPolicy.Keep, down.NoData);
        Assert.Equal(TimeSpan.Zero, down.KeepFiringFor);
        Assert.Null(down.Clear);
        Assert.Null(down.RepeatInterval);

        var slow = ruleSet.Alerts[1];
        Assert.Equal("Slow Response", slow.Name);
        Assert.Equal(Severity.Warning, slow.Severity);
        Assert.Equal(new Comparison(new MetricReference(AlertMetric.P95ResponseTime), ComparisonOperator.Greater, new Threshold(3_000)), slow.Condition);
        Assert.Equal("p95_response_time > 3s", slow.ConditionText);
        Assert.Equal(TimeSpan.FromMinutes(10), slow.Duration);
        Assert.Equal([new NotifyTarget(ChannelKind.Slack, "#performance")], slow.Notify);

        Assert.Equal(["#emergency", "#performance", "ops-hook"], ruleSet.Channels.Keys);
        Assert.Equal(new ChannelDefinition(new Uri("https://hooks.slack.com/services/T000/B000/XXXX"), null, null), ruleSet.Channels["#emergency"]);
        Assert.Equal(new ChannelDefinition(new Uri("https://hooks.slack.com/services/T000/B000/YYYY"), null, null), ruleSet.Channels["#performance"]);
        Assert.Equal(new ChannelDefinition(null, new Uri("https://ops.example.com/hook"), "s3cret"), ruleSet.Channels["ops-hook"]);

        Assert.Equal(["on-call team", "tech-lead"], ruleSet.Contacts.Keys);
        Assert.Equal(["010-1234-5678", "+82 10 2345 6789"], ruleSet.Contacts["on-call team"].Phones);
        Assert.Empty(ruleSet.Contacts["on-call team"].Emails);
        Assert.Empty(ruleSet.Contacts["tech-lead"].Phones);
        Assert.Equal(["lead@example.com"], ruleSet.Contacts["tech-lead"].Emails);

        Assert.Equal(new RouteSettings(TimeSpan.FromHours(4), TimeSpan.Zero, true), ruleSet.Route);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# no rules yet\n")]
    [InlineData("alerts: []")]
    [InlineData("alerts:")]
    [InlineData("~")]
    public void Parse_EmptyFile_IsEmptyRuleSet(string yaml)
    {
        var ruleSet = ParseValid(yaml);

        Assert.Empty(ruleSet.Alerts);
        Assert.Empty(ruleSet.Channels);
        Assert.Empty(ruleSet.Contacts);
        Assert.Equal(RouteSettings.Default, ruleSet.Route);
    }

    [Fact]
    public void Parse_EveryRuleKey_ReadsEach()
    {
        var ruleSet = ParseValid(Rule("""
            severity: info
            duration: 1h30m
            keep_firing_for: 5m
            clear: error_rate[10m] < 0.5%
            no_data: alerting
            labels: { team: payments, tier: "1" }
            repeat_interval: 30min
            """, condition: "error_rate[15m] > 1% and p95_response_time > 1.5s"));

        var rule = Assert.Single(ruleSet.Alerts);
        Assert.Equal(Severity.Info, rule.Severity);
        Assert.Equal(
            new AllOf(
                new Comparison(new MetricReference(AlertMetric.ErrorRate, null, TimeSpan.FromMinutes(15)), ComparisonOperator.Greater, new Threshold(1)),
                new Comparison(new MetricReference(AlertMetric.P95ResponseTime), ComparisonOperator.Greater, new Threshold(1_500))),
            rule.Condition);
        Assert.Equal(TimeSpan.FromMinutes(90), rule.Duration);
        Assert.Equal(TimeSpan.FromMinutes(5), rule.KeepFiringFor);
        Assert.Equal(new Comparison(new MetricReference(AlertMetric.ErrorRate, null, TimeSpan.FromMinutes(10)), ComparisonOperator.Less, new Threshold(0.5)), rule.Clear);
        Assert.Equal(NoDataPolicy.Alerting, rule.NoData);
        Assert.Equal(new Dictionary<string, string> { ["team"] = "payments", ["tier"] = "1" }, rule.Labels);
        Assert.Equal(TimeSpan.FromMinutes(30), rule.RepeatInterval);
        Assert.Empty(rule.Notify);
    }

    [Fact]
    public void Parse_DirectAddresses_BecomeChannelsAndContactsNamedByTheAddress()
    {
        var ruleSet = ParseValid(Rule("""
            notify:
              - slack: https://hooks.slack.com/services/T1/B1/Z
              - webhook: http://10.0.0.5:8080/alerts
              - sms: "+82 10 1234 5678"
              - alimtalk: "+82 10 1234 5678"
              - email: ops@example.com
            """));

        Assert.Equal(
            [
                new NotifyTarget(ChannelKind.Slack, "https://hooks.slack.com/services/T1/B1/Z"),
                new NotifyTarget(ChannelKind.Webhook, "http://10.0.0.5:8080/alerts"),
                new NotifyTarget(ChannelKind.Sms, "+82 10 1234 5678"),
                new NotifyTarget(ChannelKind.Alimtalk, "+82 10 1234 5678"),
                new NotifyTarget(ChannelKind.Email, "ops@example.com"),
            ],
            ruleSet.Alerts[0].Notify);
        Assert.Equal(new ChannelDefinition(new Uri("https://hooks.slack.com/services/T1/B1/Z"), null, null), ruleSet.Channels["https://hooks.slack.com/services/T1/B1/Z"]);
        Assert.Equal(new ChannelDefinition(null, new Uri("http://10.0.0.5:8080/alerts"), null), ruleSet.Channels["http://10.0.0.5:8080/alerts"]);
        Assert.Equal(["+82 10 1234 5678"], ruleSet.Contacts["+82 10 1234 5678"].Phones);
        Assert.Equal(["ops@example.com"], ruleSet.Contacts["ops@example.com"].Emails);
    }

    [Fact]
    public void Parse_SectionsBeforeAlerts_ResolveTheSame()
    {
        var ruleSet = ParseValid("""
            contacts:
              lead: { email: [lead@example.com, cto@example.com] }
            alerts:
              - name: A
                condition: orders == 0
                notify:
                  - email: lead
            """);

        Assert.Equal([new NotifyTarget(ChannelKind.Email, "lead")], ruleSet.Alerts[0].Notify);
        Assert.Equal(["lead@example.com", "cto@example.com"], ruleSet.Contacts["lead"].Emails);
    }

    // Rule(...) puts extra keys from line 4 on, at column 5.
    [Theory]
    [InlineData("severity: fatal", 4, 15, "severity must be one of info, warning, critical, not 'fatal'")]
    [InlineData("duration: 10", 4, 15, "invalid duration '10'")]
    [InlineData("duration: -5m", 4, 15, "duration cannot be negative")]
    [InlineData("keep_firing_for: 1.5h", 4, 22, "invalid keep_firing_for '1.5h'")]
    [InlineData("repeat_interval: 0s", 4, 22, "repeat_interval must be longer than zero")]
    [InlineData("no_data: maybe", 4, 14, "no_data must be one of ok, alerting, keep")]
    [InlineData("for: 5m", 4, 5, "unknown key 'for' in an alert; allowed: name, severity, condition, duration, keep_firing_for, clear, no_data, notify, labels, repeat_interval")]
    [InlineData("clear: uptime > 3s", 4, 22, "uptime is a percentage")]
    [InlineData("clear: ''", 4, 12, "clear is empty")]
    [InlineData("labels: { severity: high }", 4, 15, "'severity' is set by the alert itself")]
    [InlineData("labels: { 9x: a }", 4, 15, "label name '9x'")]
    [InlineData("labels: [a, b]", 4, 13, "labels must be a mapping")]
    [InlineData("notify: slack", 4, 13, "notify must be a list")]
    [InlineData("notify:\n  - slack: \"#nope\"", 5, 16, "no channel '#nope' with slack: under channels:")]
    [InlineData("notify:\n  - slack: #emergency", 5, 9, "quote names that start with #")]
    [InlineData("notify:\n  - slack: http://hooks.slack.com/x", 5, 16, "must be an absolute https URL")]
    [InlineData("notify:\n  - webhook: \"https://\"", 5, 18, "not an absolute http or https URL")]
    [InlineData("notify:\n  - pager: on-call", 5, 9, "unknown channel kind 'pager'; use slack, email, sms, alimtalk, webhook")]
    [InlineData("notify:\n  - sms: nobody", 5, 14, "no contact 'nobody' under contacts: and not a valid phone number")]
    [InlineData("notify:\n  - sms: 010-12", 5, 14, "not a valid phone number")]
    [InlineData("notify:\n  - email: lead@", 5, 16, "not a valid e-mail address")]
    [InlineData("notify:\n  - slack: a\n    email: b", 5, 9, "each notify line names one channel")]
    [InlineData("notify:\n  - slack", 5, 9, "each notify line names one channel")]
    public void Parse_MistakeInARule_ReportsItAtItsPosition(string extraKeys, int line, int column, string message)
    {
        var result = RuleFileParser.Parse(Rule(extraKeys));

        Assert.Null(result.RuleSet);
        var error = Assert.Single(result.Errors);
        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.Contains(message, error.Message);
    }

    [Theory]
    [InlineData("condition: uptime > 3s", 16 + 10)]
    [InlineData("condition: 'uptime > 3s'", 16 + 1 + 10)]
    [InlineData("condition: \"uptime > 3s\"", 16 + 1 + 10)]
    [InlineData("condition:    uptime > 3s   # three seconds?", 19 + 10)]
    [InlineData("condition: |\n      uptime > 3s", 16)]
    public void Parse_MistakeInACondition_PointsAtTheTokenInTheFile(string conditionLine, int column)
    {
        var yaml = $"alerts:\n  - name: A\n    {conditionLine.Replace("\n", "\n    ")}\n";

        var error = Assert.Single(RuleFileParser.Parse(yaml).Errors);

        Assert.Equal((3, column), (error.Line, error.Column));
        Assert.Contains("uptime is a percentage", error.Message);
    }

    [Fact]
    public void Parse_EventsConditionInSingleQuotes_PointsAtTheUnit()
    {
        var result = RuleFileParser.Parse("""
            alerts:
              - name: Checkout
                condition: 'events{name="checkout"} > 5%'
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal((3, 16 + 1 + 27), (error.Line, error.Column));
        Assert.Contains("events is a count; a percentage needs a baseline", error.Message);
    }

    [Fact]
    public void Parse_AlertWithoutNameOrCondition_ReportsBothAtTheAlert()
    {
        var result = RuleFileParser.Parse("alerts:\n  - severity: critical\n");

        Assert.Equal(
            [new RuleFileError(2, 5, "this alert has no name: add name:"), new RuleFileError(2, 5, "alert '(unnamed)' has no condition: add e.g. condition: uptime < 99%")],
            result.Errors);
    }

    [Fact]
    public void Parse_DuplicateName_ReportsTheSecondWithTheFirstLine()
    {
        var result = RuleFileParser.Parse("""
            alerts:
              - name: A
                condition: uptime < 99%
              - name: A
                condition: uptime < 98%
            """);

        Assert.Equal([new RuleFileError(4, 11, "another alert is already named 'A' (line 2); names must be unique")], result.Errors);
    }

    [Theory]
    [InlineData("alert:\n  - name: A", 1, 1, "unknown key 'alert' in the rule file; allowed: alerts, channels, contacts, route")]
    [InlineData("- name: A", 1, 1, "a rule file must be a mapping")]
    [InlineData("alerts: { name: A }", 1, 9, "alerts must be a list")]
    [InlineData("alerts:\n  - just text", 2, 5, "an alert must be a mapping")]
    [InlineData("channels:\n  ops: { slack: \"not a url\" }", 2, 17, "slack must be an absolute http or https URL, not 'not a url'")]
    [InlineData("channels:\n  ops: { slack: \"https://a.example/x\", webhook: \"https://b.example/y\" }", 2, 40, "either slack or webhook, not both")]
    [InlineData("channels:\n  ops: { secret: s }", 2, 3, "channel 'ops' needs slack: URL or webhook: URL")]
    [InlineData("channels:\n  ops: { slack: \"https://a.example/x\", secret: s }", 2, 40, "secret belongs to webhook channels")]
    [InlineData("channels:\n  ops: https://a.example/x", 2, 8, "channel 'ops' must be a mapping")]
    [InlineData("contacts:\n  lead: { phone: \"12-34\" }", 2, 18, "'12-34' is not a phone number")]
    [InlineData("contacts:\n  lead: { email: [lead@example.com, nope] }", 2, 37, "'nope' is not an e-mail address")]
    [InlineData("contacts:\n  lead: { phone: [] }", 2, 3, "contact 'lead' needs phone: or email:")]
    [InlineData("contacts:\n  lead: { pager: \"010-1234-5678\" }", 2, 11, "unknown key 'pager' in contact 'lead'; allowed: phone, email")]
    [InlineData("route:\n  send_resolved: yes", 2, 18, "send_resolved must be true or false, not 'yes'")]
    [InlineData("route:\n  repeat_interval: 0", 2, 20, "repeat_interval must be longer than zero")]
    [InlineData("route:\n  group_wait: soon", 2, 15, "invalid group_wait 'soon'")]
    [InlineData("route:\n  repeat: 4h", 2, 3, "unknown key 'repeat' in route; allowed: repeat_interval, group_wait, send_resolved")]
    [InlineData("a: 1\n---\nb: 2", 3, 1, "a rule file holds one YAML document")]
    public void Parse_MistakeOutsideRules_ReportsItAtItsPosition(string yaml, int line, int column, string message)
    {
        var result = RuleFileParser.Parse(yaml);

        Assert.Null(result.RuleSet);
        var error = Assert.Single(result.Errors);
        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Parse_NotifyAContactWithoutPhones_SaysWhatIsMissing()
    {
        var result = RuleFileParser.Parse("""
            alerts:
              - name: A
                condition: uptime < 99%
                notify:
                  - sms: lead
                  - webhook: team
            channels:
              team: { slack: "https://hooks.slack.com/services/T/B/C" }
            contacts:
              lead: { email: lead@example.com }
            """);

        Assert.Equal(
            [
                new RuleFileError(5, 14, "contact 'lead' has no phone number, which sms: needs; add phone: to it"),
                new RuleFileError(6, 18, "channel 'team' is a slack channel, not webhook; notify it with slack: team"),
            ],
            result.Errors);
    }

    [Fact]
    public void Parse_NotifyABrokenChannel_ReportsOnlyTheDefinition()
    {
        var result = RuleFileParser.Parse("""
            alerts:
              - name: A
                condition: uptime < 99%
                notify:
                  - slack: ops
            channels:
              ops: { slack: "hooks.slack.com/x" }
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal((7, 17), (error.Line, error.Column));
    }

    [Fact]
    public void Parse_ManyMistakes_ReportsEveryOneSortedByPosition()
    {
        var result = RuleFileParser.Parse("""
            route:
              send_resolved: maybe
            alerts:
              - name: Service Down
                severity: urgent
                condition: uptime > 3s and signups > 5%
                duration: soon
                notify:
                  - slack: "#nowhere"
              - name: Service Down
                condition: error_rate[15x] > 1%
                for: 5m
            contacts:
              lead: { phone: "12" }
            """);

        Assert.Null(result.RuleSet);
        Assert.Equal(
            [(2, 18), (5, 15), (6, 26), (6, 43), (7, 15), (9, 16), (10, 11), (11, 27), (12, 5), (14, 18)],
            result.Errors.Select(error => (error.Line, error.Column)));
    }

    [Theory]
    [InlineData("alerts:\n  - name: \"Service Down\n", 2, 11, "YAML syntax: While scanning a quoted scalar, found unexpected end of stream.")]
    [InlineData("alerts:\n  - name: A\n   condition: x\n", 3, 4, "YAML syntax: While parsing a block collection, did not find expected '-' indicator.")]
    [InlineData("route:\n  group_wait: 1s\n  group_wait: 2s\n", 3, 3, "YAML syntax: Duplicate key group_wait")]
    [InlineData("alerts: [1, 2\nroute: 3\n", 1, 11, "YAML syntax error after this point: is a [ or { not closed?")]
    public void Parse_YamlSyntaxError_ReportsYamlDotNetsPosition(string yaml, int line, int column, string message)
    {
        var result = RuleFileParser.Parse(yaml);

        Assert.Equal([new RuleFileError(line, column, message)], result.Errors);
    }

    [Fact]
    public void Parse_AliasesExpandingToMillionsOfNodes_RefusesBeforeReading()
    {
        var yaml = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
            + string.Concat(Enumerable.Range(1, 6).Select(level =>
                $"{(char)('a' + level)}: &{(char)('a' + level)} [{string.Join(", ", Enumerable.Repeat($"*{(char)('a' + level - 1)}", 10))}]\n"));

        var result = RuleFileParser.Parse(yaml);

        Assert.Equal([new RuleFileError(1, 1, "the file expands to more than 100000 YAML nodes: are aliases (*name) nested, or inside their own anchor?")], result.Errors);
    }

    [Fact]
    public void Parse_AliasInsideItsOwnAnchor_IsAnErrorNotACrash()
    {
        var result = RuleFileParser.Parse("alerts: &loop [*loop]\n");

        var error = Assert.Single(result.Errors);
        Assert.Contains("inside their own anchor", error.Message);
    }

    [Fact]
    public void Parse_AliasReusingAMapping_ReadsItAtEachUse()
    {
        var ruleSet = ParseValid("""
            alerts:
              - name: A
                condition: uptime < 99%
                labels: &team { team: payments }
              - name: B
                condition: error_rate > 1%
                labels: *team
            """);

        Assert.All(ruleSet.Alerts, rule => Assert.Equal("payments", rule.Labels["team"]));
    }

    private static RuleSet ParseValid(string yaml)
    {
        var result = RuleFileParser.Parse(yaml);
        Assert.Empty(result.Errors);
        return result.RuleSet!;
    }

    /// <summary>One valid alert named A with <paramref name="extraKeys"/> from line 4 on, indented as its keys.</summary>
    private static string Rule(string extraKeys, string condition = "uptime < 99%") =>
        $"alerts:\n  - name: A\n    condition: {condition}\n    {extraKeys.ReplaceLineEndings("\n    ")}\n";
}
