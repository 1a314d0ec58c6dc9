using YamlDotNet.RepresentationModel;

namespace Vigil.Core.Alerts;

/// <summary>
/// Reads the <c>channels:</c> and <c>contacts:</c> sections and resolves each rule's <c>notify:</c> lines against them.
/// A line may also name an address directly (<c>slack: https://hooks.slack.com/…</c>, <c>sms: 010-1234-5678</c>,
/// <c>email: ops@example.com</c>); such an address becomes a channel or contact named by the address itself, so every
/// <see cref="NotifyTarget"/> resolves through <see cref="RuleSet.Channels"/> or <see cref="RuleSet.Contacts"/> alike.
/// </summary>
internal sealed class DestinationReader(RuleFileDiagnostics diagnostics)
{
    private static readonly string[] ChannelKeys = ["slack", "webhook", "secret"];
    private static readonly string[] ContactKeys = ["phone", "email"];

    private static readonly Dictionary<string, ChannelKind> Kinds = new(StringComparer.Ordinal)
    {
        ["slack"] = ChannelKind.Slack,
        ["email"] = ChannelKind.Email,
        ["sms"] = ChannelKind.Sms,
        ["alimtalk"] = ChannelKind.Alimtalk,
        ["webhook"] = ChannelKind.Webhook,
    };

    private readonly Dictionary<string, ChannelDefinition> _channels = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ContactDefinition> _contacts = new(StringComparer.Ordinal);

    // Every name the sections define, valid or not: a broken definition is reported where it stands, and a notify line
    // naming it must neither report it again nor take the name for a direct address.
    private readonly HashSet<string> _definedChannels = new(StringComparer.Ordinal);
    private readonly HashSet<string> _definedContacts = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, ChannelDefinition> Channels => _channels;

    public IReadOnlyDictionary<string, ContactDefinition> Contacts => _contacts;

    public void ReadChannels(YamlNode? section)
    {
        if (section is null || RuleFileDiagnostics.IsNull(section)
            || diagnostics.Mapping(section, "channels", "\"#ops\": { slack: https://hooks.slack.com/services/… }") is not { } mapping)
        {
            return;
        }
        foreach (var (key, value) in diagnostics.Entries(mapping))
        {
            _definedChannels.Add(key.Value!);
            if (ReadChannel(key, value) is { } channel)
            {
                _channels[key.Value!] = channel;
            }
        }
    }

    public void ReadContacts(YamlNode? section)
    {
        if (section is null || RuleFileDiagnostics.IsNull(section)
            || diagnostics.Mapping(section, "contacts", "on-call: { phone: \"010-1234-5678\" }") is not { } mapping)
        {
            return;
        }
        foreach (var (key, value) in diagnostics.Entries(mapping))
        {
            _definedContacts.Add(key.Value!);
            if (ReadContact(key, value) is { } contact)
            {
                _contacts[key.Value!] = contact;
            }
        }
    }

    /// <summary>A rule's <c>notify:</c> list; only the lines that resolve are returned, the others are reported.</summary>
    public IReadOnlyList<NotifyTarget> ReadNotify(YamlNode node)
    {
        var targets = new List<NotifyTarget>();
        foreach (var item in diagnostics.Sequence(node, "notify", "- slack: \"#ops\"") ?? [])
        {
            if (item is not YamlMappingNode { Children.Count: 1 } line)
            {
                diagnostics.Add(item, "each notify line names one channel, e.g. - slack: \"#ops\"");
                continue;
            }
            foreach (var (key, value) in diagnostics.Entries(line))
            {
                if (!Kinds.TryGetValue(key.Value!, out var kind))
                {
                    diagnostics.Add(key, $"unknown channel kind '{key.Value}'; use {string.Join(", ", Kinds.Keys)}");
                }
                else if (RuleFileDiagnostics.IsNull(value))
                {
                    // An unquoted "#emergency" is a YAML comment, which leaves the value empty.
                    diagnostics.Add(key, $"{key.Value} needs a name; quote names that start with #, e.g. {key.Value}: \"#ops\"");
                }
                else if (diagnostics.Text(value, key.Value!) is { } name && Resolves(kind, name, value))
                {
                    targets.Add(new NotifyTarget(kind, name));
                }
            }
        }
        return targets;
    }

    private ChannelDefinition? ReadChannel(YamlScalarNode name, YamlNode node)
    {
        if (diagnostics.Mapping(node, $"channel '{name.Value}'", "{ slack: https://hooks.slack.com/services/… }") is not { } mapping)
        {
            return null;
        }
        var errorsBefore = diagnostics.Count;
        Uri? slack = null, webhook = null;
        string? secret = null;
        YamlScalarNode? slackKey = null, webhookKey = null, secretKey = null;
        foreach (var (key, value) in diagnostics.Entries(mapping))
        {
            switch (key.Value)
            {
                case "slack":
                    (slackKey, slack) = (key, ReadWebAddress(value, "slack"));
                    break;
                case "webhook":
                    (webhookKey, webhook) = (key, ReadWebAddress(value, "webhook"));
                    break;
                case "secret":
                    (secretKey, secret) = (key, diagnostics.Text(value, "secret"));
                    break;
                default:
                    diagnostics.UnknownKey(key, $"channel '{name.Value}'", ChannelKeys);
                    break;
            }
        }
        if (slackKey is not null && webhookKey is not null)
        {
            diagnostics.Add(webhookKey, $"channel '{name.Value}' is either slack or webhook, not both; define two channels");
        }
        else if (slackKey is null && webhookKey is null)
        {
            diagnostics.Add(name, $"channel '{name.Value}' needs slack: URL or webhook: URL");
        }
        else if (slackKey is not null && secretKey is not null)
        {
            diagnostics.Add(secretKey, "secret belongs to webhook channels; Slack checks its own webhook addresses");
        }
        return diagnostics.Count == errorsBefore ? new ChannelDefinition(slack, webhook, secret) : null;
    }

