using System.Text.RegularExpressions;
using Vigil.Core.Ingest;

namespace Vigil.Core.Experiments;

/// <summary>What an experiment definition sent by a client holds; any part may be missing or wrong until <see cref="ExperimentRules.Parse"/> says otherwise.</summary>
public sealed record ExperimentDraft(
    string? Key,
    string? Name,
    string? Hypothesis,
    IReadOnlyList<(string? Name, double? Weight)>? Variants,
    string? GoalEvent,
    string? Method,
    double? Alpha,
    double? Power,
    double? BaselineRate,
    double? MinimumDetectableLift);

/// <summary>A parsed definition, or the field at fault and why.</summary>
public sealed record ExperimentParse(Experiment? Experiment, string? Field, string? Reason);

/// <summary>What an experiment may say, and how its parts are written in the API.</summary>
public static partial class ExperimentRules
{
    public const int MaxKeyLength = 64;
    public const int MaxNameLength = 200;
    public const int MaxHypothesisLength = 2000;
    public const int MaxVariantNameLength = 64;
    public const int MinVariants = 2;
    public const int MaxVariants = 5;
    public const int MaxNoteLength = 2000;
    public const int MaxExperimentsPerProject = 200;
    public const double DefaultAlpha = 0.05;
    public const double DefaultPower = 0.8;

    /// <summary>The event the snippet and server assignment send; its properties <c>experiment</c> and <c>variant</c> say which.</summary>
    public const string ExposureEvent = "$exposure";

    /// <summary>PostHog's exposure event: <c>$feature_flag</c> names the flag (the experiment key), <c>$feature_flag_response</c> the variant.</summary>
    public const string FeatureFlagEvent = "$feature_flag_called";

    public static IReadOnlyList<ExperimentMethod> Methods { get; } = Enum.GetValues<ExperimentMethod>();

    public static IReadOnlyList<ExperimentStatus> Statuses { get; } = Enum.GetValues<ExperimentStatus>();

    public static string Name(ExperimentMethod method) => method == ExperimentMethod.FixedHorizon ? "fixed_horizon" : "sequential";

    public static string Name(ExperimentStatus status) => status.ToString().ToLowerInvariant();

    public static ExperimentMethod? ParseMethod(string? name) => Methods.Cast<ExperimentMethod?>().FirstOrDefault(method => Name(method!.Value) == name);

    public static ExperimentStatus? ParseStatus(string? name) => Statuses.Cast<ExperimentStatus?>().FirstOrDefault(status => Name(status!.Value) == name);

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]*$")]
    private static partial Regex Slug();

    /// <summary>Checks every part of a draft and builds the experiment (a draft of the project, id 0), or names the first field at fault.</summary>
    public static ExperimentParse Parse(long projectId, ExperimentDraft draft, DateTimeOffset now)
    {
        static ExperimentParse Refuse(string field, string reason) => new(null, field, reason);

        var key = draft.Key?.Trim() ?? "";
        if (key.Length is 0 or > MaxKeyLength || !Slug().IsMatch(key))
        {
            return Refuse("key", $"key must be 1–{MaxKeyLength} lower-case letters, digits, '-' or '_', starting with a letter or digit (e.g. checkout-button).");
        }
        var name = draft.Name?.Trim() ?? "";
        if (name.Length is 0 or > MaxNameLength)
        {
            return Refuse("name", $"name must be 1–{MaxNameLength} characters.");
        }
        var hypothesis = string.IsNullOrWhiteSpace(draft.Hypothesis) ? null : draft.Hypothesis.Trim();
        if (hypothesis is { Length: > MaxHypothesisLength })
        {
            return Refuse("hypothesis", $"hypothesis must be at most {MaxHypothesisLength} characters.");
        }
        if (draft.Variants is not { Count: >= MinVariants and <= MaxVariants } variants)
        {
            return Refuse("variants", $"variants must list {MinVariants}–{MaxVariants} arms, the control first.");
        }
        var parsedVariants = new List<ExperimentVariant>();
        for (var index = 0; index < variants.Count; index++)
        {
            var variantName = variants[index].Name?.Trim() ?? "";
            if (variantName.Length is 0 or > MaxVariantNameLength)
            {
                return Refuse($"variants[{index}].name", $"Each variant needs a name of 1–{MaxVariantNameLength} characters.");
            }
            if (parsedVariants.Any(variant => string.Equals(variant.Name, variantName, StringComparison.OrdinalIgnoreCase)))
            {
                return Refuse($"variants[{index}].name", $"The variant name '{variantName}' is used twice.");
            }
            var weight = variants[index].Weight ?? 1;
            if (!double.IsFinite(weight) || weight <= 0 || weight > 1e6)
            {
                return Refuse($"variants[{index}].weight", "A weight must be a number above 0 (and at most 1,000,000); shares are weight ÷ the sum of weights.");
            }
            parsedVariants.Add(new ExperimentVariant(variantName, weight));
        }
        var goalEvent = draft.GoalEvent?.Trim() ?? "";
        if (goalEvent.Length is 0 or > IngestLimits.MaxNameLength)
        {
            return Refuse("goalEvent", $"goalEvent must be the name of the event that counts as a conversion (1–{IngestLimits.MaxNameLength} characters).");
        }
        if (goalEvent is ExposureEvent or FeatureFlagEvent)
        {
            return Refuse("goalEvent", $"goalEvent cannot be the exposure event {goalEvent}.");
        }
        var method = draft.Method is null ? ExperimentMethod.FixedHorizon : ParseMethod(draft.Method);
        if (method is null)
        {
            return Refuse("method", $"method must be one of {string.Join(", ", Methods.Select(Name))}.");
        }
        var alpha = draft.Alpha ?? DefaultAlpha;
        if (!(alpha > 0 && alpha < 0.5))
        {
            return Refuse("alpha", "alpha must be above 0 and below 0.5 (0.05 is usual).");
        }
        var power = draft.Power ?? DefaultPower;
        if (!(power >= 0.5 && power < 1))
        {
            return Refuse("power", "power must be at least 0.5 and below 1 (0.8 is usual).");
        }
        if (draft.BaselineRate is not { } baseline || !(baseline > 0 && baseline < 1))
        {
            return Refuse("baselineRate", "baselineRate must be the control's expected conversion rate, above 0 and below 1 (0.04 = 4 %).");
        }
        if (draft.MinimumDetectableLift is not { } lift || !(lift > 0) || !(baseline * (1 + lift) < 1))
        {
            return Refuse("minimumDetectableLift", "minimumDetectableLift must be the relative lift to detect, above 0 (0.1 = +10 %), with baselineRate × (1 + lift) below 1.");
        }
        var design = new ExperimentDesign(method.Value, alpha, power, baseline, lift);
        return new ExperimentParse(
            new Experiment(0, projectId, key, name, hypothesis, parsedVariants, goalEvent, design, ExperimentStatus.Draft, now, null, null, null), null, null);
    }

    /// <summary>The stop decision's field at fault and why, or null when it names one of the variants.</summary>
    public static (string Field, string Reason)? CheckDecision(Experiment experiment, string? shippedVariant, string? note)
    {
        if (experiment.Variants.All(variant => variant.Name != shippedVariant))
        {
            return ("ship", $"ship must name the variant the team ships: one of {string.Join(", ", experiment.Variants.Select(variant => variant.Name))} ({experiment.Control} keeps the control).");
        }
        if (note is { Length: > MaxNoteLength })
        {
            return ("note", $"note must be at most {MaxNoteLength} characters.");
        }
        return null;
    }
}
