using System.Globalization;
using System.Text;

namespace Vigil.Core.Ingest.Prometheus;

/// <summary>Writes the Prometheus text exposition format (0.0.4): families with HELP and TYPE, samples with escaped label values.</summary>
public sealed class PrometheusTextWriter
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly StringBuilder _text = new();

    public PrometheusTextWriter Family(string name, string type, string help)
    {
        _text.Append("# HELP ").Append(name).Append(' ').Append(help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)).Append('\n');
        _text.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
        return this;
    }

    public PrometheusTextWriter Sample(string name, double value, params (string Name, string Value)[] labels)
    {
        _text.Append(name);
        if (labels.Length > 0)
        {
            _text.Append('{').AppendJoin(',', labels.Select(label => $"{label.Name}=\"{Escape(label.Value)}\"")).Append('}');
        }
        _text.Append(' ').Append(Format(value)).Append('\n');
        return this;
    }

    /// <summary>A histogram family from cumulative bucket counts (one per bound, in order), its count and sum.</summary>
    public PrometheusTextWriter Histogram(string name, string help, IReadOnlyList<double> bounds, IReadOnlyList<long> cumulativeCounts, long count, double sum)
    {
        Family(name, "histogram", help);
        for (var index = 0; index < bounds.Count; index++)
        {
            Sample(name + "_bucket", cumulativeCounts[index], ("le", Format(bounds[index])));
        }
        return Sample(name + "_bucket", count, ("le", "+Inf")).Sample(name + "_sum", sum).Sample(name + "_count", count);
    }

    public override string ToString() => _text.ToString();

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string Format(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ when double.IsNaN(value) => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };
}
