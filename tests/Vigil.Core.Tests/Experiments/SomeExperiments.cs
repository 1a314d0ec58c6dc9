using Vigil.Core.Experiments;

namespace Vigil.Core.Tests.Experiments;

/// <summary>Designs and arms for the experiment math; the default design is 10 % baseline, +10 % lift, α 0.05, power 0.8.</summary>
internal static class SomeExperiments
{
    public static ExperimentDesign Design(ExperimentMethod method = ExperimentMethod.FixedHorizon, double alpha = 0.05) =>
        new(method, alpha, Power: 0.8, BaselineRate: 0.10, MinimumDetectableLift: 0.10);

    public static ArmCounts Control(long exposed, long converted, double weight = 1) => new("control", weight, exposed, converted);

    public static ArmCounts Treatment(long exposed, long converted, string variant = "treatment", double weight = 1) =>
        new(variant, weight, exposed, converted);

    /// <summary>Users per arm drawn one by one with the given conversion rates; equal exposures so the split never mismatches.</summary>
    public static (long ControlConverted, long TreatmentConverted) Draw(Random random, int users, double controlRate, double treatmentRate)
    {
        long control = 0, treatment = 0;
        for (var user = 0; user < users; user++)
        {
            control += random.NextDouble() < controlRate ? 1 : 0;
            treatment += random.NextDouble() < treatmentRate ? 1 : 0;
        }

        return (control, treatment);
    }
}
