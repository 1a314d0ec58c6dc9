using Vigil.Alerts;
using Vigil.Core.Alerts;

namespace Vigil.Tests.Alerts;

public sealed class AlertsPageReaderTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void States_EachTransition_HasTheStatesOnEitherSide()
    {
        // Newest first, as the store lists them.
        var history = new[]
        {
            Entry("Slow", AlertTransition.Resolved, 4),
            Entry("Slow", AlertTransition.Firing, 3),
            Entry("Slow", AlertTransition.Pending, 2),
            Entry("Slow", AlertTransition.Cancelled, 1),
            Entry("Slow", AlertTransition.Pending, 0),
        };

        var rows = AlertsPageReader.States(history, [Rule("Slow", TimeSpan.FromMinutes(5))]);

        Assert.Equal(
            [
                (AlertStatus.Firing, AlertStatus.Inactive),
                (AlertStatus.Pending, AlertStatus.Firing),
                (AlertStatus.Inactive, AlertStatus.Pending),
                (AlertStatus.Pending, AlertStatus.Inactive),
                (AlertStatus.Inactive, AlertStatus.Pending),
            ],
            rows.Select(row => (row.From, row.To)));
    }

    [Fact]
    public void States_FiringWithoutAnEarlierEntry_ComesFromInactiveOnlyForARuleWithoutDuration()
    {
        var history = new[] { Entry("Errors", AlertTransition.Firing, 1), Entry("Slow", AlertTransition.Firing, 0) };

        var rows = AlertsPageReader.States(history, [Rule("Errors", TimeSpan.Zero), Rule("Slow", TimeSpan.FromMinutes(5))]);

        Assert.Equal([AlertStatus.Inactive, AlertStatus.Pending], rows.Select(row => row.From));
    }

    private static AlertHistoryEntry Entry(string rule, AlertTransition transition, int minute) =>
        new(1, rule, transition, Start.AddMinutes(minute), "p95_response_time = 4,000 ms");

    private static AlertRuleRow Rule(string name, TimeSpan duration) =>
        new(name, Severity.Warning, "p95_response_time > 3s", duration, null);
}
