using Vigil.Core.Alerts;

namespace Vigil.Core.Tests.Alerts;

public sealed class AddressesTests
{
    [Theory]
    [InlineData("010-1234-5678", true)]
    [InlineData("+82 10 2345 6789", true)]
    [InlineData("(02) 123-4567", true)]
    [InlineData("12345678", true)]
    [InlineData("+123456789012345", true)]
    [InlineData("1234567", false)]
    [InlineData("+1234567890123456", false)]
    [InlineData("010.1234.5678", false)]
    [InlineData("82+10 2345 6789", false)]
    [InlineData("on-call team", false)]
    [InlineData("", false)]
    public void IsPhoneNumber_KnownTexts_AcceptsEightToFifteenDigits(string text, bool expected)
    {
        Assert.Equal(expected, Addresses.IsPhoneNumber(text));
    }

    [Theory]
    [InlineData("lead@example.com", true)]
    [InlineData("first.last+alerts@mail.example.co.kr", true)]
    [InlineData("tech-lead", false)]
    [InlineData("lead@localhost", false)]
    [InlineData("@example.com", false)]
    [InlineData("lead@", false)]
    [InlineData("lead@@example.com", false)]
    [InlineData("a@b@example.com", false)]
    [InlineData("lead @example.com", false)]
    [InlineData("lead@example..com", false)]
    [InlineData("lead@-example.com", false)]
    public void IsEmailAddress_KnownTexts_AcceptsPlausibleAddresses(string text, bool expected)
    {
        Assert.Equal(expected, Addresses.IsEmailAddress(text));
    }

    [Theory]
    [InlineData("https://hooks.slack.com/services/T/B/X", false, true)]
    [InlineData("http://10.0.0.5:8080/hook", false, true)]
    [InlineData("http://10.0.0.5:8080/hook", true, false)]
    [InlineData("ftp://example.com/x", false, false)]
    [InlineData("https://", false, false)]
    [InlineData("hooks.slack.com/services", false, false)]
    public void TryParseWebAddress_KnownTexts_AcceptsAbsoluteHttpAddresses(string text, bool httpsOnly, bool expected)
    {
        Assert.Equal(expected, Addresses.TryParseWebAddress(text, httpsOnly, out _));
    }
}
