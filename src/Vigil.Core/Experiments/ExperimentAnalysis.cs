namespace Vigil.Core.Experiments;

/// <summary>Reads an A/B(/n) conversion experiment: per-arm statistics, sample ratio mismatch, and the verdict.</summary>
public static class ExperimentAnalysis
{
    /// <summary>Analyzes the arms (first = control) under the design; see <see cref="ExperimentVerdict"/> for the rules.</summary>
    public static ExperimentReadout Analyze(ExperimentDesign design, IReadOnlyList<ArmCounts> arms) =>
        throw new NotImplementedException();
}
