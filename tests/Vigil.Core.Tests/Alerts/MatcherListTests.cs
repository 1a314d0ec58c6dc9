using Vigil.Core.Alerts;

namespace Vigil.Core.Tests.Alerts;

public sealed class MatcherListTests
{
    [Fact]
    public void TryParseList_CommaSeparated_ReadsEachMatcher()
    {
        Assert.True(Matcher.TryParseList("""alertname="Slow Response", severity=~"warn.*" """, out var matchers, out var error), error);

        Assert.Equal(
            [new Matcher("alertname", MatchOperator.Equal, "Slow Response"), new Matcher("severity", MatchOperator.Regex, "warn.*")],
            matchers);
    }

    [Fact]
    public void TryParseList_CommaInsideQuotesAndBraces_BelongsToTheValue()
    {
        Assert.True(Matcher.TryParseList("""{team=~"web,api", alertname!="A \"b\", c",}""", out var matchers, out var error), error);

        Assert.Equal(
            [new Matcher("team", MatchOperator.Regex, "web,api"), new Matcher("alertname", MatchOperator.NotEqual, "A \"b\", c")],
            matchers);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("alertname")]
    [InlineData("""alertname="A",, severity="critical" """)]
    [InlineData("""severity=~"(" """)]
    public void TryParseList_Invalid_IsRefusedWithAMessage(string text)
    {
        Assert.False(Matcher.TryParseList(text, out var matchers, out var error));

        Assert.Empty(matchers);
        Assert.NotEmpty(error);
    }
}
