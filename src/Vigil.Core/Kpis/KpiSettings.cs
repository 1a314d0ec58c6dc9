using Vigil.Core.Storage;

namespace Vigil.Core.Kpis;

/// <summary>
/// What makes a user paid: their first <see cref="PaidEvent"/>, not counting events whose
/// <see cref="PlanProperty"/> equals <see cref="FreePlanValue"/> (so a <c>plan_changed</c> event to the free plan
/// is no conversion). Without a plan property every such event counts.
/// </summary>
public sealed record KpiSettings(string PaidEvent, string? PlanProperty, string? FreePlanValue)
{
    public static KpiSettings Default { get; } = new("plan_upgraded", "plan", "free");

    public PropertyExclusion? Exclusion => PlanProperty is { Length: > 0 } property && FreePlanValue is { Length: > 0 } free ? new(property, free) : null;
}
