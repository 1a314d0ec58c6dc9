namespace Vigil.Core.Monitors;

/// <summary>A period a monitor was down: from its first down check to the first check up again (null while ongoing).</summary>
/// <param name="Reason">The first down check's reason: what broke.</param>
/// <param name="Checks">How many down checks it spans.</param>
public sealed record Incident(DateTimeOffset Start, DateTimeOffset? End, TimeSpan Duration, string? Reason, int Checks)
{
    public bool Ongoing => End is null;
}

public static class Incidents
{
    /// <summary>
    /// Consecutive down checks form one incident; a warning counts as up. An incident still down at the last check is
    /// ongoing, its duration running to <paramref name="now"/>. Newest first.
    /// </summary>
    /// <param name="results">One monitor's checks, oldest first.</param>
    public static IReadOnlyList<Incident> Build(IEnumerable<MonitorResult> results, DateTimeOffset now)
    {
        var incidents = new List<Incident>();
        MonitorResult? firstDown = null;
        var checks = 0;
        foreach (var result in results)
        {
            if (!result.IsUp)
            {
                firstDown ??= result;
                checks++;
            }
            else if (firstDown is not null)
            {
                incidents.Add(new Incident(firstDown.Timestamp, result.Timestamp, result.Timestamp - firstDown.Timestamp, firstDown.Reason, checks));
                (firstDown, checks) = (null, 0);
            }
        }
        if (firstDown is not null)
        {
            incidents.Add(new Incident(firstDown.Timestamp, null, now - firstDown.Timestamp, firstDown.Reason, checks));
        }
        incidents.Reverse();
        return incidents;
    }
}
