using Vigil.Core.Alerts;
using Vigil.Core.Reports;

namespace Vigil.Core.Tests.Reports;

public sealed class ReportRecipientsTests
{
    private static readonly RuleSet Rules = RuleFileParser.Parse("""
        channels:
          "#team": { slack: "https://hooks.slack.com/services/T/B/X" }
          ops-hook: { webhook: "https://ops.example.com/vigil", secret: "s3cret" }
        contacts:
          tech-lead: { email: [lead@example.com, cto@example.com], phone: "010-1234-5678" }
          on-call: { phone: "010-2345-6789" }
        """).RuleSet!;

    [Fact]
    public void Resolve_NamesOfTheRuleFile_UseItsAddressesAndSecret()
    {
        var destinations = ReportRecipients.Resolve(Rules,
            [new(ChannelKind.Slack, "#team"), new(ChannelKind.Webhook, "ops-hook"), new(ChannelKind.Email, "tech-lead")]);

        Assert.Equal(
            [
                (ChannelKind.Slack, "#team", "https://hooks.slack.com/services/T/B/X", (string?)null),
                (ChannelKind.Webhook, "ops-hook", "https://ops.example.com/vigil", "s3cret"),
                (ChannelKind.Email, "tech-lead", "lead@example.com,cto@example.com", null),
            ],
            destinations.Select(destination => (destination.Kind, destination.Name, string.Join(',', destination.Addresses), destination.Secret)));
    }

    [Fact]
    public void Resolve_AddressesWrittenOut_AreTheirOwnDestinations()
    {
        var destinations = ReportRecipients.Resolve(RuleSet.Empty,
            [new(ChannelKind.Slack, "http://127.0.0.1:9000/hook"), new(ChannelKind.Email, "pm@example.com")]);

        Assert.Equal(["http://127.0.0.1:9000/hook", "pm@example.com"], destinations.Select(destination => destination.Addresses.Single()));
    }

    [Fact]
    public void Resolve_UnknownNamesAndPhoneChannels_AreLeftOut()
    {
        var destinations = ReportRecipients.Resolve(Rules,
            [new(ChannelKind.Slack, "#nowhere"), new(ChannelKind.Email, "on-call"), new(ChannelKind.Sms, "on-call"), new(ChannelKind.Slack, "#team"), new(ChannelKind.Slack, "#team")]);

        Assert.Equal("#team", Assert.Single(destinations).Name);
    }
}
