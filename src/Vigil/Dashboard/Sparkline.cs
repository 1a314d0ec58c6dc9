using System.Globalization;
using System.Text;

namespace Vigil.Dashboard;

/// <summary>A line drawn on the server (response times, occurrences per hour): the points of an SVG polyline, no script needed.</summary>
internal static class Sparkline
{
    /// <summary>
    /// Scales the values into <paramref name="width"/> × <paramref name="height"/> (the highest at the top, 0 at the
    /// bottom, all of it at the bottom when all are zero), averaging neighbours so at most <paramref name="maxPoints"/>
    /// remain; nulls (checks without a time) are left out. Empty when no value has a time; one value is a level line.
    /// </summary>
    public static string Points(IReadOnlyList<double?> values, double width, double height, int maxPoints = 120)
    {
        var timed = values.Where(value => value is not null).Select(value => value!.Value).ToList();
        if (timed.Count == 0)
        {
            return "";
        }
        var perPoint = (int)Math.Ceiling(timed.Count / (double)maxPoints);
        var points = timed.Chunk(perPoint).Select(chunk => chunk.Average()).ToList();
        if (points.Count == 1)
        {
            points.Add(points[0]);
        }
        var highest = points.Max();
        var scale = highest > 0 ? height / highest : 0;
        var step = width / (points.Count - 1);
        var text = new StringBuilder();
        for (var index = 0; index < points.Count; index++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{index * step:0.#},{height - points[index] * scale:0.#} ");
        }
        return text.ToString().TrimEnd();
    }
}
