namespace Vigil.Core.Alerts;

/// <summary>Checks for the addresses a rule file may name: webhook URLs, phone numbers and e-mail addresses.</summary>
internal static class Addresses
{
    public static bool LooksLikeWebAddress(string text) =>
        text.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    public static bool TryParseWebAddress(string text, bool httpsOnly, out Uri address)
    {
        address = null!;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var parsed)
            || !(parsed.Scheme == Uri.UriSchemeHttps || parsed.Scheme == Uri.UriSchemeHttp && !httpsOnly)
            || string.IsNullOrEmpty(parsed.Host))
        {
            return false;
        }
        address = parsed;
        return true;
    }

    /// <summary>8 to 15 digits (E.164 allows 15), an optional leading +, and spaces, dashes or parentheses between them.</summary>
    public static bool IsPhoneNumber(string text)
    {
        var body = text.StartsWith('+') ? text.AsSpan(1) : text.AsSpan();
        var digits = 0;
        foreach (var character in body)
        {
            if (char.IsAsciiDigit(character))
            {
                digits++;
            }
            else if (character is not (' ' or '-' or '(' or ')'))
            {
                return false;
            }
        }
        return digits is >= 8 and <= 15;
    }

    /// <summary>
    /// Plausible, not RFC 5322: one @, a local part, and a dotted domain, with no spaces. Whether the mailbox exists is
    /// for the mail server to say; this only catches a contact name typed where an address was meant.
    /// </summary>
    public static bool IsEmailAddress(string text)
    {
        var at = text.IndexOf('@');
        if (at <= 0 || at != text.LastIndexOf('@') || text.Any(char.IsWhiteSpace) || text.Any(char.IsControl))
        {
            return false;
        }
        var labels = text[(at + 1)..].Split('.');
        return labels.Length >= 2 && labels.All(label => label.Length > 0 && !label.StartsWith('-') && !label.EndsWith('-'));
    }
}
