using Vigil.Alerts.Delivery;
using Vigil.Core.Alerts;

namespace Vigil.Tests.Alerts.Delivery;

public sealed class NotificationTextTests
{
    [Fact]
    public void Headline_FiringAndResolvedTogether_CountsBothAndNamesFiringFirst()
    {
        var message = SomeNotification.Message(SomeNotification.SlowResponse(NoticeState.Resolved), SomeNotification.ServiceDown());

        Assert.Equal("[FIRING:1, RESOLVED:1] Service Down, Slow Response — Shop", NotificationText.Headline(message));
        Assert.Equal("🔴", NotificationText.Emoji(message));
    }

    [Fact]
    public void Headline_ManyAlerts_NamesThreeAndCountsTheRest()
    {
        var alerts = Enumerable.Range(1, 5).Select(number => SomeNotification.SlowResponse() with { RuleName = $"Rule {number}" }).ToArray();

        Assert.Equal("[FIRING:5] Rule 1, Rule 2, Rule 3 +2 more — Shop", NotificationText.Headline(SomeNotification.Message(alerts)));
    }

    [Fact]
    public void ShortText_MoreAlertsThanFit_ListsFiveAndCountsTheRest()
    {
        var alerts = Enumerable.Range(1, 7).Select(number => SomeNotification.Info() with { RuleName = $"Rule {number}" }).ToArray();

        var lines = NotificationText.ShortText(SomeNotification.Message(alerts), SomeNotification.Now).Split('\n');

        Assert.Equal(["[Vigil] Shop: FIRING:7", "- Rule 1 (info): deploys > 0, 1, for 3 min"], lines[..2]);
        Assert.Equal("+2 more", lines[^2]);
        Assert.Equal(SomeNotification.DashboardUrl.ToString(), lines[^1]);
    }

    [Theory]
    [InlineData(30, "less than a minute")]
    [InlineData(12 * 60, "12 min")]
    [InlineData(3 * 3600 + 5 * 60, "3 h 5 min")]
    [InlineData(2 * 86400 + 3600, "2 d 1 h")]
    public void Duration_Lengths_ReadInWholeUnits(int seconds, string expected)
    {
        Assert.Equal(expected, NotificationText.Duration(TimeSpan.FromSeconds(seconds)));
    }

    [Fact]
    public void Truncate_CutAtAnEmoji_DoesNotSplitIt()
    {
        Assert.Equal("ab…", NotificationText.Truncate("ab🔴cd", 4));
    }
}
