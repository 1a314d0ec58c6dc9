using Vigil.Core.Monitors;

namespace Vigil.Core.Tests.Monitors;

public sealed class IncidentsTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);

    private static MonitorResult Check(int minute, MonitorState state, string? reason = null) =>
        new(1, 1, Start.AddMinutes(minute), state, null, 10, reason, null);

    [Fact]
    public void Build_TwoDownStreaksTheLastOngoing_NewestFirstWithFirstReasonAndDuration()
    {
        var checks = new[]
        {
            Check(0, MonitorState.Up),
            Check(1, MonitorState.Down, "status 500"),
            Check(2, MonitorState.Down, "no answer"),
            Check(3, MonitorState.Warning),
            Check(4, MonitorState.Up),
            Check(5, MonitorState.Down, "refused"),
        };

        var incidents = Incidents.Build(checks, Start.AddMinutes(8));

        Assert.Equal(
            [
                new Incident(Start.AddMinutes(5), null, TimeSpan.FromMinutes(3), "refused", 1),
                new Incident(Start.AddMinutes(1), Start.AddMinutes(3), TimeSpan.FromMinutes(2), "status 500", 2),
            ],
            incidents);
        Assert.True(incidents[0].Ongoing);
    }

    [Fact]
    public void Build_AllUpOrNone_NoIncidents()
    {
        Assert.Empty(Incidents.Build([Check(0, MonitorState.Up), Check(1, MonitorState.Warning)], Start));
        Assert.Empty(Incidents.Build([], Start));
    }
}
