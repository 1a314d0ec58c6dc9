using Vigil.Core.Alerts;

namespace Vigil.Core.Reports;

/// <summary>
/// Where a project's reports go: Slack and webhook channels and e-mail contacts of its rule file, named as in a rule's
/// <c>notify:</c> list, or written as the address itself (an http(s) URL, an e-mail address).
/// </summary>
public static class ReportRecipients
{
    public static readonly IReadOnlyList<ChannelKind> Kinds = [ChannelKind.Slack, ChannelKind.Email, ChannelKind.Webhook];

    /// <summary>The destinations of the recipients; a name the rule file does not define and that is no address is left out.</summary>
    public static IReadOnlyList<Destination> Resolve(RuleSet rules, IReadOnlyList<NotifyTarget> recipients)
    {
        var channels = new Dictionary<string, ChannelDefinition>(rules.Channels, StringComparer.Ordinal);
        var contacts = new Dictionary<string, ContactDefinition>(rules.Contacts, StringComparer.Ordinal);
        foreach (var recipient in recipients)
        {
            var name = recipient.Name;
            if (recipient.Kind is ChannelKind.Slack or ChannelKind.Webhook && !channels.ContainsKey(name) && IsWebAddress(name))
            {
                var url = new Uri(name);
                channels[name] = recipient.Kind == ChannelKind.Slack ? new ChannelDefinition(url, null, null) : new ChannelDefinition(null, url, null);
            }
            else if (recipient.Kind == ChannelKind.Email && !contacts.ContainsKey(name) && name.Contains('@'))
            {
                contacts[name] = new ContactDefinition([], [name]);
            }
        }
        return AlertCycle.Destinations(rules with { Channels = channels, Contacts = contacts }, recipients.Where(recipient => Kinds.Contains(recipient.Kind)));
    }

    public static bool IsWebAddress(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https";
}
