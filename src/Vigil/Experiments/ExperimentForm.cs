using System.Globalization;
using Vigil.Core.Experiments;

namespace Vigil.Experiments;

/// <summary>The experiment form's fields as typed: variants as "control, green", weights as "50, 50" (blank: equal).</summary>
internal sealed record ExperimentForm(
    string? Key, string? Name, string? Hypothesis, string? Variants, string? Weights, string? GoalEvent, string? Method,
    string? Alpha, string? Power, string? BaselineRate, string? MinimumDetectableLift)
{
    public static ExperimentForm Of(Experiment experiment) => new(
        experiment.Key, experiment.Name, experiment.Hypothesis, string.Join(", ", experiment.Variants.Select(variant => variant.Name)),
        string.Join(", ", experiment.Variants.Select(variant => Number(variant.Weight))), experiment.GoalEvent, ExperimentRules.Name(experiment.Design.Method),
        Number(experiment.Design.Alpha), Number(experiment.Design.Power), Number(experiment.Design.BaselineRate), Number(experiment.Design.MinimumDetectableLift));

    public static ExperimentForm Blank { get; } = new(
        null, null, null, "control, treatment", null, null, ExperimentRules.Name(ExperimentMethod.FixedHorizon),
        Number(ExperimentRules.DefaultAlpha), Number(ExperimentRules.DefaultPower), null, null);

    /// <summary>The draft the fields make, or the field that is not a number.</summary>
    public (ExperimentDraft? Draft, string? Field, string? Reason) ToDraft()
    {
        var names = Split(Variants);
        var weights = Split(Weights);
        var variants = new List<(string?, double?)>();
        for (var index = 0; index < names.Count; index++)
        {
            var weight = index < weights.Count ? weights[index] : null;
            if (!TryNumber(weight, out var parsed))
            {
                return (null, $"variants[{index}].weight", $"'{weight}' is not a number.");
            }
            variants.Add((names[index], parsed));
        }
        var numbers = new Dictionary<string, double?>();
        foreach (var (field, value) in new[] { ("alpha", Alpha), ("power", Power), ("baselineRate", BaselineRate), ("minimumDetectableLift", MinimumDetectableLift) })
        {
            if (!TryNumber(value, out var parsed))
            {
                return (null, field, $"'{value}' is not a number.");
            }
            numbers[field] = parsed;
        }
        return (new ExperimentDraft(
            Key, Name, Hypothesis, variants, GoalEvent, Method, numbers["alpha"], numbers["power"], numbers["baselineRate"], numbers["minimumDetectableLift"]), null, null);
    }

    private static List<string?> Split(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : text.Split(',').Select(part => string.IsNullOrWhiteSpace(part) ? null : part.Trim()).ToList();

    private static bool TryNumber(string? text, out double? number)
    {
        number = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }
        if (double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
        {
            number = parsed;
            return true;
        }
        return false;
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
