namespace Vigil.Core.Alerts;

public enum AlertStatus
{
    Inactive,
    Pending,
    Firing,
}

/// <summary>
/// Where one rule stands. <see cref="ActiveAt"/> is when the condition started to hold (pending), <see cref="FiringSince"/>
/// when it fired, <see cref="ClearingSince"/> when a firing alert first met its resolve condition (for
/// <c>keep_firing_for</c>). The notification fields belong to the planner: when a firing message last went out,
/// and whether one went out at all in this firing episode (a resolution is only sent after one did).
/// </summary>
public sealed record AlertState(
    AlertStatus Status,
    DateTimeOffset? ActiveAt = null,
    DateTimeOffset? FiringSince = null,
    DateTimeOffset? ClearingSince = null,
    DateTimeOffset? LastNotifiedAt = null,
    bool FiringNotified = false)
{
    public static AlertState Inactive { get; } = new(AlertStatus.Inactive);
}

/// <summary>The three answers a condition can give: it holds, it does not, or there is nothing to judge it on.</summary>
public enum Outcome
{
    False,
    True,
    NoData,
}

public enum AlertTransition
{
    None,
    Pending,
    Firing,
    Resolved,

    /// <summary>A pending alert whose condition stopped holding before <c>duration</c>: nothing is sent.</summary>
    Cancelled,
}

public readonly record struct AlertStep(AlertState State, AlertTransition Transition);

/// <summary>
/// Prometheus's <c>for</c> semantics (REFERENCE.md "Alert rules"): pending at the first evaluation the condition holds;
/// firing at the first evaluation at least <c>duration</c> after that (at once when it is zero); a pending alert whose
/// condition fails is dropped. A firing alert resolves at the first evaluation its resolve condition holds (the
/// <c>clear</c> condition when the rule has one, else the condition failing), held firing until that has lasted
/// <c>keep_firing_for</c>; a breach in between restarts that clock.
/// </summary>
public static class AlertStateMachine
{
    public static AlertStep Step(AlertRule rule, AlertState state, Outcome condition, Outcome clear, DateTimeOffset now)
    {
        bool? breached = condition switch
        {
            Outcome.True => true,
            Outcome.False => false,
            _ => rule.NoData switch
            {
                NoDataPolicy.Ok => false,
                NoDataPolicy.Alerting => true,
                _ => null,
            },
        };
        if (breached is null)
        {
            return new AlertStep(state, AlertTransition.None);
        }

        switch (state.Status)
        {
            case AlertStatus.Inactive when breached.Value:
                return rule.Duration <= TimeSpan.Zero
                    ? new AlertStep(Fire(state, now, activeAt: now), AlertTransition.Firing)
                    : new AlertStep(state with { Status = AlertStatus.Pending, ActiveAt = now }, AlertTransition.Pending);
            case AlertStatus.Inactive:
                return new AlertStep(state, AlertTransition.None);
            case AlertStatus.Pending when !breached.Value:
                return new AlertStep(Reset(state), AlertTransition.Cancelled);
            case AlertStatus.Pending when now - state.ActiveAt >= rule.Duration:
                return new AlertStep(Fire(state, now, state.ActiveAt), AlertTransition.Firing);
            case AlertStatus.Pending:
                return new AlertStep(state, AlertTransition.None);
        }

        // Firing. Without a clear condition, the alert resolves once the condition fails; with one, a value between
        // the two thresholds keeps it firing, and no data resolves only when the rule says no data is fine.
        var resolving = rule.Clear is null
            ? !breached.Value
            : clear == Outcome.True || (condition == Outcome.NoData && !breached.Value);
        if (!resolving)
        {
            return new AlertStep(state.ClearingSince is null ? state : state with { ClearingSince = null }, AlertTransition.None);
        }
        var clearingSince = state.ClearingSince ?? now;
        return now - clearingSince >= rule.KeepFiringFor
            ? new AlertStep(Reset(state), AlertTransition.Resolved)
            : new AlertStep(state with { ClearingSince = clearingSince }, AlertTransition.None);
    }

    private static AlertState Fire(AlertState state, DateTimeOffset now, DateTimeOffset? activeAt) =>
        state with { Status = AlertStatus.Firing, ActiveAt = activeAt, FiringSince = now, ClearingSince = null };

    // The notification bookkeeping stays: the planner needs it to send the resolution, then clears it.
    private static AlertState Reset(AlertState state) =>
        state with { Status = AlertStatus.Inactive, ActiveAt = null, FiringSince = null, ClearingSince = null };
}