    private Uri? ReadWebAddress(YamlNode node, string what)
    {
        if (diagnostics.Text(node, what) is not { } text)
        {
            return null;
        }
        if (Addresses.TryParseWebAddress(text, httpsOnly: false, out var address))
        {
            return address;
        }
        diagnostics.Add(node, $"{what} must be an absolute http or https URL, not '{text}'");
        return null;
    }

    private ContactDefinition? ReadContact(YamlScalarNode name, YamlNode node)
    {
        if (diagnostics.Mapping(node, $"contact '{name.Value}'", "{ phone: \"010-1234-5678\", email: lead@example.com }") is not { } mapping)
        {
            return null;
        }
        var errorsBefore = diagnostics.Count;
        IReadOnlyList<string> phones = [], emails = [];
        foreach (var (key, value) in diagnostics.Entries(mapping))
        {
            switch (key.Value)
            {
                case "phone":
                    phones = ReadAddressList(value, "phone", Addresses.IsPhoneNumber, "is not a phone number (8 to 15 digits, an optional leading +, spaces, dashes or parentheses)");
                    break;
                case "email":
                    emails = ReadAddressList(value, "email", Addresses.IsEmailAddress, "is not an e-mail address");
                    break;
                default:
                    diagnostics.UnknownKey(key, $"contact '{name.Value}'", ContactKeys);
                    break;
            }
        }
        if (diagnostics.Count == errorsBefore && phones.Count == 0 && emails.Count == 0)
        {
            diagnostics.Add(name, $"contact '{name.Value}' needs phone: or email:");
        }
        return diagnostics.Count == errorsBefore ? new ContactDefinition(phones, emails) : null;
    }

    /// <summary>One address or a list of them.</summary>
    private IReadOnlyList<string> ReadAddressList(YamlNode node, string what, Func<string, bool> isValid, string invalid)
    {
        var items = node is YamlSequenceNode sequence ? sequence.Children.ToList() : [node];
        var addresses = new List<string>();
        foreach (var item in items)
        {
            if (diagnostics.Text(item, what) is not { } text)
            {
                continue;
            }
            if (isValid(text))
            {
                addresses.Add(text);
            }
            else
            {
                diagnostics.Add(item, $"'{text}' {invalid}");
            }
        }
        return addresses;
    }

    private bool Resolves(ChannelKind kind, string name, YamlNode at) => kind switch
    {
        ChannelKind.Slack => ResolvesChannel(name, at, slack: true),
        ChannelKind.Webhook => ResolvesChannel(name, at, slack: false),
        ChannelKind.Email => ResolvesContact(name, at, kind, phones: false),
        _ => ResolvesContact(name, at, kind, phones: true),
    };

    private bool ResolvesChannel(string name, YamlNode at, bool slack)
    {
        var key = slack ? "slack" : "webhook";
        if (_definedChannels.Contains(name))
        {
            if (!_channels.TryGetValue(name, out var channel))
            {
                return false;
            }
            if ((slack ? channel.SlackWebhook : channel.Webhook) is not null)
            {
                return true;
            }
            var other = slack ? "webhook" : "slack";
            diagnostics.Add(at, $"channel '{name}' is a {other} channel, not {key}; notify it with {other}: {name}");
            return false;
        }
        if (!Addresses.LooksLikeWebAddress(name))
        {
            diagnostics.Add(at, $"no channel '{name}' with {key}: under channels:; define it, e.g. \"{name}\": {{ {key}: https://… }}, or write the address here");
            return false;
        }
        if (!Addresses.TryParseWebAddress(name, httpsOnly: slack, out var address))
        {
            diagnostics.Add(at, slack ? $"'{name}' is not a Slack webhook address: it must be an absolute https URL" : $"'{name}' is not an absolute http or https URL");
            return false;
        }
        var direct = _channels.GetValueOrDefault(name) ?? new ChannelDefinition(null, null, null);
        _channels[name] = slack ? direct with { SlackWebhook = address } : direct with { Webhook = address };
        return true;
    }

    private bool ResolvesContact(string name, YamlNode at, ChannelKind kind, bool phones)
    {
        var key = kind.ToString().ToLowerInvariant();
        var what = phones ? "phone number" : "e-mail address";
        if (_definedContacts.Contains(name))
        {
            if (!_contacts.TryGetValue(name, out var contact))
            {
                return false;
            }
            if ((phones ? contact.Phones : contact.Emails).Count > 0)
            {
                return true;
            }
            diagnostics.Add(at, $"contact '{name}' has no {what}, which {key}: needs; add {(phones ? "phone" : "email")}: to it");
            return false;
        }
        if (phones ? Addresses.IsPhoneNumber(name) : Addresses.IsEmailAddress(name))
        {
            _contacts.TryAdd(name, phones ? new ContactDefinition([name], []) : new ContactDefinition([], [name]));
            return true;
        }
        var example = phones ? "{ phone: \"010-1234-5678\" }" : "{ email: lead@example.com }";
        diagnostics.Add(at, $"no contact '{name}' under contacts: and not a valid {what}; define it, e.g. {name}: {example}, or write the {what} here");
        return false;
    }
}
